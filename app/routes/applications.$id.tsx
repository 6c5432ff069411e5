import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ApplicationStatusTag } from "~/components/applications/status-tag";
import { formatDate } from "~/components/council-challenges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Textarea, TextField } from "~/components/forms";
import { fieldError, replyFor, summaryFromReply, useNettleForm } from "~/components/use-form";
import { answerApplication, authorizeAnswer, getApplication } from "~/models/applications/applications.server";
import { applicationDirectionLabels } from "~/models/applications/labels";
import { applicationForm } from "~/models/applications/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// One offer of help or invitation. The person invited accepts or declines here (signed out,
// they sign in and come back to this page, then press one button); the council answers offers
// here and accepts into the team someone who accepted an invitation.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getApplication(user, params.id ?? "");
}

const done: Record<string, (name: string, title: string) => { title: string; body?: string }> = {
  "in-team": (name, title) => ({ title: `${name} is in the team for “${title}”`, body: "They have been told." }),
  "accepted-invitation": (_name, title) => ({ title: `You accepted the invitation to “${title}”`, body: "The council has been told and will confirm your place in the team." }),
  declined: () => ({ title: "Your answer is sent", body: "The other side has been told." }),
  withdrawn: () => ({ title: "Your offer to help is withdrawn" }),
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  return formAction(
    request,
    applicationForm,
    async (answer) => {
      const result = await answerApplication(user, id, answer);
      return redirectWithFlash(`/applications/${id}`, { kind: "success", ...done[result.outcome]!(result.name, result.title) });
    },
    { authorize: ({ intent }) => authorizeAnswer(user, id, intent) },
  );
}

export default function Application() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [, declineFields] = useNettleForm(applicationForm, { id: "decline", lastResult: replyFor(reply, { intent: "decline" }) });
  const hoursError = replyFor(reply, { intent: "accept" }) ?? replyFor(reply, { intent: "add-to-team" });
  const errors = summaryFromReply(reply, { note: "note", hours: "hours" });
  const { person, challenge } = page;
  const council = !page.viewerIsParticipant;
  const noteError = fieldError({ errors: declineFields.note?.errors });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={council ? `/challenges/${challenge.slug}/applications` : "/account/applications"}>
          {council ? "All offers and invitations" : "Your applications"}
        </Link>
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{challenge.title}</span>
        <h1 className="govuk-heading-l">
          {page.direction === "interest"
            ? page.viewerIsParticipant
              ? "Your offer to help"
              : `${person.name} offers to help`
            : page.viewerIsParticipant
              ? `${challenge.council} invites you`
              : `Invitation to ${person.name}`}
        </h1>
        <p className="govuk-body">
          <ApplicationStatusTag status={page.status} /> {applicationDirectionLabels[page.direction]} sent {formatDate(page.createdAt)}
          {page.status === "pending" && page.expiresAt ? `, open until ${formatDate(page.expiresAt)}` : ""}.
        </p>
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Challenge</dt>
            <dd className="govuk-summary-list__value">
              <Link className="govuk-link" to={`/challenges/${challenge.slug}`}>
                {challenge.title}
              </Link>{" "}
              ({challenge.council})
            </dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Person</dt>
            <dd className="govuk-summary-list__value">
              {person.name}
              {person.headline ? `, ${person.headline}` : ""}
              {person.hoursPerWeek ? ` (${person.hoursPerWeek} hours a week)` : ""}
            </dd>
          </div>
          {page.role ? (
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Role</dt>
              <dd className="govuk-summary-list__value">{page.role}</dd>
            </div>
          ) : null}
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{page.direction === "interest" ? "Their note" : `Message${page.invitedBy ? ` from ${page.invitedBy}` : ""}`}</dt>
            <dd className="govuk-summary-list__value nettle-pre-wrap">{page.message}</dd>
          </div>
          {page.responseNote ? (
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Answer</dt>
              <dd className="govuk-summary-list__value nettle-pre-wrap">{page.responseNote}</dd>
            </div>
          ) : null}
        </dl>

        {page.status === "expired" ? <p className="govuk-body">This invitation ran out before it was answered.</p> : null}
        {page.inTeam ? <p className="govuk-body">{page.viewerIsParticipant ? "You are" : `${person.name} is`} in the team.</p> : null}

        {page.can.answer ? (
          <>
            <h2 className="govuk-heading-m">Your answer</h2>
            <Form method="post">
              <input type="hidden" name="intent" value="accept" />
              {council ? (
                <HoursField defaultHours={person.hoursPerWeek} error={hoursError?.error?.hours?.[0]} team={page.team} />
              ) : null}
              <button type="submit" className="govuk-button" data-module="govuk-button">
                {council ? "Accept into the team" : "Accept invitation"}
              </button>
            </Form>
            <Form method="post" id="decline">
              <input type="hidden" name="intent" value="decline" />
              <Textarea
                name="note"
                label="Decline with a note (optional)"
                hint="Be kind and clear. If you write nothing, Nettle sends a short, polite note saying no."
                error={noteError}
                defaultValue={typeof declineFields.note?.initialValue === "string" ? declineFields.note.initialValue : undefined}
                rows={3}
              />
              <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                Decline
              </button>
            </Form>
          </>
        ) : null}

        {page.can.addToTeam ? (
          <>
            <h2 className="govuk-heading-m">{person.name} accepted the invitation</h2>
            <Form method="post">
              <input type="hidden" name="intent" value="add-to-team" />
              <HoursField defaultHours={person.hoursPerWeek} error={hoursError?.error?.hours?.[0]} team={page.team} />
              <button type="submit" className="govuk-button" data-module="govuk-button">
                Accept into the team
              </button>
            </Form>
          </>
        ) : null}

        {page.can.withdraw ? (
          <Form method="post">
            <input type="hidden" name="intent" value="withdraw" />
            <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
              Withdraw your offer
            </button>
          </Form>
        ) : null}
      </div>
    </div>
  );
}

function HoursField({ defaultHours, error, team }: { defaultHours: number | null; error?: string; team: { count: number; max: number | null } }) {
  return (
    <>
      <p className="govuk-body">
        {team.max ? `${team.count} of ${team.max} team places are taken.` : `${team.count} people are in the team.`}
      </p>
      <TextField
        name="hours"
        label="Hours a week in this team"
        hint={defaultHours ? `Leave as it is to use the ${defaultHours} hours in their profile.` : "How many hours a week they will give."}
        width="3"
        defaultValue={defaultHours ? String(defaultHours) : undefined}
        error={error}
      />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${applicationDirectionLabels[data.direction]} – ${data.challenge.title} – Nettle` : "Offer of help – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
