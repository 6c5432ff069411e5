import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import {
  DataGovernance,
  describeTeamSize,
  FollowButton,
  HelpLinks,
  NotPublishedBanner,
  Row,
  Section,
  Timeline,
} from "~/components/challenges/challenge-page";
import { ChallengeStatusTag, formatDate } from "~/components/council-challenges";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/forms";
import { useNonce } from "~/components/nonce";
import { summaryFromReply } from "~/components/use-form";
import { followChallenge } from "~/models/challenges/lifecycle.server";
import { challengeJsonLd, getChallengePage } from "~/models/challenges/page.server";
import { followForm } from "~/models/challenges/schemas";
import { publishedOutcomeOfChallenge } from "~/models/outcomes/public.server";
import { projectsOfChallenge } from "~/models/projects/project.server";
import { stageLabels } from "~/models/projects/stage";
import { getUser, requireUser } from "~/services/auth.server";
import { redirectWithFlash } from "~/services/flash.server";
import { formAction } from "~/services/form.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  // People who may not see a challenge are told it does not exist, not that it is hidden.
  const page = await getChallengePage(params.slug ?? "", user);
  if (!page) throw new Response("Not found", { status: 404 });
  const url = new URL(`/challenges/${page.slug}`, request.url).href;
  // The GSS code and the last change only go into the JSON-LD, which is built here.
  const { updatedAt: _inJsonLd, council, ...shown } = page;
  return {
    ...shown,
    council: { name: council.name, slug: council.slug },
    url,
    jsonLd: page.isPublic ? challengeJsonLd(page, url) : null,
    outcome: page.isPublic ? await publishedOutcomeOfChallenge(page.id) : null,
    // getChallengePage answered, so the viewer may see the challenge and so its projects.
    projects: await projectsOfChallenge(page.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  return formAction(request, followForm, async ({ intent, from }) => {
    const follow = intent === "follow";
    const { slug, title } = await followChallenge(user, params.slug ?? "", follow);
    return redirectWithFlash(from === "account" ? "/account" : `/challenges/${slug}`, {
      kind: "success",
      title: follow ? `You are following ${title}` : `You no longer follow ${title}`,
    });
  });
}

export default function Challenge() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const nonce = useNonce();
  return (
    <>
      {page.jsonLd ? (
        <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: page.jsonLd }} />
      ) : null}
      <Link className="govuk-back-link" to="/challenges">
        All challenges
      </Link>
      <ErrorSummary errors={summaryFromReply(reply)} />
      {page.isPublic ? null : <NotPublishedBanner status={page.status} council={page.council.name} />}
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
      {page.outcome ? (
        <div className="govuk-inset-text">
          The team&apos;s outcome is published:{" "}
          <Link className="govuk-link" to={`/outcomes/${page.outcome.slug}`}>
            {page.outcome.title}
          </Link>
        </div>
      ) : null}
      {page.projects.length > 0 ? (
        <p className="govuk-body">
          {page.projects.map((project, i) => (
            <span key={project.slug}>
              {i > 0 ? " " : ""}A team is working on this:{" "}
              <Link className="govuk-link" to={`/projects/${project.slug}`}>
                {project.title}
              </Link>{" "}
              ({stageLabels[project.stage].toLowerCase()}).
            </span>
          ))}
        </p>
      ) : null}
      {page.isPublic ? (
        <FollowButton slug={page.slug} signedIn={page.viewer.signedIn} following={page.viewer.following} />
      ) : null}
      {page.viewer.findPeople ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/challenges/${page.slug}/people`}>
            Find people for this challenge
          </Link>
        </p>
      ) : null}
      <HelpLinks slug={page.slug} status={page.status} viewer={page.viewer} />
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
            <Row label="Team size" value={describeTeamSize(page.teamSize)} />
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
          <Timeline
            timeline={page.timeline}
            historyHref={page.viewer.history ? `/challenges/${page.id}/history` : null}
          />
        </div>
      </div>
    </>
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
