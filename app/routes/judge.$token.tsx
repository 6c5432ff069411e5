import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Checkboxes, ErrorSummary, Radios, Textarea } from "~/components/forms";
import { replyFor, summaryFromReply } from "~/components/use-form";
import { comparePair, startComparing } from "~/models/judging/pairwise.server";
import { judgeForm } from "~/models/judging/schemas";
import { declareConflicts, judgePage, scoreTeam } from "~/models/judging/scoring.server";
import { enforceRateLimit } from "~/models/platform/rate-limit.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// A judge's page, opened from the link in their invitation: no account needed, phone-sized.
// First conflicts of interest, then a score per team (rubric) or one pair at a time (pairwise).
// The token is the judge's key: the request log redacts it (server/boundary.ts looksSecret).

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await enforceRateLimit(request, context, "judge");
  const page = await judgePage(params.token ?? "");
  const url = new URL(request.url);
  const teamId = url.searchParams.get("team");
  const scoring =
    page.event.mode === "rubric" && page.judge.conflictsDeclared
      ? (page.teams.find((t) => t.id === teamId) ?? null)
      : null;
  return {
    ...page,
    scoring,
    changingConflicts: !page.judge.conflictsDeclared || url.searchParams.get("conflicts") === "1",
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  await enforceRateLimit(request, context, "judge");
  const token = params.token ?? "";
  const here = `/judge/${token}`;
  return formAction(request, judgeForm, async (input) => {
    switch (input.intent) {
      case "declare-conflicts": {
        const { conflicts } = await declareConflicts(token, input);
        return redirectWithFlash(here, {
          kind: "success",
          title:
            conflicts === 0
              ? "You have no conflicts of interest"
              : `You declared ${conflicts === 1 ? "a conflict" : `${conflicts} conflicts`} of interest`,
          body: conflicts === 0 ? "You can now judge every team." : "You will not judge those teams.",
        });
      }
      case "score": {
        const { teamName } = await scoreTeam(token, input);
        return redirectWithFlash(here, { kind: "success", title: `Your scores for ${teamName} are saved` });
      }
      case "start":
        await startComparing(token);
        return redirectWithFlash(here, { kind: "info", title: "Here is your first pair" });
      case "compare": {
        const { done } = await comparePair(token, input);
        return redirectWithFlash(here, {
          kind: "success",
          title: done ? "You have compared every team you can" : "Saved. Here is your next pair",
        });
      }
    }
  });
}

export default function JudgeRoute() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const errors = summaryFromReply(reply);
  const conflictsReply = replyFor(reply, { intent: "declare-conflicts" });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">{page.event.hubName}</span>
        <h1 className="govuk-heading-l">Judging {page.event.title}</h1>
        <p className="govuk-body">
          Hello {page.judge.name}. Keep this page's address to yourself: it lets you judge without an account.
        </p>

        {page.changingConflicts ? (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="declare-conflicts" />
            <h2 className="govuk-heading-m">Conflicts of interest</h2>
            <p className="govuk-body">
              Tick any team you could not judge fairly: you know someone in it well, work with them, or helped them. You
              will not judge those teams.
            </p>
            {page.teams.length > 0 ? (
              <Checkboxes
                name="conflicts"
                legend="Teams you have a conflict of interest with"
                error={conflictsReply?.error?.conflicts?.[0]}
                options={page.teams.map((t) => ({ value: t.id, label: t.name, hint: t.challengeTitle }))}
                defaultValues={page.teams.filter((t) => t.conflicted).map((t) => t.id)}
              />
            ) : (
              <p className="govuk-body">There are no teams yet.</p>
            )}
            <Checkboxes
              name="none"
              legend="Or"
              options={[{ value: "yes", label: "None: I have no conflicts of interest" }]}
            />
            <Textarea name="reason" label="Why (optional, only the organisers see it)" rows={2} />
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Continue
            </button>
          </Form>
        ) : page.event.mode === "pairwise" ? (
          <Pairwise page={page} />
        ) : (
          <Rubric page={page} reply={reply} />
        )}
      </div>
    </div>
  );
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

