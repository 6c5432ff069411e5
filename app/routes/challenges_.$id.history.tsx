import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatDate, WarningText } from "~/components/challenge-summary";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { summaryFromReply } from "~/components/use-form";
import { parseRedactTarget, redactKey, type TimelineItem } from "~/models/challenges/history";
import { getChallengeHistory, redactHistoryValue } from "~/models/challenges/history.server";
import { redactForm } from "~/models/challenges/schemas";
import { statusLabels } from "~/models/challenges/status";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// A challenge's full history with old values, for its council, the hubs that serve it and
// admins; owners and hub organisers can remove a value from it for good (after confirming).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const removing = parseRedactTarget(new URL(request.url).searchParams.get("remove"));
  const result = await getChallengeHistory(user, params.id ?? "", removing);
  // Others see the public history on the public page: a public challenge's id is public anyway.
  if (result.kind === "public-page") throw redirect(`/challenges/${result.slug}`);
  return result.page;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const here = `/challenges/${params.id ?? ""}/history`;
  return formAction(request, redactForm, async ({ value: target, confirm }) => {
    // Removing cannot be undone: it always goes through the confirmation step first.
    if (confirm !== "yes") return redirect(`${here}?remove=${redactKey(target)}#confirm`);
    const { field } = await redactHistoryValue(user, params.id ?? "", target);
    return redirectWithFlash(here, {
      kind: "success",
      title: `The old value of “${field}” has been removed`,
      body: "It is gone from the history everywhere. The history now says that a value was removed.",
    });
  });
}

export default function ChallengeHistory() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/challenges/${page.challenge.id}/review`}>
          Back to the challenge
        </Link>
        <ErrorSummary errors={summaryFromReply(reply)} />
        <span className="govuk-caption-l">{page.challenge.council}</span>
        <h1 className="govuk-heading-l">History of “{page.challenge.title}”</h1>
        <p className="govuk-body">
          The public sees which parts changed and when. Old values are shown only to the council, organisers of hubs
          that serve it and Nettle admins.
        </p>
        {page.canRedact ? (
          <p className="govuk-body">
            If an old value should never have been published, for example a resident&apos;s name or address, remove it.
            Every copy of it goes from the history, and the history says that a value was removed, when and by whom.
          </p>
        ) : null}
        {page.confirm ? <ConfirmRemoval /> : null}
        {page.timeline.length === 0 ? <p className="govuk-body">Nothing has happened yet.</p> : null}
        <ol className="govuk-list">
          {[...page.timeline].reverse().map((event) => (
            <li key={event.id} className="govuk-!-margin-bottom-6">
              <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                <time dateTime={new Date(event.at).toISOString()}>{formatDate(event.at)}</time>
              </h2>
              <Entry event={event} canRedact={page.canRedact} />
              {event.commentHtml ? (
                <div className="govuk-body-s" dangerouslySetInnerHTML={{ __html: event.commentHtml }} />
              ) : null}
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}

function Entry({ event, canRedact }: { event: TimelineItem; canRedact: boolean }) {
  if (event.kind === "status") {
    return (
      <p className="govuk-body">
        {event.toStatus ? `Status: ${statusLabels[event.toStatus]}` : "Status changed"}
        {event.fromStatus ? ` (was ${statusLabels[event.fromStatus]})` : ""}
      </p>
    );
  }
  if (event.kind !== "edit") return <p className="govuk-body">{event.note}</p>;
  return (
    <dl className="govuk-summary-list">
      {event.changes.map((change) => (
        <div className="govuk-summary-list__row" key={change.field}>
          <dt className="govuk-summary-list__key">{change.label}</dt>
          <dd className="govuk-summary-list__value">
            {(["from", "to"] as const).map((side) => {
              const removed = side === "from" ? change.fromRemoved : change.toRemoved;
              const value = change[side];
              const key = redactKey({ eventId: event.id, field: change.field, side });
              return (
                <p className="govuk-body nettle-break-anywhere" key={side}>
                  <span className="govuk-!-font-weight-bold">{side === "from" ? "Was: " : "Became: "}</span>
                  {removed ? <em>(removed)</em> : `“${value ?? ""}”`}
                  {canRedact && !removed ? (
                    <>
                      {" "}
                      <Link className="govuk-link govuk-body-s" to={`?remove=${key}#confirm`}>
                        Remove
                        <span className="govuk-visually-hidden">
                          {" "}
                          the value {side === "from" ? "it was" : "it became"} in {change.label} on{" "}
                          {formatDate(event.at)}
                        </span>
                      </Link>
                    </>
                  ) : null}
                </p>
              );
            })}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function ConfirmRemoval() {
  const { confirm } = useLoaderData<typeof loader>();
  if (!confirm) return null;
  return (
    <div className="govuk-inset-text" id="confirm">
      <h2 className="govuk-heading-m">Remove this value of “{confirm.label}” from the history?</h2>
      <p className="govuk-body">From the change on {formatDate(confirm.at)}:</p>
      <p className="govuk-body nettle-break-anywhere">“{confirm.value}”</p>
      <WarningText>
        Every copy of this value will be removed from the history for good. You cannot undo this. The history will say
        that a value was removed, when and by whom.
      </WarningText>
      <Form method="post" className="govuk-button-group govuk-!-margin-top-4">
        <input type="hidden" name="intent" value="redact" />
        <input type="hidden" name="value" value={confirm.key} />
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
          Remove value
        </button>
        <Link className="govuk-link" to=".">
          Cancel
        </Link>
      </Form>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `History – ${page.challenge.title} – Nettle` : "History – Nettle" },
  { name: "robots", content: "noindex" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
