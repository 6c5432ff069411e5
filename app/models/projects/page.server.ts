import type { OutcomeState, Prisma } from "~/generated/prisma/client";
import { datasetSelect, datasetView } from "~/models/challenges/page.server";
import { challengeAccess } from "~/models/challenges/policy.server";
import type { Actor } from "~/models/platform/actor";
import { notFound } from "~/models/platform/errors";
import { parseCommitWeeks } from "~/models/projects/chart";
import { teamMembersView } from "~/models/projects/people.server";
import { authorizeProject } from "~/models/projects/policy.server";
import { stageHints, stageLabels } from "~/models/projects/stage";
import { eventKindLabels, repositoryEventKinds, type ProjectEventKind } from "~/models/projects/timeline";
import { prisma } from "~/services/db.server";
import { renderMarkdown } from "~/services/markdown.server";

// What the project page shows, chosen field by field from what the viewer may see: the
// public sees the stage, evidence, team names, repository facts and the timeline; insiders
// also see how the sync is going; the team sees the data terms, and restricted dataset links
// only once they have accepted them.

export const TIMELINE_PAGE_SIZE = 30;
const UPDATES_SHOWN = 10;

export const outcomeStateLabels: Record<OutcomeState, string> = {
  draft: "Being drafted by the team",
  submitted: "Sent to the council for sign-off",
  changes_requested: "The council asked for changes",
  signed_off: "Signed off by the council",
  published: "Published",
};

const repositorySelect = {
  owner: true,
  name: true,
  htmlUrl: true,
  archived: true,
  goneAt: true,
  description: true,
  topics: true,
  licenceSpdx: true,
  licenceName: true,
  defaultBranch: true,
  readmeHtml: true,
  readmeHasReuse: true,
  lastCommitSha: true,
  lastCommitAt: true,
  lastCommitMessage: true,
  commitWeeks: true,
  contributors: true,
  contributorCount: true,
  openIssues: true,
  openPullRequests: true,
  latestReleaseTag: true,
  latestReleaseName: true,
  latestReleaseAt: true,
  latestReleaseUrl: true,
  syncStatus: true,
  lastSyncedAt: true,
  nextSyncAt: true,
  syncError: true,
} satisfies Prisma.RepositorySelect;

function contributorsOf(value: unknown) {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (c): c is { login: string; contributions?: unknown } =>
        typeof c === "object" && c !== null && typeof (c as { login?: unknown }).login === "string",
    )
    .slice(0, 30)
    .map((c) => ({ login: c.login, contributions: typeof c.contributions === "number" ? c.contributions : null }));
}