function Rubric({ page, reply }: { page: Page; reply: unknown }) {
  const scoring = page.scoring;
  const sent = replyFor(reply, { intent: "score" });
  const kept = (sent?.initialValue as { scores?: Record<string, string> } | undefined)?.scores ?? {};
  return (
    <>
      <p className="govuk-body govuk-!-font-weight-bold">
        You have scored {page.progress.scored} of {page.progress.of} {page.progress.of === 1 ? "team" : "teams"}.
      </p>
      {scoring ? (
        scoring.conflicted ? (
          <div className="govuk-inset-text">
            You declared a conflict of interest with {scoring.name}, so you do not score it.
          </div>
        ) : (
          <Form method="post" noValidate className="govuk-!-margin-bottom-8">
            <input type="hidden" name="intent" value="score" />
            <input type="hidden" name="teamId" value={scoring.id} />
            <h2 className="govuk-heading-m">
              {scoring.name}
              <span className="govuk-caption-m">{scoring.challengeTitle}</span>
            </h2>
            {page.criteria.map((c) => (
              <Radios
                key={c.id}
                name={`scores.${c.id}`}
                legend={`${c.name}${c.adoption ? " (the council's question)" : ""}`}
                hint={`${c.description ? `${c.description} ` : ""}1 is the lowest, ${c.maxScore} the highest.`}
                error={sent?.error?.[`scores.${c.id}`]?.[0]}
                defaultValue={
                  kept[c.id] ?? (scoring.scores[c.id] !== undefined ? String(scoring.scores[c.id]) : undefined)
                }
                options={Array.from({ length: c.maxScore }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
              />
            ))}
            <button type="submit" className="govuk-button" data-module="govuk-button">
              Save scores for {scoring.name}
            </button>
          </Form>
        )
      ) : null}
      <h2 className="govuk-heading-m">Teams</h2>
      <ul className="govuk-list">
        {page.teams.map((t) => (
          <li key={t.id} className="govuk-!-margin-bottom-4">
            <span className="govuk-!-font-weight-bold">{t.name}</span>
            <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">{t.challengeTitle}</span>
            {t.conflicted ? (
              <span className="govuk-body-s govuk-!-display-block">You declared a conflict</span>
            ) : (
              <>
                <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">
                  {t.complete ? "Scored" : "Not scored yet"}
                </span>
                <Link className="govuk-link" to={`?team=${encodeURIComponent(t.id)}`}>
                  {t.complete ? "Change scores" : "Score"}
                  <span className="govuk-visually-hidden"> for {t.name}</span>
                </Link>
              </>
            )}
          </li>
        ))}
      </ul>
      <p className="govuk-body">
        <Link className="govuk-link" to="?conflicts=1">
          Change your conflicts of interest
        </Link>
      </p>
    </>
  );
}

function Pairwise({ page }: { page: Page }) {
  const { pair, compared } = page.pairwise;
  if (!pair) {
    return compared > 0 ? (
      <div className="govuk-panel govuk-panel--confirmation">
        <h2 className="govuk-panel__title">Thank you</h2>
        <div className="govuk-panel__body">You have compared every team you can ({compared} comparisons).</div>
      </div>
    ) : (
      <Form method="post">
        <input type="hidden" name="intent" value="start" />
        <p className="govuk-body">You will see two teams at a time and say which was better.</p>
        <button type="submit" className="govuk-button" data-module="govuk-button">
          Start comparing
        </button>
      </Form>
    );
  }
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value="compare" />
      <input type="hidden" name="aId" value={pair.a.id} />
      <input type="hidden" name="bId" value={pair.b.id} />
      <p className="govuk-body">Comparisons so far: {compared}</p>
      <Radios
        name="winner"
        legend={<span className="govuk-fieldset__heading">Which was better?</span>}
        options={[
          { value: "a", label: pair.a.name, hint: pair.a.challengeTitle },
          { value: "b", label: pair.b.name, hint: pair.b.challengeTitle },
        ]}
      />
      <button type="submit" className="govuk-button" data-module="govuk-button">
        Save and see the next team
      </button>
    </Form>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Judging ${data.event.title} – Nettle` : "Judging – Nettle" },
  { name: "robots", content: "noindex" },
];

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <p className="govuk-body">
            This judging link is not valid. It may have been replaced by a newer one: check your most recent email from
            the event's organisers, or ask them to send you a new link.
          </p>
        ),
      }}
    />
  );
}
