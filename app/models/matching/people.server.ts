import type { ParticipantKind, Prisma, ProfileVisibility } from "~/generated/prisma/client";
import { authorizeChallenge, challengeNotFound } from "~/models/challenges/policy.server";
import { MATCH_FIELDS, matchableProfile, skillToken } from "~/models/matching/search-index.server";
import {
  compareMatches,
  explainMatch,
  pairJitter,
  rankScore,
  scoreMatch,
  type ChallengeNeeds,
  type ExplanationLine,
  type Match,
} from "~/models/matching/ranking";
import type { PeopleFilters } from "~/models/matching/schemas";
import type { Actor } from "~/models/platform/actor";
import { conflict } from "~/models/platform/errors";
import { loadSkillGraph, type SkillGraph } from "~/models/taxonomy/graph.server";
import { prisma } from "~/services/db.server";
import { getSearch } from "~/services/search.server";

// "People for this challenge": Meilisearch finds the candidates (filters on skills, dates,
// region or remote, kind, visibility; the people holding most of the challenge's skills
// first), PostgreSQL says who they are now (a profile hidden a moment ago never shows), and
// the ranking module scores and explains each one.

export const PER_PAGE = 20;
/** How many candidates Meilisearch hands over to be scored: ten pages. */
export const CANDIDATES = 200;
/** Meilisearch reads at most ten words of a query. */
const MAX_QUERY_WORDS = 10;
const DAY = 86_400_000;

const MATCHING_STATUSES = ["open", "in_progress"] as const;

export interface PersonResult {
  userId: string;
  name: string;
  headline: string;
  kind: ParticipantKind;
  /** The viewer may open /people/<userId> (the profile is public, or members-only and they are signed in). */
  profileVisible: boolean;
  match: Match;
  explanation: ExplanationLine[];
}

export type PeopleForChallenge =
  | { kind: "no-skills"; challenge: ChallengeSummary }
  | {
      kind: "results";
      challenge: ChallengeSummary;
      results: PersonResult[];
      total: number;
      page: number;
      totalPages: number;
      /** True when Meilisearch could not answer and PostgreSQL chose the candidates. */
      degraded: boolean;
    };

interface ChallengeSummary {
  id: string;
  slug: string;
  title: string;
  councilName: string;
  region: string | null;
  skillCount: number;
}

/** Profile visibilities `actor` may be shown: members-only profiles need a signed-in viewer. */
export function visibleTo(actor: Actor | null): ProfileVisibility[] {
  return actor ? ["public", "members"] : ["public"];
}

export const todayDay = (now = new Date()) => Math.floor(now.getTime() / DAY);

const quote = (value: string) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/**
 * Ranked people for a challenge, each with the reasons in words. Only the challenge's council
 * and the hub organisers (and admins) who review it may ask; the challenge must be open or in
 * progress.
 */
