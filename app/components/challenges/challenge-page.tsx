import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { DatasetView } from "~/components/challenge-summary";
import { formatDate } from "~/components/council-challenges";
import type { TimelineItem } from "~/models/challenges/history";
import { statusLabels } from "~/models/challenges/status";
import { accessRouteLabels, dpiaLabels, licenceLabels, sensitivityLabels } from "~/models/challenges/wizard";

// The parts of a challenge's public page (/challenges/<slug>). Each shows what the loader sent,
// which the challenges policy has already cut down to what this viewer may see.

export function describeTeamSize({ min, max }: { min: number | null; max: number | null }) {
  if (min && max) return min === max ? `${min} people` : `${min} to ${max} people`;
  if (min) return `At least ${min} people`;
  if (max) return `Up to ${max} people`;
  return "";
}

export function Section({ title, html }: { title: string; html: string }) {
  if (!html.trim()) return null;
  return (
    <section className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m">{title}</h2>
      {/* Sanitised by renderMarkdown on the server: an allow-list of tags, no scripts or styles. */}
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}

export function Row({ label, value, children }: { label: string; value: string; children?: ReactNode }) {
  if (!value && !children) return null;
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">
        {value}
        {children}
      </dd>
    </div>
  );
}

/** A challenge only its council and hubs can see says so, before anything else. */
export function NotPublishedBanner({ status, council }: { status: keyof typeof statusLabels; council: string }) {
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="not-published-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="not-published-title">
          Not published
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          This challenge is “{statusLabels[status]}”. The public cannot see it.
        </p>
        <p className="govuk-body">
          Only members of {council}, organisers of hubs that serve it and Nettle admins can see this page.
        </p>
      </div>
    </div>
  );
}

/**
 * "I'd like to help" for people who could join a challenge looking for people (signed out, it
 * signs in first), and the offers of help for the council and the hubs that review it.
 */
export function HelpLinks({
  slug,
  status,
  viewer,
}: {
  slug: string;
  status: keyof typeof statusLabels;
  viewer: { signedIn: boolean; council: boolean; manage: boolean };
}) {
  const recruiting = status === "open" || status === "in_progress";
  const offer = `/challenges/${slug}/interest`;
  return (
    <>
      {recruiting && !viewer.council ? (
        <Link
          className="govuk-button"
          data-module="govuk-button"
          role="button"
          draggable={false}
          to={viewer.signedIn ? offer : `/signin?redirectTo=${encodeURIComponent(offer)}`}
        >
          I’d like to help
        </Link>
      ) : null}
      {viewer.manage ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/challenges/${slug}/applications`}>
            Offers of help, invitations and the team
          </Link>
        </p>
      ) : null}
    </>
  );
}

export function FollowButton({ slug, signedIn, following }: { slug: string; signedIn: boolean; following: boolean }) {
  if (!signedIn) {
    return (
      <p className="govuk-body">
        <Link className="govuk-link" to={`/signin?redirectTo=${encodeURIComponent(`/challenges/${slug}`)}`}>
          Sign in to follow this challenge
        </Link>
      </p>
    );
  }
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={following ? "unfollow" : "follow"} />
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        {following ? "Unfollow" : "Follow"}
        <span className="govuk-visually-hidden"> this challenge</span>
      </button>
    </Form>
  );
}

export function DataGovernance({ datasets, hidden }: { datasets: DatasetView[]; hidden: number }) {
  return (
    <section className="govuk-!-margin-bottom-6" aria-labelledby="data-heading">
      <h2 className="govuk-heading-m" id="data-heading">
        Data
      </h2>
      {datasets.length === 0 && hidden === 0 ? <p className="govuk-body">No datasets are listed yet.</p> : null}
      {datasets.map((d) => (
        <div className="govuk-summary-card" key={d.id}>
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">{d.title}</h3>
          </div>
          <div className="govuk-summary-card__content">
            {/* Sanitised by renderMarkdown on the server, like the challenge's own text. */}
            {d.descriptionHtml ? <div dangerouslySetInnerHTML={{ __html: d.descriptionHtml }} /> : null}
            <dl className="govuk-summary-list">
              <Row label="Format" value={d.format} />
              <Row label="Licence" value={licenceLabels[d.licence]} />
              <Row label="Sensitivity" value={sensitivityLabels[d.sensitivity]} />
              <Row label="Personal data" value={d.personalData ? "Yes" : "No"} />
              <Row label="Access" value={accessRouteLabels[d.accessRoute]} />
              <Row label="DPIA done" value={dpiaLabels[d.dpia]} />
              <Row label="Kept until" value={d.retentionDate ? formatDate(d.retentionDate) : "Not set"} />
              {d.link ? (
                <Row label="Link" value="">
                  <a className="govuk-link" href={d.link} rel="nofollow noopener">
                    {d.link}
                  </a>
                </Row>
              ) : null}
            </dl>
          </div>
        </div>
      ))}
      {hidden > 0 ? (
        <p className="govuk-inset-text">
          {hidden === 1 ? "1 more dataset contains" : `${hidden} more datasets contain`} personal data; its details are
          shared with the accepted team after they accept the data terms.
        </p>
      ) : null}
    </section>
  );
}

/** The history on the public page; the link to the full history only for those who may see it. */
export function Timeline({ timeline, historyHref }: { timeline: TimelineItem[]; historyHref: string | null }) {
  if (timeline.length === 0) return null;
  return (
    <section aria-labelledby="history-heading">
      <h2 className="govuk-heading-m" id="history-heading">
        History
      </h2>
      {historyHref ? (
        <p className="govuk-body-s">
          Only the council, organisers of hubs that serve it and Nettle admins see old values.{" "}
          <Link className="govuk-link" to={historyHref}>
            Full history
          </Link>
        </p>
      ) : null}
      <ol className="govuk-list">
        {[...timeline].reverse().map((event) => (
          <li key={event.id} className="govuk-!-margin-bottom-4">
            <p className="govuk-body-s govuk-!-margin-bottom-1">
              <time dateTime={new Date(event.at).toISOString()}>{formatDate(event.at)}</time>
            </p>
            <TimelineEntry event={event} />
            {event.commentHtml ? (
              <div className="govuk-body-s" dangerouslySetInnerHTML={{ __html: event.commentHtml }} />
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** One entry of a challenge's history; old values only reach people allowed to see them. */
function TimelineEntry({ event }: { event: TimelineItem }) {
  if (event.kind === "status") {
    return (
      <p className="govuk-body govuk-!-margin-bottom-1">
        {event.toStatus ? `Status: ${statusLabels[event.toStatus]}` : "Status changed"}
        {event.fromStatus ? ` (was ${statusLabels[event.fromStatus]})` : ""}
      </p>
    );
  }
  if (event.kind !== "edit") return <p className="govuk-body govuk-!-margin-bottom-1">{event.note}</p>;
  return (
    <ul className="govuk-list govuk-!-margin-bottom-1">
      {event.changes.map((change) => (
        <li key={change.field} className="nettle-break-anywhere">
          Changed: {change.label}
          {change.from !== undefined ? (
            <>
              {" "}
              — from {change.fromRemoved ? <em>(removed)</em> : `“${change.from}”`} to{" "}
              {change.toRemoved ? <em>(removed)</em> : `“${change.to}”`}
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
