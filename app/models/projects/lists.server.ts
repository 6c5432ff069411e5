import { z } from "zod";
import type { OutcomeState, Prisma, ProjectStage, TeamRole } from "~/generated/prisma/client";
import { councilsServedBy } from "~/models/challenges/policy.server";
import type { Actor } from "~/models/platform/actor";
import { notFound } from "~/models/platform/errors";
import { definePolicy, isHubOrganiserFor, membershipRole } from "~/models/platform/policy.server";
import { prisma } from "~/services/db.server";

// Lists of projects for the people who oversee them: a hub's organisers (every project on the
// challenges of the councils the hub serves), a council's members (their council's projects)
// and each participant (the teams they are and were in). The lists carry sync errors and
// outcome states, so they are for insiders only; the public sees projects one by one.

export const PROJECT_STAGES = ["stalled", "forming", "active", "delivered", "published"] as const satisfies readonly ProjectStage[];
export const PROJECTS_PER_PAGE = 20;

interface OrganisationRef {
  id: string;
  name: string;
  kind: string;
  region: string | null;
}

export const oversightPolicy = definePolicy(
  {
    /** A hub's organisers (and admins): every project of the councils the hub serves. */
    list_hub_projects: async (actor: Actor | null, hub: OrganisationRef) =>
      hub.kind === "hub" && actor !== null && (actor.isAdmin || (await membershipRole(actor.id, hub.id)) !== null),
    /** A council's members, the organisers of hubs serving it, admins. */
    list_council_projects: async (actor: Actor | null, council: OrganisationRef) =>
      council.kind === "council" &&
      actor !== null &&
      (actor.isAdmin || (await membershipRole(actor.id, council.id)) !== null || (await isHubOrganiserFor(actor.id, council))),
  },
  {
    list_hub_projects: (hub) => `You need to be an organiser of ${hub.name} to see the projects of the councils it serves.`,
    list_council_projects: (council) => `You need to be a member of ${council.name} to see its projects.`,
  },
);