export async function peopleForChallenge(
  actor: Actor | null,
  challengeId: string,
  options: { page?: number; filters?: Omit<PeopleFilters, "page">; spread?: boolean; now?: Date } = {},
): Promise<PeopleForChallenge> {
  const { ref } = await authorizeChallenge(actor, challengeId, "manage");
  if (!(MATCHING_STATUSES as readonly string[]).includes(ref.status)) {
    throw conflict("People can be matched only while the challenge is open or in progress.");
  }
  const filters = options.filters ?? {};
  const now = options.now ?? new Date();
  const [challenge, graph] = await Promise.all([
    prisma.challenge.findUniqueOrThrow({
      where: { id: challengeId },
      select: {
        id: true,
        slug: true,
        title: true,
        skills: { select: { importance: true, skill: { select: { id: true, slug: true, name: true } } } },
        themes: { select: { theme: { select: { id: true, name: true } } } },
      },
    }),
    loadSkillGraph(),
  ]);
  const summary: ChallengeSummary = {
    id: challenge.id,
    slug: challenge.slug,
    title: challenge.title,
    councilName: ref.organisation.name,
    region: ref.organisation.region,
    skillCount: challenge.skills.length,
  };
  if (challenge.skills.length === 0) return { kind: "no-skills", challenge: summary };

  // Essential skills first: they are the words Meilisearch keeps when it must drop some.
  const skills = [...challenge.skills].sort((a, b) => (a.importance === b.importance ? 0 : a.importance === "essential" ? -1 : 1));
  const needs: ChallengeNeeds = {
    skills: skills.map((s) => ({ id: s.skill.id, name: s.skill.name, importance: s.importance })),
    themes: challenge.themes.map((t) => t.theme),
    region: ref.organisation.region,
  };
  const visibilities = visibleTo(actor);
  const search = { slugs: skills.map((s) => s.skill.slug), region: ref.organisation.region, visibilities, filters, day: todayDay(now) };
  let degraded = false;
  let candidateIds: string[];
  try {
    candidateIds = await candidatesFromIndex(search);
  } catch {
    degraded = true;
    candidateIds = await candidatesFromDatabase(search, skills.map((s) => s.skill.id), graph, now);
  }

  const rows = await currentCandidates(candidateIds, search, now);
  const scored = rows.map((row) => {
    const match = scoreMatch(needs, row.candidate, graph);
    return {
      row,
      match,
      rank: options.spread === false ? match.score : rankScore(match, row.pendingInvitations),
      // Without spreading, equal scores keep one fixed order (by id) in every list.
      tieBreak: options.spread === false ? 0 : pairJitter(challenge.id, row.userId),
    };
  });
  scored.sort((a, b) => compareMatches(a, b) || (a.row.userId < b.row.userId ? -1 : a.row.userId > b.row.userId ? 1 : 0));
  const kept = filters.hours ? scored.filter((s) => (s.match.hoursFree ?? 0) >= filters.hours!) : scored;

  const total = kept.length;
  const totalPages = Math.max(1, Math.ceil(total / PER_PAGE));
  const page = Math.min(options.page ?? 1, totalPages);
  const results = kept.slice((page - 1) * PER_PAGE, page * PER_PAGE).map(({ row, match }) => ({
    userId: row.userId,
    name: row.name,
    headline: row.headline,
    kind: row.kind,
    profileVisible: visibilities.includes(row.visibility),
    match,
    explanation: explainMatch(match),
  }));
  return { kind: "results", challenge: summary, results, total, page, totalPages, degraded };
}

/** peopleForChallenge for the challenge at `slug` (the page's address). */
export async function peopleForChallengeAt(
  actor: Actor | null,
  slug: string,
  options: Parameters<typeof peopleForChallenge>[2] = {},
): Promise<PeopleForChallenge> {
  const found = await prisma.challenge.findUnique({ where: { slug }, select: { id: true } });
  if (!found) throw challengeNotFound();
  return peopleForChallenge(actor, found.id, options);
}

interface CandidateSearch {
  slugs: string[];
  region: string | null;
  visibilities: ProfileVisibility[];
  filters: Omit<PeopleFilters, "page">;
  day: number;
}

async function candidatesFromIndex(search: CandidateSearch): Promise<string[]> {
  const slugList = search.slugs.map(quote).join(", ");
  const filter = [
    `(skillSlugs IN [${slugList}] OR impliedSkillSlugs IN [${slugList}])`,
    `availableFromDay <= ${search.day} AND availableUntilDay >= ${search.day}`,
    search.filters.remote === "only"
      ? "remoteOk = true"
      : search.region
        ? `(region = ${quote(search.region)} OR remoteOk = true OR region IS NULL)`
        : "(remoteOk = true OR region IS NULL)",
    `visibility IN [${search.visibilities.map(quote).join(", ")}]`,
    ...(search.filters.kind ? [`kind = ${quote(search.filters.kind)}`] : []),
    ...(search.filters.hours ? [`hoursPerWeek >= ${search.filters.hours}`] : []),
  ].join(" AND ");
  // Meilisearch has no "any of these words, most first": a query keeps only documents with its
  // rarest words. So one multi-search asks for the people holding all the skills, and for each
  // skill its strongest holders (expert before practised before learning before implied, by
  // attribute order); the union, at most CANDIDATES people, is scored in full afterwards.
  const tokens = search.slugs.slice(0, MAX_QUERY_WORDS).map(skillToken);
  const perSkill = Math.max(20, Math.floor(CANDIDATES / 2 / tokens.length));
  const common = { filter, attributesToRetrieve: ["id"], attributesToSearchOn: [...MATCH_FIELDS], indexUid: getSearch().indexName("people") };
  const { results } = await getSearch().client.multiSearch({
    queries: [
      { ...common, q: tokens.join(" "), matchingStrategy: "all", limit: CANDIDATES / 2 },
      ...tokens.map((token) => ({ ...common, q: token, limit: perSkill })),
    ],
  });
  const ids = new Set<string>();
  for (const result of results) for (const hit of result.hits) ids.add(String(hit.id));
  return [...ids].slice(0, CANDIDATES);
}

