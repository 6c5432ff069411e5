import type { ParticipantKind, Prisma, ProfileVisibility, SkillLevel } from "~/generated/prisma/client";
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
import { currentSkillGraph } from "~/models/matching/skill-graph-cache.server";
import type { SkillGraph } from "~/models/taxonomy/graph.server";
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
  // The challenge's skills and the graph are read while the policy is asked (nothing is
  // returned before it answers): three round trips at once instead of one after another.
  const [{ ref }, challenge, graph] = await Promise.all([
    authorizeChallenge(actor, challengeId, "manage"),
    prisma.challenge.findUnique({
      where: { id: challengeId },
      select: {
        id: true,
        slug: true,
        title: true,
        skills: { select: { importance: true, skill: { select: { id: true, slug: true, name: true } } } },
        themes: { select: { theme: { select: { id: true, name: true } } } },
      },
    }),
    currentSkillGraph(),
  ]);
  if (!(MATCHING_STATUSES as readonly string[]).includes(ref.status)) {
    throw conflict("People can be matched only while the challenge is open or in progress.");
  }
  if (!challenge) throw challengeNotFound();
  const filters = options.filters ?? {};
  const now = options.now ?? new Date();
  const summary: ChallengeSummary = {
    id: challenge.id,
    slug: challenge.slug,
    title: challenge.title,
    councilName: ref.organisation.name,
    region: ref.organisation.region,
    skillCount: challenge.skills.length,
  };
  if (challenge.skills.length === 0) return { kind: "no-skills", challenge: summary };

  // Essential skills first: Meilisearch reads only the first ten words of a query.
  const skills = [...challenge.skills].sort((a, b) =>
    a.importance === b.importance ? 0 : a.importance === "essential" ? -1 : 1,
  );
  const needs: ChallengeNeeds = {
    skills: skills.map((s) => ({ id: s.skill.id, name: s.skill.name, importance: s.importance })),
    themes: challenge.themes.map((t) => t.theme),
    region: ref.organisation.region,
  };
  const visibilities = visibleTo(actor);
  const search = {
    slugs: skills.map((s) => s.skill.slug),
    essential: skills.filter((s) => s.importance === "essential").map((s) => s.skill.slug),
    region: ref.organisation.region,
    visibilities,
    filters,
    day: todayDay(now),
  };
  let degraded = false;
  let candidateIds: string[];
  try {
    candidateIds = await candidatesFromIndex(search);
  } catch {
    degraded = true;
    candidateIds = await candidatesFromDatabase(
      search,
      skills.map((s) => s.skill.id),
      graph,
      now,
    );
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
  scored.sort(
    (a, b) => compareMatches(a, b) || (a.row.userId < b.row.userId ? -1 : a.row.userId > b.row.userId ? 1 : 0),
  );
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
  essential: string[];
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
  // rarest words. So one multi-search asks for everyone the filter lets through (enough when
  // they are few: a small hub, a rare skill), the people holding all the skills, and for each
  // essential skill its strongest holders (expert before practised before learning before
  // implied, by attribute order); the union, at most CANDIDATES people, is scored in full.
  const tokens = search.slugs.slice(0, MAX_QUERY_WORDS).map(skillToken);
  const essential = search.essential.slice(0, MAX_QUERY_WORDS).map(skillToken);
  const perSkill = Math.max(20, Math.floor(CANDIDATES / 2 / Math.max(1, essential.length)));
  const common = {
    filter,
    attributesToRetrieve: ["id"],
    attributesToSearchOn: [...MATCH_FIELDS],
    indexUid: getSearch().indexName("people"),
  };
  const { results } = await getSearch().client.multiSearch({
    queries: [
      { ...common, q: "", limit: CANDIDATES },
      { ...common, q: tokens.join(" "), matchingStrategy: "all", limit: CANDIDATES / 2 },
      ...essential.map((token) => ({ ...common, q: token, limit: perSkill })),
    ],
  });
  const [everyone, ...ranked] = results;
  const ids = new Set<string>();
  const fewEnough = (everyone?.estimatedTotalHits ?? Infinity) <= CANDIDATES;
  for (const result of fewEnough ? [] : ranked) for (const hit of result.hits) ids.add(String(hit.id));
  for (const hit of everyone?.hits ?? []) if (ids.size < CANDIDATES) ids.add(String(hit.id));
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
    user: {
      ...matchableProfile.user,
      visibility: { in: search.visibilities },
      ...(search.filters.kind ? { kind: search.filters.kind } : {}),
    },
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

interface CandidateRow {
  userId: string;
  headline: string;
  region: string | null;
  remoteOk: boolean;
  hoursPerWeek: number | null;
  name: string;
  kind: ParticipantKind;
  visibility: ProfileVisibility;
  skills: [string, SkillLevel][];
  themeIds: string[];
  committed: number;
  pending: number;
}

/**
 * The candidates as they are now in PostgreSQL, every rule checked again: the index may lag a
 * change by a moment, and a person who hid their profile must not be shown in that moment.
 * One query (this runs on every request): the rules of `matchableProfile` and `currentWhere`,
 * written out in SQL; tests/integration/matching.test.ts checks each of them.
 */
async function currentCandidates(ids: string[], search: CandidateSearch, now: Date) {
  if (ids.length === 0) return [];
  const today = new Date(todayDay(now) * DAY).toISOString().slice(0, 10);
  const remoteOnly = search.filters.remote === "only";
  const rows = await prisma.$queryRaw<CandidateRow[]>`
    SELECT p.user_id AS "userId", p.headline, p.region, p.remote_ok AS "remoteOk", p.hours_per_week AS "hoursPerWeek",
      u.display_name AS name, u.kind::text AS kind, u.visibility::text AS visibility,
      coalesce((SELECT json_agg(json_build_array(ps.skill_id, ps.level)) FROM profile_skills ps WHERE ps.user_id = p.user_id), '[]') AS skills,
      coalesce((SELECT array_agg(pt.theme_id) FROM profile_themes pt WHERE pt.user_id = p.user_id), '{}') AS "themeIds",
      coalesce((SELECT sum(tm.hours_per_week) FROM team_members tm WHERE tm.user_id = p.user_id AND tm.left_at IS NULL), 0)::int AS committed,
      (SELECT count(*) FROM challenge_applications a
        WHERE a.user_id = p.user_id AND a.direction = 'invitation' AND a.status = 'pending')::int AS pending
    FROM profiles p JOIN users u ON u.id = p.user_id
    WHERE p.user_id = ANY(${ids}::text[])
      AND p.open_to_invitations AND u.deleted_at IS NULL AND u.email_verified_at IS NOT NULL
      AND u.visibility::text = ANY(${search.visibilities}::text[])
      AND (p.available_from IS NULL OR p.available_from <= ${today}::date)
      AND (p.available_until IS NULL OR p.available_until >= ${today}::date)
      AND (p.remote_ok OR (NOT ${remoteOnly} AND (p.region IS NULL OR p.region = ${search.region})))
      AND (${search.filters.kind ?? null}::text IS NULL OR u.kind::text = ${search.filters.kind ?? null}::text)
      AND (${search.filters.hours ?? null}::int IS NULL OR p.hours_per_week >= ${search.filters.hours ?? null}::int)`;
  return rows.map((p) => ({
    userId: p.userId,
    name: p.name,
    headline: p.headline,
    kind: p.kind,
    visibility: p.visibility,
    pendingInvitations: p.pending,
    candidate: {
      skills: p.skills.map(([id, level]) => ({ id, level })),
      themeIds: p.themeIds,
      region: p.region,
      remoteOk: p.remoteOk,
      hoursPerWeek: p.hoursPerWeek,
      committedHours: p.committed,
    },
  }));
}
