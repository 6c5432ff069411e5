import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { summaryFromReply } from "~/components/use-form";
import { applyFormation, formationPage, planOf, suggestFormation, type Suggestion } from "~/models/event-teams/formation/model.server";
import { formationForm } from "~/models/event-teams/formation/schemas";
import { authorizeEvent } from "~/models/events/policy.server";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// Suggested teams for the people not yet in one (organisers). "Suggest teams" computes and
// shows a suggestion without storing it; "Apply these teams" posts back exactly what was shown,
// which the model checks against the database again. Organisers adjust afterwards on the
// teams page.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return formationPage(user, params.slug ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  return formAction(
    request,
    formationForm,
    async (input) => {
      if (input.intent === "suggest") {
        const suggestion = await suggestFormation(user, slug);
        return { suggestion: view(suggestion) };
      }
      const { placed, teamsCreated } = await applyFormation(user, slug, input.plan);
      return redirectWithFlash(`/events/${slug}/teams`, {
        kind: "success",
        title: `${placed === 1 ? "1 person" : `${placed} people`} placed in teams`,
        body: `${teamsCreated === 1 ? "1 new team" : `${teamsCreated} new teams`}. You can move people between teams here.`,
      });
    },
    { hideFields: ["plan"], authorize: () => authorizeEvent(user, { slug }, "formTeams").then(() => undefined) },
  );
}

/** Only what the page renders, and the plan to post back. */
function view(suggestion: Suggestion) {
  const { result, skillNames } = suggestion;
  return {
    method: result.method,
    note: result.note,
    placed: result.placed,
    byRank: result.byRank,
    teams: result.teams
      .filter((t) => t.members.some((m) => !m.existing))
      .map((t) => ({
        key: t.key,
        name: t.name,
        challengeTitle: t.challengeTitle,
        existing: t.existingTeamId !== null,
        members: t.members.map((m) => ({ id: m.personId, name: m.name, rank: m.rank, existing: m.existing, covers: m.covers.map((s) => skillNames[s] ?? s) })),
        missing: t.missing.map((s) => skillNames[s] ?? s),
      })),
    gaps: result.gaps.map((g) => g.message),
    unplaced: result.unplaced.map((u) => u.reason),
    plan: JSON.stringify(planOf(suggestion)),
  };
}

type SuggestionView = ReturnType<typeof view>;

const ordinal = (rank: number | null) => (rank === null ? "Not chosen" : rank === 1 ? "1st choice" : rank === 2 ? "2nd choice" : rank === 3 ? "3rd choice" : `${rank}th choice`);

const methodWords = {
  optimal: "The best arrangement found by the solver (proven best).",
  time_limit: "A good arrangement, not proven best: the solver stopped at its time limit.",
  greedy: "A simple first-come arrangement.",
} as const;

export default function SuggestTeamsRoute() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const suggestion = (reply && typeof reply === "object" && "suggestion" in reply ? reply.suggestion : null) as SuggestionView | null;
  const errors = summaryFromReply(reply);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <Link className="govuk-back-link" to={`/events/${page.event.slug}/teams`}>
          Teams
        </Link>
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{page.event.title}</span>
        <h1 className="govuk-heading-l">Suggested teams</h1>
        <p className="govuk-body">
          {page.unassigned === 0
            ? "Everyone is in a team."
            : `${page.unassigned === 1 ? "1 person is" : `${page.unassigned} people are`} not in a team yet${page.event.started ? " (people checked in)" : ""}.`}{" "}
          Teams have {page.teamSizeMin} to {page.teamSizeMax} people. The suggestion keeps people near the challenges they ranked and gives each team someone with
          each essential skill where it can.
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="suggest" />
          <button type="submit" className={`govuk-button${suggestion ? " govuk-button--secondary" : ""}`} data-module="govuk-button" disabled={page.unassigned === 0}>
            {suggestion ? "Suggest teams again" : "Suggest teams"}
          </button>
        </Form>

        {suggestion ? (
          <>
            <h2 className="govuk-heading-m" id="suggestion">
              The suggestion
            </h2>
            <p className="govuk-body">{methodWords[suggestion.method]}</p>
            {suggestion.note ? <div className="govuk-inset-text">{suggestion.note}</div> : null}
            <p className="govuk-body" data-testid="first-choice">
              {suggestion.byRank.first} of {suggestion.placed} {suggestion.placed === 1 ? "person gets" : "people get"} their first choice
              {suggestion.byRank.second ? `, ${suggestion.byRank.second} their second` : ""}
              {suggestion.byRank.third ? `, ${suggestion.byRank.third} their third` : ""}
              {suggestion.byRank.unranked ? `, ${suggestion.byRank.unranked} a challenge they did not choose` : ""}.
            </p>
            {suggestion.gaps.length || suggestion.unplaced.length ? (
              <div className="govuk-warning-text">
                <span className="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <div className="govuk-warning-text__text">
                  <span className="govuk-visually-hidden">Warning</span>
                  Not everything could be covered:
                  <ul className="govuk-list govuk-list--bullet" data-testid="gaps">
                    {[...suggestion.gaps, ...suggestion.unplaced].map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </div>
              </div>
            ) : (
              <p className="govuk-body">Every team has someone with each essential skill of its challenge.</p>
            )}
            {suggestion.teams.map((team) => (
              <table className="govuk-table" key={team.key}>
                <caption className="govuk-table__caption govuk-table__caption--s">
                  {team.name} <span className="govuk-caption-s">{team.existing ? `Existing team · ${team.challengeTitle}` : `New team · ${team.challengeTitle}`}</span>
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Person
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Choice
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Essential skills they bring
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {team.members.map((m) => (
                    <tr className="govuk-table__row" key={m.id}>
                      <td className="govuk-table__cell">
                        {m.name}
                        {m.existing ? " (already in the team)" : ""}
                      </td>
                      <td className="govuk-table__cell">{m.existing ? "–" : ordinal(m.rank)}</td>
                      <td className="govuk-table__cell">{m.covers.length ? m.covers.join(", ") : "–"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
            <Form method="post">
              <input type="hidden" name="intent" value="apply" />
              <input type="hidden" name="plan" value={suggestion.plan} />
              <button type="submit" className="govuk-button" data-module="govuk-button">
                Apply these teams
              </button>
            </Form>
          </>
        ) : null}
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Suggested teams – ${data.event.title} – Nettle` : "Event not found – Nettle" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
