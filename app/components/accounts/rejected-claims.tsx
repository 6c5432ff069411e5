import { Link } from "@remix-run/react";

// Claims to represent a council that a hub organiser turned down, with what they said.

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/London" });

export interface RejectedClaim {
  id: string;
  at: string | Date;
  council: { name: string; slug: string };
  comment: string;
}

export function RejectedClaims({ claims }: { claims: RejectedClaim[] }) {
  if (claims.length === 0) return null;
  return (
    <section aria-labelledby="rejected-claims">
      <h2 className="govuk-heading-m" id="rejected-claims">
        Claims a hub organiser turned down
      </h2>
      {claims.map((claim) => (
        <div className="govuk-inset-text" key={claim.id}>
          <p className="govuk-body">
            Your claim to represent{" "}
            <Link className="govuk-link" to={`/organisations/${claim.council.slug}`}>
              {claim.council.name}
            </Link>{" "}
            was not accepted on {dateFormat.format(new Date(claim.at))}.
          </p>
          {claim.comment ? <p className="govuk-body nettle-user-text">The organiser said: “{claim.comment}”</p> : null}
        </div>
      ))}
    </section>
  );
}
