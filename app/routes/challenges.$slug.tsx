import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ChallengeStatusTag, formatDate } from "~/components/council-challenges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/components/nonce";
import { challengeJsonLd, getChallengePage } from "~/models/challenges/page.server";
import type { ReactNode } from "react";
import { followChallenge } from "~/models/challenges/lifecycle.server";
import { statusLabels } from "~/models/challenges/status";
import { accessRouteLabels, dpiaLabels, licenceLabels, sensitivityLabels } from "~/models/challenges/wizard";
import { getUser, requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { badRequest, readForm } from "~/services/form.server";

const followForm = z.object({ intent: z.enum(["follow", "unfollow"]) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  // People who may not see a challenge are told it does not exist, not that it is hidden.
  const page = await getChallengePage(params.slug ?? "", user);
  if (!page) throw new Response("Not found", { status: 404 });
  const url = new URL(`/challenges/${page.slug}`, request.url).href;
  return { ...page, url, jsonLd: page.isPublic ? challengeJsonLd(page, url) : null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const page = await getChallengePage(params.slug ?? "", user);
  if (!page) throw new Response("Not found", { status: 404 });
  const parsed = followForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw badRequest("Nettle did not understand that request.");
  const follow = parsed.data.intent === "follow";
  await followChallenge(user.id, page.id, follow);
  return redirectWithFlash(`/challenges/${page.slug}`, {
    kind: "success",
    title: follow ? `You are following ${page.title}` : `You no longer follow ${page.title}`,
  });
}

export default function Challenge() {
  const page = useLoaderData<typeof loader>();
  const nonce = useNonce();
  const teamSize = describeTeamSize(page.teamSize);
  return (
    <>
      {page.jsonLd ? (
        <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: page.jsonLd }} />
      ) : null}
      <Link className="govuk-back-link" to="/challenges">
        All challenges
      </Link>
      {page.isPublic ? null : (
        <div className="govuk-notification-banner" role="region" aria-labelledby="not-published-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="not-published-title">
              Not published
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              This challenge is “{statusLabels[page.status]}”. The public cannot see it.
            </p>
            <p className="govuk-body">
              Only members of {page.council.name}, organisers of hubs that serve it and Nettle admins can see this page.
            </p>
          </div>
        </div>
      )}
      <span className="govuk-caption-l">
        <Link className="govuk-link govuk-link--no-visited-state" to={`/organisations/${page.council.slug}`}>
          {page.council.name}
        </Link>
      </span>
      <h1 className="govuk-heading-xl">{page.title}</h1>
      <p className="govuk-body">
        <ChallengeStatusTag status={page.status} />
        {page.publishedAt ? ` Published ${formatDate(page.publishedAt)}` : ""}
      </p>
      <FollowButton />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Section title="The problem" html={page.html.problem} />
          <Section title="Who it affects" html={page.html.whoIsAffected} />
          <Section title="Why it matters" html={page.html.whyItMatters} />
          <Section title="The outcome wanted" html={page.html.outcomeWanted} />
          <Section title="How success will be measured" html={page.html.successMeasures} />
          <DataGovernance datasets={page.datasets} hidden={page.hiddenPersonalDatasets} />
          {page.dataCardChangesWaiting > 0 ? (
            <div className="govuk-inset-text">
              {page.dataCardChangesWaiting === 1
                ? "1 change to the data card is"
                : `${page.dataCardChangesWaiting} changes to the data card are`}{" "}
              waiting for hub review. Until then, everyone sees the data card as last approved.{" "}
              <Link className="govuk-link" to={`/challenges/${page.id}/review`}>
                See the changes
              </Link>
            </div>
          ) : null}
        </div>
        <div className="govuk-grid-column-one-third">
          <dl className="govuk-summary-list govuk-summary-list--no-border nettle-facts">
            <Row label="Area" value={page.area} />
            <Row label="Themes" value={page.themes.join(", ")} />
            <Row label="Essential skills" value={page.essentialSkills.join(", ")} />
            <Row label="Helpful skills" value={page.helpfulSkills.join(", ")} />
            <Row label="Team size" value={teamSize} />
            <Row label="Time commitment" value={page.timeCommitment} />
            <Row label="Deadline" value={page.deadline ? formatDate(page.deadline) : "No deadline"} />
            <Row label="Contact" value={page.contact.name}>
              {page.contact.email ? (
                <>
                  <br />
                  <a className="govuk-link" href={`mailto:${page.contact.email}`}>
                    {page.contact.email}
                  </a>
                </>
              ) : null}
            </Row>
          </dl>
        </div>
      </div>
      {/* After the facts in the source, so on a phone the skills, team and deadline come first. */}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Timeline timeline={page.timeline} />
        </div>
      </div>
    </>
  );
}

function describeTeamSize({ min, max }: { min: number | null; max: number | null }) {
  if (min && max) return min === max ? `${min} people` : `${min} to ${max} people`;
  if (min) return `At least ${min} people`;
  if (max) return `Up to ${max} people`;
  return "";
}

function Section({ title, html }: { title: string; html: string }) {
  if (!html.trim()) return null;
  return (
    <section className="govuk-!-margin-bottom-6">
      <h2 className="govuk-heading-m">{title}</h2>
      {/* Sanitised by renderMarkdown on the server: an allow-list of tags, no scripts or styles. */}
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}

function Row({ label, value, children }: { label: string; value: string; children?: ReactNode }) {
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

function FollowButton() {
  const page = useLoaderData<typeof loader>();
  if (!page.isPublic) return null;
  if (!page.viewer.signedIn) {
    return (
      <p className="govuk-body">
        <Link className="govuk-link" to={`/signin?redirectTo=${encodeURIComponent(`/challenges/${page.slug}`)}`}>
          Sign in to follow this challenge
        </Link>
      </p>
    );
  }
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={page.viewer.following ? "unfollow" : "follow"} />
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        {page.viewer.following ? "Unfollow" : "Follow"}
        <span className="govuk-visually-hidden"> this challenge</span>
      </button>
    </Form>
  );
}

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;

function DataGovernance({ datasets, hidden }: { datasets: PageData["datasets"]; hidden: number }) {
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

function Timeline({ timeline }: { timeline: PageData["timeline"] }) {
  const page = useLoaderData<typeof loader>();
  if (timeline.length === 0) return null;
  return (
    <section aria-labelledby="history-heading">
      <h2 className="govuk-heading-m" id="history-heading">
        History
      </h2>
      {page.viewer.history ? (
        <p className="govuk-body-s">
          Only the council, organisers of hubs that serve it and Nettle admins see old values.{" "}
          <Link className="govuk-link" to={`/challenges/${page.id}/history`}>
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
function TimelineEntry({ event }: { event: PageData["timeline"][number] }) {
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

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.title} – ${data.council.name} – Nettle` },
        { name: "description", content: data.summary },
        ...(data.isPublic
          ? [{ tagName: "link", rel: "canonical", href: data.url }]
          : [{ name: "robots", content: "noindex" }]),
      ]
    : [{ title: "Challenge not found – Nettle" }];

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <p className="govuk-body">
            There is no challenge at this address. It may have been withdrawn.{" "}
            <Link className="govuk-link" to="/challenges">
              Search all challenges
            </Link>
            .
          </p>
        ),
      }}
    />
  );
}
