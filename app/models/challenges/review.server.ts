import { z } from "zod";
import type { ChallengeStatus, OrganisationKind, Prisma } from "~/generated/prisma/client";
import { availableTransitions } from "~/models/challenges/lifecycle.server";
import { changeSelect, pickFields } from "~/models/challenges/data-card.server";
import { datasetSelect, datasetView, renderChallengeText } from "~/models/challenges/page.server";
import {
  authorizeChallenge,
  challengePolicy,
  councilsReviewedBy,
  councilsServedBy,
  type ChallengeAccess,
  type ChallengeRef,
} from "~/models/challenges/policy.server";
import { PUBLIC_STATUSES, statusLabels } from "~/models/challenges/status";
import { challengeFieldLabels, continueUrl } from "~/models/challenges/wizard";
import type { Actor } from "~/models/platform/actor";
import { prisma } from "~/services/db.server";
import { renderMarkdown } from "~/services/markdown.server";

// What hub organisers review: challenges sent by councils their hubs serve (by region, or
// chosen one by one), changes to the data cards of published ones, and what councils changed
// lately. Platform admins see every council's. Whose they are is the policy's councilsReviewedBy.

export async function challengesAwaitingReview(user: Pick<Actor, "id" | "isAdmin">) {
  const organisation = await councilsReviewedBy(user);
  if (!organisation) return [];
  return prisma.challenge.findMany({
    where: { status: "submitted", organisation },
    orderBy: { submittedAt: "asc" },
    take: 200,
    select: {
      id: true,
      title: true,
      submittedAt: true,
      organisation: { select: { slug: true, name: true } },
    },
  });
}

/** Published challenges with a change to their data card waiting for a hub organiser. */
export async function dataCardChangesAwaitingReview(user: Pick<Actor, "id" | "isAdmin">) {
  const organisation = await councilsReviewedBy(user);
  if (!organisation) return [];
  const rows = await prisma.challenge.findMany({
    where: { status: { in: [...PUBLIC_STATUSES] }, organisation, datasetChanges: { some: { state: "pending" } } },
    orderBy: { updatedAt: "asc" },
    take: 200,
    select: {
      id: true,
      title: true,
      organisation: { select: { name: true } },
      datasetChanges: { where: { state: "pending" }, select: { updatedAt: true }, orderBy: { updatedAt: "asc" } },
    },
  });
  return rows.map((c) => ({
    id: c.id,
    title: c.title,
    councilName: c.organisation.name,
    changes: c.datasetChanges.length,
    since: c.datasetChanges[0]?.updatedAt ?? null,
  }));
}

export const RECENT_EDIT_DAYS = 30;

