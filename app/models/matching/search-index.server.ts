import type { Prisma } from "~/generated/prisma/client";
import type { SearchIndex } from "~/models/platform/search-index";
import { buildSkillGraph } from "~/models/taxonomy/graph.server";

// The people index: participants who can be matched. Only people who may appear in a match
// are in it at all — a profile that is hidden (visibility private), not open to invitations, or
// whose account is deleted or unconfirmed has no document, so the drain deletes it when that
// changes. Matching still re-reads the rows it ranks from PostgreSQL (the source of truth).

const personSelect = {
  userId: true,
  headline: true,
  region: true,
  remoteOk: true,
  hoursPerWeek: true,
  availableFrom: true,
  availableUntil: true,
  openToInvitations: true,
  user: { select: { displayName: true, kind: true, visibility: true, deletedAt: true, emailVerifiedAt: true } },
  skills: { select: { level: true, skill: { select: { id: true, slug: true, name: true } } } },
  interests: { select: { theme: { select: { slug: true, name: true } } } },
} satisfies Prisma.ProfileSelect;

type PersonRow = Prisma.ProfileGetPayload<{ select: typeof personSelect }>;

/** Rows that may be in the index at all. */
export const matchableProfile = {
  openToInvitations: true,
  user: { deletedAt: null, emailVerifiedAt: { not: null }, visibility: { not: "private" } },
} satisfies Prisma.ProfileWhereInput;

const DAY = 86_400_000;

/**
 * A skill as one word that no other skill's word can match (no spaces or hyphens to split on,
 * typos switched off for these fields, closed at both ends so no token is a prefix of another).
 * Matching searches these words with a challenge's skills, so Meilisearch itself brings the
 * people holding the most of them to the top of the candidates it returns.
 */
export const skillToken = (slug: string) => `sk${slug.replace(/[^a-z0-9]/g, "x")}ks`;

/** The fields holding skill tokens, by how strong a match in them is (attribute order ranks). */
export const MATCH_FIELDS = ["matchExpert", "matchPractised", "matchLearning", "matchImplied"] as const;
/** Dates as whole days since 1970 (Meilisearch filters numbers); open ends as ±infinity stand-ins. */
const dayNumber = (date: Date | null, open: number) => (date ? Math.floor(date.getTime() / DAY) : open);

async function graphFor(db: Prisma.TransactionClient) {
  const [rows, links] = await Promise.all([
    db.skill.findMany({ select: { id: true, slug: true, name: true, synonyms: true } }),
    db.skillLink.findMany({ select: { fromId: true, toId: true, kind: true } }),
  ]);
  return buildSkillGraph(rows, links);
}

function personDocument(row: PersonRow, graph: Awaited<ReturnType<typeof graphFor>>) {
  const held = new Set(row.skills.map((s) => s.skill.id));
  const implied = new Map<string, string>();
  for (const s of row.skills) {
    for (const up of graph.implied(s.skill.id)) {
      if (!held.has(up.id) && !implied.has(up.id)) implied.set(up.id, graph.skills.get(up.id)!.slug);
    }
  }
  return {
    id: row.userId,
    name: row.user.displayName,
    headline: row.headline,
    kind: row.user.kind,
    visibility: row.user.visibility,
    region: row.region,
    remoteOk: row.remoteOk,
    hoursPerWeek: row.hoursPerWeek ?? 0,
    availableFromDay: dayNumber(row.availableFrom, -1e6),
    availableUntilDay: dayNumber(row.availableUntil, 1e6),
    /** Skills held, by name (searchable; synonyms apply) and slug (filterable). */
    skills: row.skills.map((s) => s.skill.name),
    skillSlugs: row.skills.map((s) => s.skill.slug),
    skillLevels: Object.fromEntries(row.skills.map((s) => [s.skill.slug, s.level])),
    /** Broader skills the held ones imply ("ArcGIS" → geospatial-analysis), not held directly. */
    impliedSkillSlugs: [...implied.values()],
    impliedSkills: [...implied.keys()].map((id) => graph.skills.get(id)!.name),
    themes: row.interests.map((i) => i.theme.name),
    themeSlugs: row.interests.map((i) => i.theme.slug),
    matchExpert: row.skills.filter((s) => s.level === "expert").map((s) => skillToken(s.skill.slug)),
    matchPractised: row.skills.filter((s) => s.level === "practised").map((s) => skillToken(s.skill.slug)),
    matchLearning: row.skills.filter((s) => s.level === "learning").map((s) => skillToken(s.skill.slug)),
    matchImplied: [...implied.values()].map(skillToken),
  };
}

export type PersonDocument = ReturnType<typeof personDocument>;

export const peopleIndex = {
  key: "people",
  primaryKey: "id",
  settings: () => ({
    searchableAttributes: ["skills", "impliedSkills", "headline", "themes", "name", "region", ...MATCH_FIELDS],
    typoTolerance: { disableOnAttributes: [...MATCH_FIELDS] },
    // Nobody searches the values of a filter, and skill words are matched one by one: without
    // facet search and with proximity counted per attribute, indexing 100k people is faster
    // (scripts/bench/matching.ts).
    facetSearch: false,
    proximityPrecision: "byAttribute",
    filterableAttributes: [
      "kind",
      "visibility",
      "region",
      "remoteOk",
      "hoursPerWeek",
      "availableFromDay",
      "availableUntilDay",
      "skillSlugs",
      "impliedSkillSlugs",
      "themeSlugs",
    ],
    sortableAttributes: ["hoursPerWeek"],
    displayedAttributes: ["*"],
  }),
  source: {
    async byIds(db, ids) {
      const [rows, graph] = await Promise.all([
        db.profile.findMany({ where: { userId: { in: ids }, ...matchableProfile }, select: personSelect }),
        graphFor(db),
      ]);
      return rows.map((row) => personDocument(row, graph));
    },
    async page(db, afterId, take) {
      const [rows, graph] = await Promise.all([
        db.profile.findMany({
          where: { ...matchableProfile, ...(afterId ? { userId: { gt: afterId } } : {}) },
          orderBy: { userId: "asc" },
          take,
          select: personSelect,
        }),
        graphFor(db),
      ]);
      return rows.map((row) => personDocument(row, graph));
    },
    count: (db) => db.profile.count({ where: matchableProfile }),
  },
} as const satisfies SearchIndex<"people">;
