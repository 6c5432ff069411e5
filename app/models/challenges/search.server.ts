import type { MultiSearchParams } from "meilisearch";
import { z } from "zod";
import type { ChallengeStatus, Prisma } from "~/generated/prisma/client";
import {
  FILTER_KEYS,
  SENSITIVITIES,
  SORTS,
  type ChallengeFacets,
  type ChallengeFilterKey,
  type ChallengeSensitivity,
  type ChallengeSort,
  type FacetValue,
} from "~/models/challenges/search";
import { publicChallenges } from "~/models/challenges/policy.server";
import { PUBLIC_STATUSES } from "~/models/challenges/status";
import { loadSkillTaxonomy } from "~/models/taxonomy/skill-taxonomy.server";
import { challengesIndex, type ChallengeDocument } from "~/models/challenges/search-index.server";
import { containsText, escapeLike, prisma } from "~/services/db.server";
import { getSearch } from "~/services/search.server";

// Finding public challenges: Meilisearch first (typos, skill synonyms, highlights), PostgreSQL
// when Meilisearch cannot answer. Both give the same filters and the same kind of facet counts.

export { FILTER_KEYS, SENSITIVITIES, SORTS };
export type { ChallengeFacets, ChallengeFilterKey, ChallengeSensitivity, ChallengeSort, FacetValue };

const publicStatuses = PUBLIC_STATUSES as readonly [ChallengeStatus, ...ChallengeStatus[]];

const name = z.string().trim().min(1, "Must not be empty").max(120, "Must be 120 characters or fewer");
const many = <T extends z.ZodTypeAny>(item: T) => z.array(item).max(30, "Choose 30 or fewer").default([]);

export const challengeSearchParams = z.object({
  q: z.string().trim().max(200, "Search must be 200 characters or fewer").default(""),
  /** Theme names, e.g. "Housing". */
  theme: many(name),
  /** Skill names from the taxonomy, e.g. "Geospatial analysis". */
  skill: many(name),
  /** Council names as shown on Nettle, e.g. "Leeds". */
  council: many(name),
  region: many(name),
  status: many(
    z.enum(publicStatuses, { errorMap: () => ({ message: `Must be one of ${PUBLIC_STATUSES.join(", ")}` }) }),
  ),
  sensitivity: many(
    z.enum(SENSITIVITIES, { errorMap: () => ({ message: `Must be one of ${SENSITIVITIES.join(", ")}` }) }),
  ),
  sort: z.enum(SORTS, { errorMap: () => ({ message: `Must be one of ${SORTS.join(", ")}` }) }).default("newest"),
  page: z.coerce
    .number({ invalid_type_error: "Must be a number" })
    .int("Must be a whole number")
    .min(1)
    .max(1000)
    .default(1),
});

export type ChallengeSearch = z.infer<typeof challengeSearchParams>;

function rawParams(searchParams: URLSearchParams) {
  const raw: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) raw[key] = searchParams.getAll(key).filter((v) => v !== "");
  for (const key of ["q", "sort", "page"] as const) {
    const value = searchParams.get(key);
    if (value !== null && value !== "") raw[key] = value;
  }
  return raw;
}

/**
 * Strict reading of a query string, for the API: any invalid value is an error, keyed by
 * parameter ("status.1" is the second `status`). Repeated parameters are multi-value filters.
 */
export function parseChallengeSearch(
  searchParams: URLSearchParams,
): { ok: true; params: ChallengeSearch } | { ok: false; errors: Record<string, string> } {
  const result = challengeSearchParams.safeParse(rawParams(searchParams));
  if (result.success) return { ok: true, params: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[issue.path.join(".") || "query"] ??= issue.message;
  return { ok: false, errors };
}

/** Lenient reading, for the HTML page: invalid values are dropped, the rest kept. */
export function readChallengeSearch(searchParams: URLSearchParams): ChallengeSearch {
  const raw = rawParams(searchParams);
  const shape = challengeSearchParams.shape;
  const kept: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape) as [keyof typeof shape, z.ZodTypeAny][]) {
    const value = raw[key];
    if (Array.isArray(value)) {
      const item = (schema as z.ZodDefault<z.ZodArray<z.ZodTypeAny>>).removeDefault().element;
      kept[key] = value.filter((v) => item.safeParse(v).success).slice(0, 30);
    } else if (value !== undefined && schema.safeParse(value).success) {
      kept[key] = value;
    }
  }
  return challengeSearchParams.parse(kept);
}

