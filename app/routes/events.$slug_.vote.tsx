import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Radios } from "~/components/forms";
import { replyFor, summaryFromReply } from "~/components/use-form";
import { authorizeEvent } from "~/models/events/policy.server";
import { formatEventTime } from "~/models/events/time";
import { UNDO_SECONDS, voteForm } from "~/models/judging/schemas";
import { castVote, undoVote, votePage } from "~/models/judging/voting.server";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// People's choice for attendees: one vote, not for your own team, changeable for a couple of
// minutes. The counts appear only once the organisers close voting.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return votePage(user, params.slug ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const here = `/events/${slug}/vote`;
  return formAction(
    request,
    voteForm,
    async (input) => {
      if (input.intent === "undo") {
        await undoVote(user, slug);
        return redirectWithFlash(here, {
          kind: "success",
          title: "Your vote is taken back",
          body: "You can vote again.",
        });
      }
      const { teamName } = await castVote(user, slug, input.teamId);
      return redirectWithFlash(here, { kind: "success", title: `You voted for ${teamName}` });
    },
    { authorize: async () => void (await authorizeEvent(user, { slug }, "attendee")) },
  );
}

export default function VoteRoute() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const sent = replyFor(reply, { intent: "vote" });
  const voted = page.vote ? page.teams.find((t) => t.id === page.vote!.teamId) : null;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/events/${page.event.slug}`}>
          {page.event.title}
        </Link>
        <ErrorSummary errors={summaryFromReply(reply)} />
        <span className="govuk-caption-l">{page.event.title}</span>
        <h1 className="govuk-heading-l">People's choice</h1>
        {page.state === "closed" ? (
          <>
            <p className="govuk-body">Voting has closed.{voted ? ` You voted for ${voted.name}.` : ""}</p>
            {page.counts ? (
              <ul className="govuk-list">
                {page.counts.map((c) => (
                  <li key={c.teamId}>
                    {c.name}: {c.votes} {c.votes === 1 ? "vote" : "votes"}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : page.state === "not_open" ? (
          <p className="govuk-body">Voting has not opened yet. The organisers will open it after the presentations.</p>
        ) : !page.mayVote ? (
          <p className="govuk-body">
            Only people checked in at the event can vote. If you are here, ask an organiser to check you in.
          </p>
        ) : voted ? (
          <>
            <div className="govuk-panel govuk-panel--confirmation">
              <h2 className="govuk-panel__title">You voted for {voted.name}</h2>
            </div>
            {page.vote?.mayUndo && page.vote.undoUntil ? (
              <Form method="post">
                <input type="hidden" name="intent" value="undo" />
                <p className="govuk-body">
                  You can change your vote until {formatEventTime(new Date(page.vote.undoUntil))}.
                </p>
                <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                  Change my vote
                </button>
              </Form>
            ) : (
              <p className="govuk-body">Votes can be changed only in the {UNDO_SECONDS / 60} minutes after voting.</p>
            )}
          </>
        ) : (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="vote" />
            <Radios
              name="teamId"
              legend="Which team should win the people's choice award?"
              hint="You have one vote. You cannot vote for your own team."
              error={sent?.error?.teamId?.[0]}
              defaultValue={typeof sent?.initialValue?.teamId === "string" ? sent.initialValue.teamId : undefined}
              options={page.teams
                .filter((t) => !t.own)
                .map((t) => ({ value: t.id, label: t.name, hint: t.challengeTitle }))}
            />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Vote
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `People's choice – ${data.event.title} – Nettle` : "People's choice – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
