import { Form, Link } from "@remix-run/react";
import type { OutcomeState, ProjectStage } from "~/generated/prisma/enums";
import { formatDate } from "~/components/council-challenges";
import { stageLabels } from "~/models/projects/stage";

// The list of projects the hub's organisers, a council's members and each participant see:
// stalled ones first, what evidence each has, and where it is stuck. Client-safe.

export interface OversightItem {
  slug: string;
  title: string;
  stage: ProjectStage;
  lastActivityAt: string | Date | null;
  challengeTitle: string;
  council: { slug: string; name: string };
  teamSize: number;
  repository: { fullName: string; url: string; syncStatus: string; syncError: string | null; lastSyncedAt: string | Date | null } | null;
  outcomeState: OutcomeState | null;
}

const stageTagClass: Record<ProjectStage, string> = {
  forming: "govuk-tag--grey",
  active: "govuk-tag--blue",
  stalled: "govuk-tag--red",
  delivered: "govuk-tag--turquoise",
  published: "govuk-tag--green",
};

export const outcomeStateLabels: Record<OutcomeState, string> = {
  draft: "Outcome being drafted",
  submitted: "Outcome waiting for sign-off",
  changes_requested: "Outcome sent back for changes",
  signed_off: "Outcome signed off",
  published: "Outcome published",
};

export function StageTag({ stage }: { stage: ProjectStage }) {
  return <strong className={`govuk-tag ${stageTagClass[stage]}`}>{stageLabels[stage]}</strong>;
}

export function OversightList({ items, showCouncil = true }: { items: OversightItem[]; showCouncil?: boolean }) {
  return (
    <ul className="govuk-list nettle-results">
      {items.map((p) => (
        <li key={p.slug} className="nettle-results__item">
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
            <Link className="govuk-link" to={`/projects/${p.slug}`}>
              {p.title}
            </Link>
          </h3>
          <p className="govuk-body-s govuk-!-margin-bottom-1">
            {showCouncil ? `${p.council.name} · ` : ""}
            {p.challengeTitle} · {p.teamSize === 1 ? "1 person" : `${p.teamSize} people`} in the team
          </p>
          <p className="govuk-body-s govuk-!-margin-bottom-1">
            <StageTag stage={p.stage} /> Last activity: {p.lastActivityAt ? formatDate(p.lastActivityAt) : "none yet"}
          </p>
          <p className="govuk-body-s govuk-!-margin-bottom-0">
            {p.repository ? (
              <>
                Repository <span className="nettle-break-anywhere">{p.repository.fullName}</span>
                {p.repository.syncStatus === "failed" ? (
                  <>
                    {" "}
                    – <strong>sync failing</strong>
                    {p.repository.syncError ? `: ${p.repository.syncError}` : ""}
                  </>
                ) : p.repository.lastSyncedAt ? (
                  ` – synced ${formatDate(p.repository.lastSyncedAt)}`
                ) : (
                  " – not synced yet"
                )}
              </>
            ) : (
              "No repository linked"
            )}
            {" · "}
            {p.outcomeState ? outcomeStateLabels[p.outcomeState] : "No outcome drafted"}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** The filter: stage (with counts) and, on a hub's list, council. A GET form: works without JavaScript. */
export function OversightFilter({
  counts,
  stage,
  councils,
  council,
}: {
  counts: { stage: ProjectStage; count: number }[];
  stage: ProjectStage | null;
  councils?: { slug: string; name: string }[];
  council?: string | null;
}) {
  const all = counts.reduce((sum, c) => sum + c.count, 0);
  return (
    <Form method="get" className="govuk-!-margin-bottom-6">
      <div className="govuk-form-group govuk-!-margin-bottom-3">
        <label className="govuk-label govuk-label--s" htmlFor="stage">
          Stage
        </label>
        <select className="govuk-select" id="stage" name="stage" defaultValue={stage ?? ""}>
          <option value="">All stages ({all})</option>
          {counts.map((c) => (
            <option key={c.stage} value={c.stage}>
              {stageLabels[c.stage]} ({c.count})
            </option>
          ))}
        </select>
      </div>
      {councils && councils.length > 0 ? (
        <div className="govuk-form-group govuk-!-margin-bottom-3">
          <label className="govuk-label govuk-label--s" htmlFor="council">
            Council
          </label>
          <select className="govuk-select" id="council" name="council" defaultValue={council ?? ""}>
            <option value="">All councils</option>
            {councils.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
        Show projects
      </button>
    </Form>
  );
}

/** Counts per stage as a table: what the filter offers, readable at a glance. */
export function StageCounts({ counts }: { counts: { stage: ProjectStage; count: number }[] }) {
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--s">Projects by stage</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            Stage
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Projects
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {counts.map((c) => (
          <tr key={c.stage} className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              {stageLabels[c.stage]}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">{c.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