export type ChallengeHit = ChallengeDocument & { highlightedTitle?: string; highlightedSummary?: string };

export interface ChallengeSearchResult {
  hits: ChallengeHit[];
  total: number;
  page: number;
  perPage: number;
  totalPages: number;
  facets: ChallengeFacets;
  /** True when Meilisearch could not answer and the results came from PostgreSQL instead. */
  degraded: boolean;
}

export const PER_PAGE = 20;

/** Each filter: its document field (Meilisearch attribute) and where its counts go. */
const facetOf = {
  theme: { field: "themes", facet: "themes" },
  skill: { field: "skills", facet: "skills" },
  council: { field: "organisationName", facet: "councils" },
  region: { field: "region", facet: "regions" },
  status: { field: "status", facet: "statuses" },
  sensitivity: { field: "sensitivity", facet: "sensitivities" },
} as const satisfies Record<ChallengeFilterKey, { field: keyof ChallengeDocument; facet: keyof ChallengeFacets }>;

/** Searches public challenges in Meilisearch; if it is unavailable, falls back to PostgreSQL. */
export async function searchChallenges(params: ChallengeSearch): Promise<ChallengeSearchResult> {
  try {
    return await searchChallengesInMeilisearch(params);
  } catch (error) {
    console.warn(`search unavailable, using PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
    return searchChallengesInPostgres(params);
  }
}

function activeFilters(params: ChallengeSearch) {
  return FILTER_KEYS.filter((key) => params[key].length > 0);
}

/** AND across filters, OR within one; `except` leaves one filter out for its own counts. */
export function meiliFilter(params: ChallengeSearch, except?: ChallengeFilterKey): string[] {
  return activeFilters(params)
    .filter((key) => key !== except)
    .map((key) => `${facetOf[key].field} IN [${params[key].map((v) => JSON.stringify(v)).join(", ")}]`);
}

// Meilisearch places documents without a value for the sort attribute after all the others,
// whichever direction, so challenges without a deadline come last under "closing soon".
const meiliSort: Record<ChallengeSort, string[]> = {
  newest: ["publishedAt:desc"],
  "closing-soon": ["deadline:asc", "publishedAt:desc"],
};

async function searchChallengesInMeilisearch(params: ChallengeSearch): Promise<ChallengeSearchResult> {
  const search = getSearch();
  const indexUid = search.indexName("challenges");
  const allFacets = FILTER_KEYS.map((key) => facetOf[key].field);
  const active = activeFilters(params);
  // Disjunctive facets: a filter's own counts ignore that filter, so choosing "Housing" still
  // shows how many "Transport" challenges there are to add. One extra query per active filter.
  const { results } = await search.client.multiSearch<MultiSearchParams, ChallengeDocument>({
    queries: [
      {
        indexUid,
        q: params.q,
        filter: meiliFilter(params),
        page: params.page,
        hitsPerPage: PER_PAGE,
        facets: allFacets,
        sort: meiliSort[params.sort],
        attributesToHighlight: ["title", "summary"],
        highlightPreTag: "<mark>",
        highlightPostTag: "</mark>",
      },
      ...active.map((key) => ({
        indexUid,
        q: params.q,
        filter: meiliFilter(params, key),
        limit: 0,
        facets: [facetOf[key].field],
      })),
    ],
  });
  const [main, ...own] = results;
  if (!main) throw new Error("Meilisearch returned no results");
  const distribution: Record<string, Record<string, number>> = { ...(main.facetDistribution ?? {}) };
  active.forEach((key, i) => {
    const field = facetOf[key].field;
    distribution[field] = own[i]?.facetDistribution?.[field] ?? {};
  });
  return {
    hits: main.hits.map((hit) => {
      const { _formatted, _rankingScore: _r, ...doc } = hit;
      return {
        ...(doc as ChallengeDocument),
        highlightedTitle: _formatted?.title as string | undefined,
        highlightedSummary: _formatted?.summary as string | undefined,
      };
    }),
    total: main.totalHits ?? 0,
    page: main.page ?? params.page,
    perPage: PER_PAGE,
    totalPages: main.totalPages ?? 0,
    facets: buildFacets(params, (key) => distribution[facetOf[key].field] ?? {}),
    degraded: false,
  };
}

const statusOrder = new Map(PUBLIC_STATUSES.map((s, i) => [s as string, i]));
const sensitivityOrder = new Map(SENSITIVITIES.map((s, i) => [s as string, i]));

/** Facet lists in display order; chosen values stay listed (with 0) so they can be unticked. */
function buildFacets(
  params: ChallengeSearch,
  countsFor: (key: ChallengeFilterKey) => Record<string, number>,
): ChallengeFacets {
  const byName = (a: FacetValue, b: FacetValue) => a.value.localeCompare(b.value);
  const byCount = (a: FacetValue, b: FacetValue) => b.count - a.count || byName(a, b);
  const order: Record<ChallengeFilterKey, (a: FacetValue, b: FacetValue) => number> = {
    theme: byName,
    skill: byCount,
    council: byCount,
    region: byName,
    status: (a, b) => (statusOrder.get(a.value) ?? 99) - (statusOrder.get(b.value) ?? 99),
    sensitivity: (a, b) => (sensitivityOrder.get(a.value) ?? 99) - (sensitivityOrder.get(b.value) ?? 99),
  };
  const facets = {} as ChallengeFacets;
  for (const key of FILTER_KEYS) {
    const counts = { ...countsFor(key) };
    for (const chosen of params[key]) counts[chosen] ??= 0;
    facets[facetOf[key].facet] = Object.entries(counts)
      .filter(([value]) => value !== "")
      .map(([value, count]) => ({ value, count }))
      .sort(order[key]);
  }
  return facets;
}

// --- PostgreSQL fallback ----------------------------------------------------------------

/** Skills whose name or any synonym contains `word`, so "GIS" finds "Geospatial analysis". */
async function skillIdsMatching(word: string) {
  const pattern = `%${escapeLike(word)}%`;
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT id FROM skills
    WHERE name ILIKE ${pattern} OR EXISTS (SELECT 1 FROM unnest(synonyms) AS s WHERE s ILIKE ${pattern})`;
  return rows.map((row) => row.id);
}

const facetSelect = {
  id: true,
  status: true,
  publishedAt: true,
  deadline: true,
  organisation: { select: { name: true, region: true } },
  themes: { select: { theme: { select: { name: true } } } },
  skills: { select: { skill: { select: { name: true } } } },
  datasets: { select: { sensitivity: true } },
} satisfies Prisma.ChallengeSelect;

type FacetRow = Prisma.ChallengeGetPayload<{ select: typeof facetSelect }>;

function facetValues(row: FacetRow): Record<ChallengeFilterKey, string[]> {
  const ranks = row.datasets.map((d) => (SENSITIVITIES as readonly string[]).indexOf(d.sensitivity));
  return {
    theme: row.themes.map((t) => t.theme.name),
    skill: row.skills.map((s) => s.skill.name),
    council: [row.organisation.name],
    region: row.organisation.region ? [row.organisation.region] : [],
    status: [row.status],
    sensitivity: [SENSITIVITIES[Math.max(0, ...ranks)]!],
  };
}

/**
 * The words go to PostgreSQL (ILIKE on the text, theme, council and skill names with their
 * synonyms); the filters, counts and order are applied here to the matching rows, which keeps
 * the meaning of every filter identical to Meilisearch's. Only used while Meilisearch is down.
 */
async function searchChallengesInPostgres(params: ChallengeSearch): Promise<ChallengeSearchResult> {
  const words = params.q.split(/\s+/).filter(Boolean).slice(0, 10);
  const wordClauses: Prisma.ChallengeWhereInput[] = [];
  for (const word of words) {
    const skillIds = await skillIdsMatching(word);
    wordClauses.push({
      OR: [
        { title: containsText(word) },
        { problem: containsText(word) },
        { outcomeWanted: containsText(word) },
        { area: containsText(word) },
        { organisation: { name: containsText(word) } },
        { themes: { some: { theme: { name: containsText(word) } } } },
        ...(skillIds.length > 0 ? [{ skills: { some: { skillId: { in: skillIds } } } }] : []),
      ],
    });
  }
  const rows = await prisma.challenge.findMany({
    where: { ...publicChallenges, AND: wordClauses },
    select: facetSelect,
  });
  const valued = rows.map((row) => ({ row, values: facetValues(row) }));
  const active = activeFilters(params);
  const passes = (values: Record<ChallengeFilterKey, string[]>, except?: ChallengeFilterKey) =>
    active.every((key) => key === except || values[key].some((v) => (params[key] as readonly string[]).includes(v)));

  const matching = valued.filter(({ values }) => passes(values)).map(({ row }) => row);
  matching.sort(params.sort === "closing-soon" ? byDeadline : byPublished);
  const total = matching.length;
  const pageIds = matching.slice((params.page - 1) * PER_PAGE, params.page * PER_PAGE).map((row) => row.id);
  const documents = (await challengesIndex.source.byIds(prisma, pageIds)) as ChallengeDocument[];
  const byId = new Map(documents.map((doc) => [doc.id, doc]));

  return {
    hits: pageIds.map((id) => byId.get(id)).filter((doc): doc is ChallengeDocument => doc !== undefined),
    total,
    page: params.page,
    perPage: PER_PAGE,
    totalPages: Math.ceil(total / PER_PAGE),
    facets: buildFacets(params, (key) => {
      const counts: Record<string, number> = {};
      for (const { values } of valued) {
        if (!passes(values, key)) continue;
        for (const value of new Set(values[key])) counts[value] = (counts[value] ?? 0) + 1;
      }
      return counts;
    }),
    degraded: true,
  };
}

function byPublished(a: FacetRow, b: FacetRow) {
  return (b.publishedAt?.getTime() ?? 0) - (a.publishedAt?.getTime() ?? 0) || a.id.localeCompare(b.id);
}

function byDeadline(a: FacetRow, b: FacetRow) {
  const da = a.deadline?.getTime() ?? Number.POSITIVE_INFINITY;
  const db = b.deadline?.getTime() ?? Number.POSITIVE_INFINITY;
  return da === db ? byPublished(a, b) : da - db;
}

/** A council's public challenges, newest first, for its organisation page. */
export async function listCouncilChallenges(organisationId: string, take = 50) {
  return prisma.challenge.findMany({
    where: { organisationId, ...publicChallenges },
    orderBy: [{ publishedAt: "desc" }, { id: "asc" }],
    take,
    select: { id: true, slug: true, title: true, status: true, publishedAt: true, deadline: true },
  });
}

/** Other names of the skill `q` names ("GIS" → "Geospatial analysis", …), for "no results" advice. */
export function otherSkillNames(q: string, limit = 4): string[] {
  const wanted = q.trim().toLowerCase().replace(/\s+/g, " ");
  for (const skill of loadSkillTaxonomy().skills) {
    const names = [skill.name, ...skill.synonyms];
    if (names.some((n) => n.toLowerCase() === wanted)) {
      return names.filter((n) => n.toLowerCase() !== wanted).slice(0, limit);
    }
  }
  return [];
}
