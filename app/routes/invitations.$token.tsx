import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { summaryFromReply } from "~/components/use-form";
import {
  acceptInvitation,
  EMAIL_MISMATCH_MESSAGE,
  getInvitationByToken,
  invitationStatusMessages,
} from "~/models/organisations/invitation.server";
import { organisationKindLabels } from "~/models/organisations/labels";
import { acceptInvitationForm } from "~/models/organisations/schemas";
import { notFound } from "~/models/platform/errors";
import { getUser, requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const invitation = await getInvitationByToken(token);
  if (!invitation) throw notFound();
  const user = await getUser(request);
  const back = encodeURIComponent(`/invitations/${token}`);
  return {
    organisation: {
      name: invitation.organisation.name,
      slug: invitation.organisation.slug,
      kind: invitation.organisation.kind,
    },
    role: invitation.role,
    inviterName: invitation.inviterName,
    expiresAt: invitation.expiresAt,
    status: invitation.status,
    statusMessage: invitation.status === "pending" ? null : invitationStatusMessages[invitation.status],
    // The invited address itself is not shown: links get forwarded.
    viewer: user
      ? {
          email: user.email,
          emailVerified: user.emailVerifiedAt !== null,
          emailMatches: user.email === invitation.email,
        }
      : null,
    mismatchMessage: EMAIL_MISMATCH_MESSAGE,
    signInHref: `/signin?redirectTo=${back}`,
    signUpHref: `/signup?redirectTo=${back}`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return formAction(request, acceptInvitationForm, async () => {
    const joined = await acceptInvitation(user, params.token ?? "");
    return redirectWithFlash(`/organisations/${joined.slug}`, {
      kind: "success",
      title: `You have joined ${joined.organisationName}`,
      body: `You are ${joined.role === "owner" ? "an owner" : "a member"}.`,
    });
  });
}

const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/London" });

export default function Invitation() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { organisation, viewer } = page;
  const kind = organisationKindLabels[organisation.kind].toLowerCase();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summaryFromReply(reply)} />
        <h1 className="govuk-heading-l">Invitation to join {organisation.name}</h1>
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Organisation</dt>
            <dd className="govuk-summary-list__value">
              <Link className="govuk-link" to={`/organisations/${organisation.slug}`}>
                {organisation.name}
              </Link>{" "}
              ({kind})
            </dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Role</dt>
            <dd className="govuk-summary-list__value">{page.role === "owner" ? "Owner" : "Member"}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Invited by</dt>
            <dd className="govuk-summary-list__value">{page.inviterName}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{page.status === "expired" ? "Expired" : "Expires"}</dt>
            <dd className="govuk-summary-list__value">{dateTime.format(new Date(page.expiresAt))}</dd>
          </div>
        </dl>

        {page.statusMessage ? (
          <div className="govuk-inset-text">{page.statusMessage}</div>
        ) : !viewer ? (
          <>
            <p className="govuk-body">To accept, sign in with the email address this invitation was sent to.</p>
            <div className="govuk-button-group">
              <Link
                className="govuk-button"
                data-module="govuk-button"
                role="button"
                draggable={false}
                to={page.signInHref}
              >
                Sign in to accept
              </Link>
              <Link className="govuk-link" to={page.signUpHref}>
                Create an account
              </Link>
            </div>
          </>
        ) : !viewer.emailVerified ? (
          <div className="govuk-inset-text">
            Confirm your email address before you accept.{" "}
            <Link className="govuk-link" to="/verify-email">
              Send the confirmation email again
            </Link>
            , then come back to this link.
          </div>
        ) : !viewer.emailMatches ? (
          <div className="govuk-inset-text">
            {page.mismatchMessage} You are signed in as {viewer.email}.
          </div>
        ) : (
          <Form method="post">
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Accept invitation
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Invitation to join ${data.organisation.name} – Nettle` : "Invitation not found – Nettle" },
];

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <p className="govuk-body">
            This invitation link is not valid. Check you copied the whole link from the email, or ask an owner of the
            organisation to invite you again.
          </p>
        ),
      }}
    />
  );
}