/** Only web addresses leave as links; anything else stays words. */
function safeUrl(url: string | null | undefined) {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

/** The timeline page asked for, from `?page=`: anything that is not a page number is page 1. */
export function timelinePage(raw: string | null): number {
  if (!raw || !/^\d{1,6}$/.test(raw)) return 1;
  return Math.max(1, Number(raw));
}

export async function projectPage(actor: Actor | null, slug: string, page = 1) {
  const { project, access } = await authorizeProject(actor, { slug }, "view");
  const row = await prisma.project.findUnique({
    where: { id: project.id },
    select: {
      deliveryRequestedAt: true,
      deliveryAgreedAt: true,
      stageChangedAt: true,
      lastActivityAt: true,
      repository: { select: repositorySelect },
      outcome: { select: { state: true, howToReuse: true, slug: true } },
      members: {
        where: { leftAt: null },
        orderBy: [{ teamRole: "asc" }, { createdAt: "asc" }],
        select: {
          id: true,
          role: true,
          teamRole: true,
          termsAcceptedAt: true,
          userId: true,
          user: { select: { id: true, displayName: true, visibility: true, deletedAt: true } },
        },
      },
    },
  });
  if (!row) throw notFound("There is no such project.");
  const repo = row.repository;
  const weeks = parseCommitWeeks(repo?.commitWeeks);
  const live = repo !== null && repo.goneAt === null;

  const evidence = [
    { key: "repository", label: "A linked repository", met: live },
    { key: "readme", label: "A README", met: live && !!repo.readmeHtml },
    { key: "licence", label: "An open licence in the repository", met: live && !!repo.licenceSpdx },
    { key: "release", label: "A release", met: live && repo.latestReleaseAt !== null },
    {
      key: "reuse",
      label: "A section on how to reuse it",
      met: (live && repo.readmeHasReuse) || !!row.outcome?.howToReuse.trim(),
    },
    { key: "commits", label: "Commits in the last 12 weeks", met: weeks.some((w) => w.commits > 0) },
  ];

  const total = await prisma.projectEvent.count({ where: { projectId: project.id } });
  const totalPages = Math.max(1, Math.ceil(total / TIMELINE_PAGE_SIZE));
  const current = Math.min(page, totalPages);
  const events = await prisma.projectEvent.findMany({
    where: { projectId: project.id },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * TIMELINE_PAGE_SIZE,
    take: TIMELINE_PAGE_SIZE,
    select: { id: true, kind: true, title: true, url: true, occurredAt: true, actorLogin: true },
  });

  const updates = await prisma.projectUpdate.findMany({
    where: { projectId: project.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: UPDATES_SHOWN,
    select: {
      id: true,
      body: true,
      createdAt: true,
      authorId: true,
      author: { select: { displayName: true, deletedAt: true } },
    },
  });

  return {
    project: {
      slug: project.slug,
      title: project.title,
      stage: project.stage,
      stageLabel: stageLabels[project.stage],
      stageHint: stageHints[project.stage],
      stageChangedAt: row.stageChangedAt,
      lastActivityAt: row.lastActivityAt,
      challenge: {
        slug: project.challenge.slug,
        title: project.challenge.title,
        council: project.challenge.organisation.name,
      },
    },
    evidence,
    team: await teamMembersView(actor, row.members, access.insider),
    repository: repo
      ? {
          fullName: `${repo.owner}/${repo.name}`,
          htmlUrl: safeUrl(repo.htmlUrl),
          archived: repo.archived,
          gone: repo.goneAt !== null,
          description: repo.description,
          topics: repo.topics,
          licence: repo.licenceSpdx ? { spdx: repo.licenceSpdx, name: repo.licenceName } : null,
          defaultBranch: repo.defaultBranch,
          readmeHtml: repo.readmeHtml ? renderMarkdown(repo.readmeHtml) : null,
          lastCommit: repo.lastCommitAt
            ? {
                sha: repo.lastCommitSha?.slice(0, 7) ?? null,
                at: repo.lastCommitAt,
                message: (repo.lastCommitMessage ?? "").split("\n")[0] ?? "",
              }
            : null,
          contributors: contributorsOf(repo.contributors),
          contributorCount: repo.contributorCount,
          openIssues: repo.openIssues,
          openPullRequests: repo.openPullRequests,
          latestRelease: repo.latestReleaseAt
            ? {
                tag: repo.latestReleaseTag,
                name: repo.latestReleaseName,
                at: repo.latestReleaseAt,
                url: safeUrl(repo.latestReleaseUrl),
              }
            : null,
          commitWeeks: weeks,
          // How the sync is going is for those who can do something about it.
          sync: access.insider
            ? {
                status: repo.syncStatus,
                lastSyncedAt: repo.lastSyncedAt,
                nextSyncAt: repo.nextSyncAt,
                error: repo.syncError,
              }
            : null,
        }
      : null,
    outcome: row.outcome ? { state: row.outcome.state, label: outcomeStateLabels[row.outcome.state] } : null,
    timeline: {
      page: current,
      totalPages,
      total,
      events: events.map((e) => {
        const kind = e.kind as ProjectEventKind;
        const fromRepository = (repositoryEventKinds as readonly string[]).includes(e.kind);
        return {
          id: e.id.toString(),
          kind: eventKindLabels[kind] ?? e.kind,
          title: e.title,
          at: e.occurredAt,
          url: fromRepository ? safeUrl(e.url) : null,
          by: fromRepository ? e.actorLogin : null,
        };
      }),
    },
    updates: updates.map((u) => ({
      id: u.id,
      html: renderMarkdown(u.body),
      at: u.createdAt,
      author: u.author && !u.author.deletedAt ? u.author.displayName : "A former member",
      mine: actor !== null && u.authorId === actor.id && access.team,
    })),
    delivery: {
      requestedAt: row.deliveryRequestedAt,
      agreedAt: row.deliveryAgreedAt,
      mayRequest: access.requestDelivery && row.deliveryRequestedAt === null,
      mayAgree: access.agreeDelivery && row.deliveryRequestedAt !== null && row.deliveryAgreedAt === null,
    },
    terms: access.team ? await dataTerms(actor!, project.challengeId, access.membership!.termsAcceptedAt) : null,
    viewer: {
      signedIn: actor !== null,
      team: access.team,
      lead: access.lead,
      insider: access.insider,
      council: access.council,
      postUpdate: access.postUpdate,
      linkRepository: access.linkRepository,
    },
  };
}

/**
 * The data terms in plain words, built from the challenge's data card, and its datasets: a
 * team member sees where personal data lives only after accepting (the challenges policy
 * decides, reading termsAcceptedAt).
 */
async function dataTerms(actor: Actor, challengeId: string, acceptedAt: Date | null) {
  const challenge = await prisma.challenge.findUniqueOrThrow({
    where: { id: challengeId },
    select: {
      id: true,
      status: true,
      organisationId: true,
      organisation: { select: { id: true, name: true, kind: true, region: true, verifiedAt: true } },
      contactName: true,
      contactEmail: true,
      datasets: { orderBy: { position: "asc" }, select: datasetSelect },
    },
  });
  const access = await challengeAccess(actor, challenge);
  const datasets = challenge.datasets
    .filter((d) => access.personalDatasets || !d.personalData)
    .map((d) => datasetView(d, access));
  return {
    acceptedAt,
    council: challenge.organisation.name,
    contact: { name: challenge.contactName, email: access.contact ? challenge.contactEmail : null },
    datasets,
    waiting: acceptedAt === null ? datasets.filter((d) => d.personalData).length : 0,
  };
}

export type ProjectPage = Awaited<ReturnType<typeof projectPage>>;