export const projectListInput = z.object({
  stage: z.enum(PROJECT_STAGES).optional().catch(undefined),
  council: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((value) => value || undefined)
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type ProjectListInput = z.infer<typeof projectListInput>;

const itemSelect = {
  id: true,
  slug: true,
  title: true,
  stage: true,
  stageChangedAt: true,
  lastActivityAt: true,
  createdAt: true,
  challenge: { select: { slug: true, title: true, organisation: { select: { slug: true, name: true } } } },
  repository: { select: { owner: true, name: true, htmlUrl: true, syncStatus: true, syncError: true, lastSyncedAt: true } },
  outcome: { select: { state: true } },
  _count: { select: { members: { where: { leftAt: null } } } },
} satisfies Prisma.ProjectSelect;

type Row = Prisma.ProjectGetPayload<{ select: typeof itemSelect }>;

export interface ProjectListItem {
  slug: string;
  title: string;
  stage: ProjectStage;
  stageChangedAt: Date;
  lastActivityAt: Date | null;
  challengeTitle: string;
  council: { slug: string; name: string };
  teamSize: number;
  repository: { fullName: string; url: string; syncStatus: string; syncError: string | null; lastSyncedAt: Date | null } | null;
  outcomeState: OutcomeState | null;
}

function itemOf(row: Row): ProjectListItem {
  return {
    slug: row.slug,
    title: row.title,
    stage: row.stage,
    stageChangedAt: row.stageChangedAt,
    lastActivityAt: row.lastActivityAt,
    challengeTitle: row.challenge.title,
    council: row.challenge.organisation,
    teamSize: row._count.members,
    repository: row.repository
      ? {
          fullName: `${row.repository.owner}/${row.repository.name}`,
          url: row.repository.htmlUrl,
          syncStatus: row.repository.syncStatus,
          syncError: row.repository.syncError,
          lastSyncedAt: row.repository.lastSyncedAt,
        }
      : null,
    outcomeState: row.outcome?.state ?? null,
  };
}

/**
 * One page of projects matching `base`, stalled ones first (quiet longest first), then the
 * rest by latest activity. Two queries rather than an expression sort, so each uses the
 * stage index and the page boundary falls wherever it falls.
 */
async function pageOf(base: Prisma.ProjectWhereInput, { stage, page }: { stage?: ProjectStage; page: number }) {
  const where: Prisma.ProjectWhereInput = stage ? { AND: [base, { stage }] } : base;
  const [groups, total, stalled] = await Promise.all([
    prisma.project.groupBy({ by: ["stage"], where: base, _count: { _all: true } }),
    prisma.project.count({ where }),
    prisma.project.count({ where: { AND: [where, { stage: "stalled" }] } }),
  ]);
  const totalPages = Math.max(1, Math.ceil(total / PROJECTS_PER_PAGE));
  const current = Math.min(page, totalPages);
  const offset = (current - 1) * PROJECTS_PER_PAGE;
  const rows: Row[] = [];
  if (offset < stalled) {
    rows.push(
      ...(await prisma.project.findMany({
        where: { AND: [where, { stage: "stalled" }] },
        orderBy: [{ lastActivityAt: { sort: "asc", nulls: "first" } }, { id: "asc" }],
        skip: offset,
        take: PROJECTS_PER_PAGE,
        select: itemSelect,
      })),
    );
  }
  if (rows.length < PROJECTS_PER_PAGE) {
    rows.push(
      ...(await prisma.project.findMany({
        where: { AND: [where, { stage: { not: "stalled" } }] },
        orderBy: [{ lastActivityAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }, { id: "asc" }],
        skip: Math.max(0, offset - stalled),
        take: PROJECTS_PER_PAGE - rows.length,
        select: itemSelect,
      })),
    );
  }
  const counts = Object.fromEntries(groups.map((g) => [g.stage, g._count._all])) as Partial<Record<ProjectStage, number>>;
  return {
    counts: PROJECT_STAGES.map((s) => ({ stage: s, count: counts[s] ?? 0 })),
    total,
    page: current,
    totalPages,
    items: rows.map(itemOf),
  };
}

/** Every project on challenges of the councils `hub` serves: for its organisers and admins. */
export async function listHubProjects(actor: Actor, hub: OrganisationRef & { servesRegions: string[] }, filter: ProjectListInput) {
  await oversightPolicy.authorize(actor, "list_hub_projects", hub);
  const organisation = councilsServedBy([hub]);
  const councils = await prisma.organisation.findMany({
    where: { AND: [organisation, { challenges: { some: { projects: { some: {} } } } }] },
    orderBy: { name: "asc" },
    select: { slug: true, name: true },
  });
  // A council the hub does not serve (or a made-up slug) is ignored: the list never widens beyond the hub.
  const council = filter.council && councils.some((c) => c.slug === filter.council) ? filter.council : undefined;
  const base: Prisma.ProjectWhereInput = {
    challenge: { organisation: council ? { AND: [organisation, { slug: council }] } : organisation },
  };
  const list = await pageOf(base, { stage: filter.stage, page: filter.page });
  return { ...list, councils, council: council ?? null, stage: filter.stage ?? null };
}

/** A council's projects: for its members, the organisers of hubs serving it, and admins. */
export async function listCouncilProjects(actor: Actor | null, slug: string, filter: ProjectListInput) {
  const council = await prisma.organisation.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, kind: true, region: true },
  });
  if (!council || council.kind !== "council") throw notFound("There is no such council.");
  await oversightPolicy.authorize(actor, "list_council_projects", council);
  const list = await pageOf({ challenge: { organisationId: council.id } }, { stage: filter.stage, page: filter.page });
  return { ...list, council: { slug: council.slug, name: council.name }, stage: filter.stage ?? null };
}

export interface MyTeamPlace {
  project: ProjectListItem;
  teamRole: TeamRole;
  role: string;
  joinedAt: Date;
  leftAt: Date | null;
}

/** The teams `actor` is in (current first) and was in: their own, so nobody else's. */
export async function listMyProjects(actor: Actor) {
  const places = await prisma.teamMember.findMany({
    where: { userId: actor.id, project: { isNot: null } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 200,
    select: { teamRole: true, role: true, createdAt: true, leftAt: true, project: { select: itemSelect } },
  });
  const all: MyTeamPlace[] = places.flatMap((place) => {
    if (!place.project) return [];
    const project = itemOf(place.project);
    // Someone who left is no longer on the inside: what failed in the sync is the team's.
    if (place.leftAt && project.repository) project.repository = { ...project.repository, syncError: null };
    return [{ project, teamRole: place.teamRole, role: place.role, joinedAt: place.createdAt, leftAt: place.leftAt }];
  });
  return { current: all.filter((p) => p.leftAt === null), past: all.filter((p) => p.leftAt !== null) };
}
