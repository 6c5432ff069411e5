import { Form, Link } from "@remix-run/react";

// Invitations to the person's address, on their account page: accepted with one click once
// the address is confirmed.

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/London" });

export interface WaitingInvitation {
  id: string;
  role: string;
  expiresAt: string | Date;
  inviterName: string;
  organisation: { name: string; slug: string };
}

export function InvitationsWaiting({
  invitations,
  emailVerified,
  error,
}: {
  invitations: WaitingInvitation[];
  emailVerified: boolean;
  error?: string;
}) {
  if (invitations.length === 0) return null;
  return (
    <section aria-labelledby="invitations-heading" id="invitations" className={error ? "govuk-form-group--error" : undefined}>
      <h2 className="govuk-heading-m" id="invitations-heading">
        Invitations waiting for you
      </h2>
      {error ? (
        <p className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <ul className="govuk-list">
        {invitations.map((invitation) => (
          <li key={invitation.id} className="govuk-!-margin-bottom-4">
            <p className="govuk-body govuk-!-margin-bottom-2">
              {invitation.inviterName} invited you to join{" "}
              <Link className="govuk-link" to={`/organisations/${invitation.organisation.slug}`}>
                {invitation.organisation.name}
              </Link>{" "}
              as {invitation.role === "owner" ? "an owner" : "a member"}. The invitation expires on{" "}
              {dateFormat.format(new Date(invitation.expiresAt))}.
            </p>
            {emailVerified ? (
              <Form method="post">
                <input type="hidden" name="intent" value="accept-invitation" />
                <input type="hidden" name="invitationId" value={invitation.id} />
                <button type="submit" className="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">
                  Accept<span className="govuk-visually-hidden"> the invitation to {invitation.organisation.name}</span>
                </button>
              </Form>
            ) : (
              <p className="govuk-inset-text">Confirm your email address first, then accept it here.</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
