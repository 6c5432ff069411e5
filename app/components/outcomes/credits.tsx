import { Link } from "@remix-run/react";

// On a person's profile: the published outcomes they are credited on.
export function OutcomeCredits({
  credits,
}: {
  credits: { slug: string; title: string; council: string; role: string; lead: boolean }[];
}) {
  if (credits.length === 0) return null;
  return (
    <section aria-labelledby="credits-heading">
      <h2 className="govuk-heading-m" id="credits-heading">
        Work delivered
      </h2>
      <ul className="govuk-list">
        {credits.map((credit) => (
          <li key={credit.slug}>
            <Link className="govuk-link" to={`/outcomes/${credit.slug}`}>
              {credit.title}
            </Link>{" "}
            for {credit.council}
            {credit.lead ? " (lead)" : ""}
            {credit.role ? ` – ${credit.role}` : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}