/** The same candidates from PostgreSQL, for when Meilisearch is away (no ranking by the index). */
async function candidatesFromDatabase(
  search: CandidateSearch,
  skillIds: string[],
  graph: SkillGraph,
  now: Date,
): Promise<string[]> {
  // People holding a narrower skill that implies one asked for count too.
  const narrower = [...graph.skills.keys()].filter((id) => graph.implied(id).some((up) => skillIds.includes(up.id)));
  const rows = await prisma.profile.findMany({
    where: {
      ...currentWhere(search, now),
      skills: { some: { skillId: { in: [...skillIds, ...narrower] } } },
    },
    select: { userId: true },
    take: CANDIDATES,
    orderBy: { updatedAt: "desc" },
  });
  return rows.map((row) => row.userId);
}

function currentWhere(search: CandidateSearch, now: Date): Prisma.ProfileWhereInput {
  const today = new Date(todayDay(now) * DAY);
  return {
    ...matchableProfile,
    user: { ...matchableProfile.user, visibility: { in: search.visibilities }, ...(search.filters.kind ? { kind: search.filters.kind } : {}) },
    AND: [
      { OR: [{ availableFrom: null }, { availableFrom: { lte: today } }] },
      { OR: [{ availableUntil: null }, { availableUntil: { gte: today } }] },
      search.filters.remote === "only"
        ? { remoteOk: true }
        : { OR: [{ remoteOk: true }, { region: null }, ...(search.region ? [{ region: search.region }] : [])] },
      ...(search.filters.hours ? [{ hoursPerWeek: { gte: search.filters.hours } }] : []),
    ],
  };
}

/**
 * The candidates as they are now in PostgreSQL, every rule checked again: the index may lag a
 * change by a moment, and a person who hid their profile must not be shown in that moment.
 */
async function currentCandidates(ids: string[], search: CandidateSearch, now: Date) {
  if (ids.length === 0) return [];
  const [profiles, committed, pending] = await Promise.all([
    prisma.profile.findMany({
      where: { userId: { in: ids }, ...currentWhere(search, now) },
      select: {
        userId: true,
        headline: true,
        region: true,
        remoteOk: true,
        hoursPerWeek: true,
        user: { select: { displayName: true, kind: true, visibility: true } },
        skills: { select: { skillId: true, level: true } },
        interests: { select: { themeId: true } },
      },
    }),
    prisma.teamMember.groupBy({
      by: ["userId"],
      where: { userId: { in: ids }, leftAt: null },
      _sum: { hoursPerWeek: true },
    }),
    prisma.challengeApplication.groupBy({
      by: ["userId"],
      where: { userId: { in: ids }, direction: "invitation", status: "pending" },
      _count: { _all: true },
    }),
  ]);
  const hours = new Map(committed.map((c) => [c.userId, c._sum.hoursPerWeek ?? 0]));
  const invitations = new Map(pending.map((p) => [p.userId, p._count._all]));
  return profiles.map((p) => ({
    userId: p.userId,
    name: p.user.displayName,
    headline: p.headline,
    kind: p.user.kind,
    visibility: p.user.visibility,
    pendingInvitations: invitations.get(p.userId) ?? 0,
    candidate: {
      skills: p.skills.map((s) => ({ id: s.skillId, level: s.level })),
      themeIds: p.interests.map((i) => i.themeId),
      region: p.region,
      remoteOk: p.remoteOk,
      hoursPerWeek: p.hoursPerWeek,
      committedHours: hours.get(p.userId) ?? 0,
    },
  }));
}
