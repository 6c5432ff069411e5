import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, Radios, Textarea, TextField } from "~/components/forms";
import { replyFor, summaryFromReply, useNettleForm } from "~/components/use-form";
import { formatEventDate, formatEventTime } from "~/models/events/time";
import { authorizeEvent } from "~/models/events/policy.server";
import { addCriterion, editCriterion, removeCriterion, setJudgingMode } from "~/models/judging/criteria.server";
import { inviteJudge, resendJudgeLink, revokeJudge } from "~/models/judging/judges.server";
import { judgingOverview, publishResults, unpublishResults } from "~/models/judging/results.server";
import { judgingForm } from "~/models/judging/schemas";
import { requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

// The organisers' judging page: how judges judge, the criteria and their weights, the judges
// (invited by email) with their progress, and the results so far, which they publish.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await judgingOverview(user, params.slug ?? "");
  const url = new URL(request.url);
  const editing = page.criteria.find((c) => c.id === url.searchParams.get("edit")) ?? null;
  const removing = page.criteria.find((c) => c.id === url.searchParams.get("remove") && !c.adoption) ?? null;
  const revoking = page.judges.find((j) => j.id === url.searchParams.get("revoke") && !j.revoked) ?? null;
  return {
    ...page,
    editing,
    removing: removing && { id: removing.id, name: removing.name, scores: removing.scores },
    revoking: revoking && { id: revoking.id, name: revoking.name },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const here = `/events/${slug}/judging`;
  return formAction(
    request,
    judgingForm,
    async (input) => {
      switch (input.intent) {
        case "add-criterion": {
          const { name } = await addCriterion(user, slug, input);
          return redirectWithFlash(here, { kind: "success", title: `“${name}” added` });
        }
        case "edit-criterion": {
          const { name } = await editCriterion(user, slug, input.criterionId, input);
          return redirectWithFlash(here, {
            kind: "success",
            title: `“${name}” changed`,
            body: "The results are recalculated with the new weight.",
          });
        }
        case "remove-criterion": {
          const { name, scoresRemoved } = await removeCriterion(user, slug, input.criterionId);
          return redirectWithFlash(here, {
            kind: "success",
            title: `“${name}” removed`,
            body: scoresRemoved ? `${scoresRemoved} scores on it were removed.` : undefined,
          });
        }
        case "set-mode":
          await setJudgingMode(user, slug, input.judgingMode);
          return redirectWithFlash(here, {
            kind: "success",
            title:
              input.judgingMode === "pairwise"
                ? "Judges will compare teams two at a time"
                : "Judges will score each team on the criteria",
          });
        case "invite-judge": {
          const { email } = await inviteJudge(user, slug, input);
          return redirectWithFlash(here, { kind: "success", title: `We have emailed ${email} a link to judge` });
        }
        case "resend-judge": {
          const { email } = await resendJudgeLink(user, slug, input.judgeId);
          return redirectWithFlash(here, {
            kind: "success",
            title: `We have emailed ${email} a new link`,
            body: "The old link no longer works.",
          });
        }
        case "revoke-judge": {
          const { name } = await revokeJudge(user, slug, input.judgeId);
          return redirectWithFlash(here, {
            kind: "success",
            title: `${name}'s link no longer works`,
            body: "Their scores so far still count.",
          });
        }
        case "publish-results":
          await publishResults(user, slug);
          return redirectWithFlash(here, { kind: "success", title: "The results are published" });
        case "unpublish-results":
          await unpublishResults(user, slug);
          return redirectWithFlash(here, { kind: "success", title: "The results are hidden again" });
      }
    },
    { authorize: async () => void (await authorizeEvent(user, { slug }, "runJudging")) },
  );
}

export default function JudgingRoute() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [, criterionFields] = useNettleForm(judgingForm, {
    id: "add-criterion",
    lastResult: replyFor(reply, { intent: "add-criterion" }),
    defaultValue: { weight: "1", maxScore: "5" },
  });
  const [, judgeFields] = useNettleForm(judgingForm, {
    id: "invite-judge",
    lastResult: replyFor(reply, { intent: "invite-judge" }),
  });
  const editReply = page.editing
    ? replyFor(reply, { intent: "edit-criterion", criterionId: page.editing.id })
    : undefined;
  const kept = (editReply?.initialValue ?? {}) as Record<string, string>;
  const base = `/events/${page.event.slug}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`${base}/manage`}>
          {page.event.title}
        </Link>
        <ErrorSummary errors={summaryFromReply(reply)} />
        <span className="govuk-caption-l">{page.event.title}</span>
        <h1 className="govuk-heading-l">Judging</h1>
        <p className="govuk-body">
          <Link className="govuk-link" to={`${base}/voting`}>
            People's choice voting
          </Link>{" "}
          ·{" "}
          <Link className="govuk-link" to={`${base}/awards`}>
            Awards
          </Link>
        </p>

        {page.removing ? (
          <Confirm
            title={`Remove “${page.removing.name}”?`}
            body={
              page.removing.scores
                ? `The ${page.removing.scores} scores judges gave on it will be removed too.`
                : "No judge has scored it yet."
            }
          >
            <input type="hidden" name="intent" value="remove-criterion" />
            <input type="hidden" name="criterionId" value={page.removing.id} />
          </Confirm>
        ) : null}
        {page.revoking ? (
          <Confirm
            title={`Stop ${page.revoking.name}'s link?`}
            body="They will no longer be able to judge. Their scores so far still count. You can send them a new link later."
          >
            <input type="hidden" name="intent" value="revoke-judge" />
            <input type="hidden" name="judgeId" value={page.revoking.id} />
          </Confirm>
        ) : null}

        <h2 className="govuk-heading-m">Results</h2>
        {page.results.length === 0 ? (
          <p className="govuk-body">There are no teams yet.</p>
        ) : (
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Results so far</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Place
                </th>
                <th scope="col" className="govuk-table__header">
                  Team
                </th>
                <th scope="col" className="govuk-table__header">
                  {page.mode === "pairwise" ? "Strength" : "Score"}
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {page.results.map((r) => (
                <tr key={r.teamId} className="govuk-table__row">
                  <td className="govuk-table__cell">{r.rankLabel}</td>
                  <td className="govuk-table__cell">
                    {r.name}
                    <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">{r.challengeTitle}</span>
                    {r.fewJudges ? <strong className="govuk-tag govuk-tag--yellow">Fewer than 2 judges</strong> : null}
                  </td>
                  <td className="govuk-table__cell">
                    {r.score ?? "–"}
                    <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">
                      {page.mode === "pairwise"
                        ? `${r.comparisons} comparisons`
                        : r.rawPercent === null
                          ? "Not scored"
                          : `raw ${r.rawPercent}%, ${r.judges} ${r.judges === 1 ? "judge" : "judges"}`}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">How the score is worked out</span>
          </summary>
          <div className="govuk-details__text">
            Each judge's scores on each criterion are compared with the other scores that judge gave, so a judge who
            marks harshly counts the same as one who marks generously. These are weighted by the criteria's weights and
            averaged over the judges who scored the team. Teams level to 2 decimal places share a place (“=2nd”). The
            raw percentage is the plain weighted score, for comparison.
          </div>
        </details>
        <div className="govuk-button-group">
          {page.resultsPublishedAt ? (
            <Form method="post">
              <input type="hidden" name="intent" value="unpublish-results" />
              <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                Hide the results
              </button>
            </Form>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="publish-results" />
              <button type="submit" className="govuk-button" data-module="govuk-button">
                Publish the results
              </button>
            </Form>
          )}
          <a className="govuk-link" href={`${base}/judging/scores.csv`} download>
            Download the scores (CSV)
          </a>
        </div>
        <p className="govuk-body">
          {page.resultsPublishedAt
            ? "The results are public on the showcase."
            : "Only the organisers see the results until you publish them."}
        </p>

        <h2 className="govuk-heading-m">Judges</h2>
        {page.judges.length === 0 ? <p className="govuk-body">No judges yet.</p> : null}
        <ul className="govuk-list">
          {page.judges.map((j) => (
            <li key={j.id} className="govuk-!-margin-bottom-4">
              <span className="govuk-!-font-weight-bold">{j.name}</span> <span className="govuk-body-s">{j.email}</span>
              {j.revoked ? (
                <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">Link stopped</span>
              ) : (
                <>
                  <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">
                    {page.mode === "pairwise"
                      ? `${j.comparisons} comparisons`
                      : `${j.scored} of ${j.scorable} teams scored`}
                    {" · "}
                    {j.conflictsDeclared
                      ? j.conflicts === 0
                        ? "no conflicts"
                        : `${j.conflicts} ${j.conflicts === 1 ? "conflict" : "conflicts"} declared`
                      : "conflicts not declared yet"}
                    {" · "}
                    {j.lastSeenAt
                      ? `last active ${formatEventDate(new Date(j.lastSeenAt))}, ${formatEventTime(new Date(j.lastSeenAt))}`
                      : "not started"}
                  </span>
                  {j.conflictsWith.map((c) => (
                    <span key={c.team} className="govuk-body-s govuk-!-display-block govuk-!-margin-0">
                      Conflict: {c.team}
                      {c.reason ? ` – ${c.reason}` : ""}
                    </span>
                  ))}
                </>
              )}
              <Form method="post" className="govuk-!-display-inline">
                <input type="hidden" name="intent" value="resend-judge" />
                <input type="hidden" name="judgeId" value={j.id} />
                <button
                  type="submit"
                  className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1 govuk-!-margin-right-2"
                  data-module="govuk-button"
                >
                  Send a new link<span className="govuk-visually-hidden"> to {j.name}</span>
                </button>
              </Form>
              {j.revoked ? null : (
                <Link className="govuk-link" to={`?revoke=${encodeURIComponent(j.id)}`}>
                  Stop link<span className="govuk-visually-hidden"> of {j.name}</span>
                </Link>
              )}
            </li>
          ))}
        </ul>
        <Form method="post" id="invite-judge" noValidate>
          <input type="hidden" name="intent" value="invite-judge" />
          <h3 className="govuk-heading-s">Invite a judge</h3>
          <TextField field={judgeFields.name!} id="judge-name" label="Name" autoComplete="off" />
          <TextField
            field={judgeFields.email!}
            type="email"
            label="Email address"
            hint="They get a link to judge. They do not need a Nettle account."
            autoComplete="off"
            spellCheck={false}
          />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            Send invitation
          </button>
        </Form>

        <h2 className="govuk-heading-m">How judges judge</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="set-mode" />
          <Radios
            name="judgingMode"
            legend="Judging mode"
            defaultValue={page.mode}
            options={[
              {
                value: "rubric",
                label: "Score each team on the criteria",
                hint: "Best when each judge can see every team.",
              },
              {
                value: "pairwise",
                label: "Compare teams two at a time",
                hint: "For large expos: each judge sees some teams and says which of two was better.",
              },
            ]}
          />
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Save judging mode
          </button>
        </Form>

        <h2 className="govuk-heading-m">Criteria</h2>
        <p className="govuk-body">
          Changing a weight recalculates the results; scores already given are kept. Removing a criterion removes its
          scores.
        </p>
        <ul className="govuk-list">
          {page.criteria.map((c) => (
            <li key={c.id} className="govuk-!-margin-bottom-4">
              <span className="govuk-!-font-weight-bold">{c.name}</span>{" "}
              {c.adoption ? <strong className="govuk-tag govuk-tag--blue">Council's question</strong> : null}
              <span className="govuk-body-s govuk-!-display-block govuk-!-margin-0">
                Weight {c.weight}, scored 1 to {c.maxScore}
                {c.description ? ` – ${c.description}` : ""}
              </span>
              <Link
                className="govuk-link govuk-!-margin-right-3"
                to={`?edit=${encodeURIComponent(c.id)}#edit-criterion`}
              >
                Change<span className="govuk-visually-hidden"> {c.name}</span>
              </Link>
              {c.adoption ? null : (
                <Link className="govuk-link" to={`?remove=${encodeURIComponent(c.id)}`}>
                  Remove<span className="govuk-visually-hidden"> {c.name}</span>
                </Link>
              )}
            </li>
          ))}
        </ul>
        {page.editing ? (
          <Form method="post" id="edit-criterion" noValidate>
            <input type="hidden" name="intent" value="edit-criterion" />
            <input type="hidden" name="criterionId" value={page.editing.id} />
            <h3 className="govuk-heading-s">Change “{page.editing.name}”</h3>
            <TextField
              name="name"
              id="edit-name"
              label="Name"
              defaultValue={kept.name ?? page.editing.name}
              error={editReply?.error?.name?.[0]}
            />
            <Textarea
              name="description"
              label="What judges should look for (optional)"
              rows={2}
              defaultValue={kept.description ?? page.editing.description}
              error={editReply?.error?.description?.[0]}
            />
            <TextField
              name="weight"
              id="edit-weight"
              label="Weight (1 to 10)"
              width="2"
              defaultValue={kept.weight ?? String(page.editing.weight)}
              error={editReply?.error?.weight?.[0]}
            />
            <TextField
              name="maxScore"
              id="edit-max"
              label="Highest score (2 to 10)"
              width="2"
              defaultValue={kept.maxScore ?? String(page.editing.maxScore)}
              error={editReply?.error?.maxScore?.[0]}
            />
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button" data-module="govuk-button">
                Save criterion
              </button>
              <Link className="govuk-link" to=".">
                Cancel
              </Link>
            </div>
          </Form>
        ) : (
          <Form method="post" id="add-criterion" noValidate>
            <input type="hidden" name="intent" value="add-criterion" />
            <h3 className="govuk-heading-s">Add a criterion</h3>
            <TextField field={criterionFields.name!} id="criterion-name" label="Name" />
            <Textarea field={criterionFields.description!} label="What judges should look for (optional)" rows={2} />
            <TextField
              field={criterionFields.weight!}
              label="Weight (1 to 10)"
              hint="How much it counts compared with the other criteria."
              width="2"
            />
            <TextField field={criterionFields.maxScore!} label="Highest score (2 to 10)" width="2" />
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Add criterion
            </button>
          </Form>
        )}
      </div>
    </div>
  );
}

function Confirm({ title, body, children }: { title: string; body: string; children: React.ReactNode }) {
  return (
    <Form method="post" className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m">{title}</h2>
      <p className="govuk-body">{body}</p>
      {children}
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
          Yes, confirm
        </button>
        <Link className="govuk-link" to=".">
          Cancel
        </Link>
      </div>
    </Form>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Judging – ${data.event.title} – Nettle` : "Judging – Nettle" },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