/** Edits councils made to published challenges lately: which fields, never their values. */
export async function recentEditsForHubs(user: Pick<Actor, "id" | "isAdmin">) {
  const organisation = await councilsReviewedBy(user);
  if (!organisation) return [];
  const events = await prisma.challengeEvent.findMany({
    where: {
      kind: "edit",
      createdAt: { gte: new Date(Date.now() - RECENT_EDIT_DAYS * 86_400_000) },
      challenge: { status: { in: [...PUBLIC_STATUSES] }, organisation },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 20,
    select: {
      id: true,
      createdAt: true,
      changes: true,
      challenge: { select: { id: true, slug: true, title: true, organisation: { select: { name: true } } } },
    },
  });
  return events.map((e) => ({
    id: e.id.toString(),
    at: e.createdAt,
    challengeId: e.challenge.id,
    slug: e.challenge.slug,
    title: e.challenge.title,
    councilName: e.challenge.organisation.name,
    fields: Object.keys((e.changes ?? {}) as object).map((field) => challengeFieldLabels[field] ?? field),
  }));
}

export const HUB_CHALLENGES_PER_PAGE = 20;
/** Statuses a hub's list can show: everything once it has been sent to the hub. */
export const HUB_LIST_STATUSES = [
  "submitted",
  "changes_requested",
  ...PUBLIC_STATUSES,
  "withdrawn",
] as const satisfies readonly ChallengeStatus[];

export const hubListInput = z.object({
  status: z.enum(HUB_LIST_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/**
 * Every challenge from the councils a hub serves, by status, newest first, for that hub's
 * organisers (and admins). Drafts stay the council's own.
 */
export async function listHubChallenges(
  user: Actor,
  hub: { id: string; name: string; kind: OrganisationKind; region: string | null; servesRegions: string[] },
  { status, page }: z.infer<typeof hubListInput>,
) {
  await challengePolicy.authorize(user, "list_hub_challenges", hub);
  const organisation = councilsServedBy([hub]);
  const base: Prisma.ChallengeWhereInput = { organisation, status: { in: [...HUB_LIST_STATUSES] } };
  const where: Prisma.ChallengeWhereInput = status ? { ...base, status } : base;
  const [groups, total] = await Promise.all([
    prisma.challenge.groupBy({ by: ["status"], where: base, _count: { _all: true } }),
    prisma.challenge.count({ where }),
  ]);
  const totalPages = Math.max(1, Math.ceil(total / HUB_CHALLENGES_PER_PAGE));
  const current = Math.min(page, totalPages);
  const items = await prisma.challenge.findMany({
    where,
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * HUB_CHALLENGES_PER_PAGE,
    take: HUB_CHALLENGES_PER_PAGE,
    select: {
      id: true,
      title: true,
      status: true,
      updatedAt: true,
      organisation: { select: { name: true } },
      _count: { select: { datasetChanges: { where: { state: "pending" } } } },
    },
  });
  const counts = Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Partial<
    Record<ChallengeStatus, number>
  >;
  return {
    counts: HUB_LIST_STATUSES.map((s) => ({ status: s, count: counts[s] ?? 0 })),
    total,
    page: current,
    totalPages,
    items: items.map((c) => ({
      id: c.id,
      title: c.title || "Untitled challenge",
      status: c.status,
      updatedAt: c.updatedAt,
      councilName: c.organisation.name,
      dataCardChanges: c._count.datasetChanges,
    })),
  };
}

export type ReviewPage =
  | { kind: "public-page"; slug: string }
  | { kind: "ok"; page: Awaited<ReturnType<typeof reviewPage>> };

/**
 * A challenge's private page: for its council and those who review it (organisers of hubs
 * serving the council, admins) and nobody else. A public challenge sends anyone else to its
 * public page, which shows what they may see: its id is public (the API lists it), so a
 * redirect reveals nothing and is kinder than a dead end. Anything not public is "not found",
 * so a draft's existence is not revealed.
 */
export async function getChallengeForReview(actor: Actor, challengeId: string): Promise<ReviewPage> {
  const { ref, access } = await authorizeChallenge(actor, challengeId, "view");
  if (!access.manage) {
    const { slug } = await prisma.challenge.findUniqueOrThrow({ where: { id: ref.id }, select: { slug: true } });
    return { kind: "public-page", slug };
  }
  return { kind: "ok", page: await reviewPage(actor, ref, access) };
}

/** What the private page shows, and nothing more: each restricted field only as access allows. */
async function reviewPage(actor: Actor, ref: ChallengeRef, access: ChallengeAccess) {
  const c = await prisma.challenge.findUniqueOrThrow({
    where: { id: ref.id },
    select: {
      id: true,
      slug: true,
      status: true,
      wizardStep: true,
      title: true,
      problem: true,
      whoIsAffected: true,
      whyItMatters: true,
      outcomeWanted: true,
      successMeasures: true,
      area: true,
      teamSizeMin: true,
      teamSizeMax: true,
      timeCommitment: true,
      deadline: true,
      contactName: true,
      contactEmail: true,
      reviewComment: true,
      organisation: { select: { name: true, slug: true } },
      themes: { select: { theme: { select: { id: true, name: true } } } },
      skills: { select: { importance: true, skill: { select: { id: true, name: true } } } },
      datasets: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: datasetSelect },
    },
  });
  const visible = c.datasets.filter((d) => access.personalDatasets || !d.personalData);
  return {
    challenge: {
      id: c.id,
      slug: c.slug,
      status: c.status,
      title: c.title,
      area: c.area,
      themes: c.themes.map((t) => t.theme).sort((a, b) => a.name.localeCompare(b.name)),
      skills: c.skills
        .map((s) => ({ id: s.skill.id, name: s.skill.name, importance: s.importance }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      teamSizeMin: c.teamSizeMin,
      teamSizeMax: c.teamSizeMax,
      timeCommitment: c.timeCommitment,
      deadline: c.deadline,
      contactName: c.contactName,
      contactEmail: access.contact ? c.contactEmail : "",
      // The data card as approved; changes waiting for review are listed on their own.
      datasets: visible.map((d) => datasetView(d, access)),
    },
    statusLabel: statusLabels[c.status],
    html: renderChallengeText(c),
    reviewCommentHtml: c.status === "changes_requested" && c.reviewComment ? renderMarkdown(c.reviewComment) : null,
    organisation: { name: c.organisation.name, slug: c.organisation.slug },
    continueHref: continueUrl(c),
    isPublic: PUBLIC_STATUSES.includes(c.status),
    council: access.council,
    reviewer: access.reviewer,
    editable: access.edit,
    transitions: await availableTransitions(actor, ref),
    dataCardChanges: await dataCardChanges(c.id, access),
    decideDataCard: access.reviewDataCard,
  };
}

/** Changes to the data card waiting for review, before and after, as the reviewer compares them. */
async function dataCardChanges(challengeId: string, access: ChallengeAccess) {
  const changes = await prisma.datasetChange.findMany({
    where: { challengeId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { ...changeSelect, dataset: { select: datasetSelect } },
  });
  const withoutDescription = ({ descriptionHtml: _shownAfterOnly, ...rest }: ReturnType<typeof datasetView>) => rest;
  return changes.map((c) => ({
    id: c.id,
    isNew: c.datasetId === null,
    state: c.state,
    commentHtml: c.reviewComment ? renderMarkdown(c.reviewComment) : null,
    before: c.dataset ? withoutDescription(datasetView(c.dataset, access)) : null,
    after: datasetView({ ...pickFields(c), id: c.id }, access),
  }));
}
