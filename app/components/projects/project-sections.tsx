import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { formatDate } from "~/components/council-challenges";
import { CommitsChart } from "~/components/projects/commits-chart";
import type { ProjectPage } from "~/models/projects/page.server";
import type { ProjectStage } from "~/generated/prisma/enums";

// The parts of the project page, each given only what the loader chose to send.

const stageTag: Record<ProjectStage, string> = {
  forming: "govuk-tag--grey",
  active: "govuk-tag--green",
  stalled: "govuk-tag--orange",
  delivered: "govuk-tag--blue",
  published: "govuk-tag--purple",
};

export function StageTag({ stage, label }: { stage: ProjectStage; label: string }) {
  return <strong className={`govuk-tag ${stageTag[stage]}`}>{label}</strong>;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

export function Evidence({ evidence }: { evidence: ProjectPage["evidence"] }) {
  return (
    <>
      <h2 className="govuk-heading-m">Evidence</h2>
      <ul className="govuk-list">
        {evidence.map((item) => (
          <li key={item.key} data-evidence={item.key}>
            <strong className={`govuk-tag govuk-!-margin-right-2 ${item.met ? "govuk-tag--green" : "govuk-tag--grey"}`}>
              {item.met ? "Done" : "Missing"}
            </strong>
            {item.label}
          </li>
        ))}
      </ul>
    </>
  );
}

export function Team({ team, slug }: { team: ProjectPage["team"]; slug: string }) {
  return (
    <>
      <h2 className="govuk-heading-m">Team</h2>
      <ul className="govuk-list">
        {team.map((m) => (
          <li key={m.id}>
            {m.profileHref ? (
              <Link className="govuk-link" to={m.profileHref}>
                {m.name}
              </Link>
            ) : (
              m.name
            )}
            {m.teamRole === "lead" ? " (lead)" : ""}
            {m.role ? `, ${m.role}` : ""}
          </li>
        ))}
      </ul>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/projects/${slug}/team`}>
          Team page
        </Link>
      </p>
    </>
  );
}

export function RepositoryFacts({ repository, slug, mayLink }: { repository: ProjectPage["repository"]; slug: string; mayLink: boolean }) {
  const linkHref = `/projects/${slug}/repository`;
  if (!repository) {
    return (
      <>
        <h2 className="govuk-heading-m">Repository</h2>
        <p className="govuk-body">No repository is linked yet.</p>
        {mayLink ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={linkHref}>
              Link the team's repository
            </Link>
          </p>
        ) : null}
      </>
    );
  }
  const r = repository;
  return (
    <>
      <h2 className="govuk-heading-m">Repository</h2>
      {r.gone ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            GitHub no longer shows this repository. What was seen before is kept below.
          </strong>
        </div>
      ) : r.archived ? (
        <div className="govuk-inset-text">This repository is archived on GitHub: it can be read but not changed.</div>
      ) : null}
      <dl className="govuk-summary-list">
        <Row label="Repository">
          {r.htmlUrl ? (
            <a className="govuk-link nettle-break-anywhere" href={r.htmlUrl} rel="nofollow noopener">
              {r.fullName}
            </a>
          ) : (
            r.fullName
          )}
        </Row>
        {r.description ? <Row label="Description">{r.description}</Row> : null}
        {r.topics.length ? <Row label="Topics">{r.topics.join(", ")}</Row> : null}
        <Row label="Licence">{r.licence ? (r.licence.name ?? r.licence.spdx) : "None found"}</Row>
        {r.defaultBranch ? <Row label="Default branch">{r.defaultBranch}</Row> : null}
        <Row label="Last commit">
          {r.lastCommit ? (
            <>
              <span className="nettle-break-anywhere">{r.lastCommit.message || "(no message)"}</span>
              <br />
              <span className="govuk-body-s">
                {formatDate(r.lastCommit.at)}
                {r.lastCommit.sha ? `, ${r.lastCommit.sha}` : ""}
              </span>
            </>
          ) : (
            "None yet"
          )}
        </Row>
        <Row label="Contributors">
          {r.contributors.length ? `${r.contributorCount || r.contributors.length}: ${r.contributors.map((c) => c.login).join(", ")}` : "None yet"}
        </Row>
        <Row label="Open issues">{r.openIssues}</Row>
        <Row label="Open pull requests">{r.openPullRequests}</Row>
        <Row label="Latest release">
          {r.latestRelease ? (
            <>
              {r.latestRelease.url ? (
                <a className="govuk-link" href={r.latestRelease.url} rel="nofollow noopener">
                  {r.latestRelease.name || r.latestRelease.tag}
                </a>
              ) : (
                (r.latestRelease.name ?? r.latestRelease.tag)
              )}{" "}
              ({formatDate(r.latestRelease.at)})
            </>
          ) : (
            "None yet"
          )}
        </Row>
      </dl>
      <h3 className="govuk-heading-s">Commits per week</h3>
      <CommitsChart weeks={r.commitWeeks} />
      {r.readmeHtml ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">README (start)</span>
          </summary>
          <div className="govuk-details__text nettle-break-anywhere" dangerouslySetInnerHTML={{ __html: r.readmeHtml }} />
        </details>
      ) : null}
      {r.sync ? (
        <>
          <h3 className="govuk-heading-s">Keeping up with GitHub</h3>
          <p className="govuk-body-s">Only the team, the council and its hub organisers see this.</p>
          <dl className="govuk-summary-list govuk-summary-list--no-border" data-testid="sync-state">
            <Row label="Last synced">{r.sync.lastSyncedAt ? formatDate(r.sync.lastSyncedAt) : "Not yet"}</Row>
            <Row label="Next look">{formatDate(r.sync.nextSyncAt)}</Row>
            {r.sync.error ? <Row label="What failed">{r.sync.error}</Row> : null}
          </dl>
        </>
      ) : null}
      {mayLink ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={linkHref}>
            Change the linked repository
          </Link>
        </p>
      ) : null}
    </>
  );
}

export function Timeline({ timeline }: { timeline: ProjectPage["timeline"] }) {
  return (
    <ol className="govuk-list" aria-label="Timeline, newest first">
      {timeline.events.map((e) => (
        <li key={e.id} className="govuk-!-margin-bottom-3">
          <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
            {formatDate(e.at)} · {e.kind}
            {e.by ? ` · ${e.by}` : ""}
          </span>
          {e.url ? (
            <a className="govuk-link nettle-break-anywhere" href={e.url} rel="nofollow noopener">
              {e.title}
            </a>
          ) : (
            <span className="nettle-break-anywhere">{e.title}</span>
          )}
        </li>
      ))}
    </ol>
  );
}
