import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { summaryFromReply } from "~/components/use-form";
import { authorizeEvent } from "~/models/events/policy.server";
import { votingForm } from "~/models/judging/schemas";
import { closeVoting, openVoting, votingOverview } from "~/models/judging/voting.server";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// People's choice for the organisers: open and close the vote. How many votes each team has
// stays hidden, here too, until voting closes; closing gives the people's choice award.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await votingOverview(user, params.slug ?? "");
  return { ...page, confirmClose: page.state === "open" && new URL(request.url).searchParams.get("close") === "1" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const here = `/events/${slug}/voting`;
  return formAction(
    request,
    votingForm,
    async (input) => {
      if (input.intent === "open-voting") {
        await openVoting(user, slug);
        return redirectWithFlash(here, {
          kind: "success",
          title: "Voting is open",
          body: `Attendees who are checked in can vote at /events/${slug}/vote.`,
        });
      }
      const { winners } = await closeVoting(user, slug);
      return redirectWithFlash(here, {
        kind: "success",
        title: "Voting is closed",
        body:
          winners.length === 0
            ? "Nobody voted."
            : `People's choice: ${winners.join(" and ")}. Announce it on the awards page.`,
      });
    },
    { refusalsAsErrorPage: true, authorize: async () => void (await authorizeEvent(user, { slug }, "runJudging")) },
  );
}

export default function VotingRoute() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const base = `/events/${page.event.slug}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`${base}/judging`}>
          Judging
        </Link>
        <ErrorSummary errors={summaryFromReply(reply)} />
        <span className="govuk-caption-l">{page.event.title}</span>
        <h1 className="govuk-heading-l">People's choice</h1>
        <p className="govuk-body">
          Each attendee who is checked in has one vote, and cannot vote for their own team. They vote at{" "}
          <Link className="govuk-link" to={`${base}/vote`}>
            {base}/vote
          </Link>
          .
        </p>
        {page.state === "not_open" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="open-voting" />
            <p className="govuk-body">{page.attendees} attendees are checked in.</p>
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Open voting
            </button>
          </Form>
        ) : page.state === "open" ? (
          <>
            <p className="govuk-body govuk-!-font-weight-bold">
              Voting is open. {page.cast} of {page.attendees} attendees have voted.
            </p>
            <p className="govuk-body">How many votes each team has is hidden from everyone until you close voting.</p>
            {page.confirmClose ? (
              <Form method="post">
                <input type="hidden" name="intent" value="close-voting" />
                <h2 className="govuk-heading-m">Close voting?</h2>
                <p className="govuk-body">
                  Nobody can vote after this. The team with most votes gets the people's choice award.
                </p>
                <div className="govuk-button-group">
                  <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                    Yes, close voting
                  </button>
                  <Link className="govuk-link" to=".">
                    Cancel
                  </Link>
                </div>
              </Form>
            ) : (
              <Link
                className="govuk-button govuk-button--warning"
                data-module="govuk-button"
                role="button"
                draggable={false}
                to="?close=1"
              >
                Close voting
              </Link>
            )}
          </>
        ) : (
          <>
            <p className="govuk-body govuk-!-font-weight-bold">
              Voting is closed.{" "}
              {page.winners.length === 0
                ? "Nobody voted."
                : `People's choice: ${page.winners.map((w) => w.name).join(" and ")}.`}
            </p>
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--s">Votes</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Team
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Votes
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {(page.counts ?? []).map((c) => (
                  <tr key={c.teamId} className="govuk-table__row">
                    <td className="govuk-table__cell">{c.name}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{c.votes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="govuk-body">
              <Link className="govuk-link" to={`${base}/awards`}>
                Announce the awards
              </Link>
            </p>
          </>
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
