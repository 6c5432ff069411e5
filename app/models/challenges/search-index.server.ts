import type { Prisma } from "~/generated/prisma/client";
import { publicChallenges } from "~/models/challenges/policy.server";
import { plainSummary, type SearchIndex } from "~/models/platform/search-index";
import { refreshSkillSynonyms, skillSynonyms } from "~/models/taxonomy/synonyms.server";

// The challenges index: public challenges only (any other status removes the document), found
// by the words people use for skills (the taxonomy's synonyms), places and themes.

// Only challenges the public may see are indexed; any other status removes the document.
const challengeInclude = {
  organisation: { select: { name: true, slug: true, region: true } },
  themes: { select: { theme: { select: { name: true, synonyms: true } } } },
  skills: {
    select: {
      importance: true,
      // Tools and narrower methods of each skill (the skills graph): "ArcGIS" finds a challenge
      // that needs geospatial analysis.
      skill: { select: { name: true, narrower: { where: { kind: "broader" }, select: { from: { select: { name: true } } } } } },
    },
  },
  datasets: { select: { sensitivity: true } },
} satisfies Prisma.ChallengeInclude;

type ChallengeRow = Prisma.ChallengeGetPayload<{ include: typeof challengeInclude }>;

const sensitivityRank = ["open", "official", "official_sensitive"] as const;

export type ChallengeDocument = ReturnType<typeof challengeDocument>;

function challengeDocument(c: ChallengeRow) {
  const highest = c.datasets.reduce<number>((rank, d) => Math.max(rank, sensitivityRank.indexOf(d.sensitivity)), -1);
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    summary: plainSummary(c.problem),
    outcomeWanted: c.outcomeWanted,
    organisationName: c.organisation.name,
    organisationSlug: c.organisation.slug,
    region: c.organisation.region ?? "",
    area: c.area,
    themes: c.themes.map((t) => t.theme.name),
    /** The themes' everyday words ("bins" for Waste and recycling), searchable, not shown. */
    themeWords: [...new Set(c.themes.flatMap((t) => t.theme.synonyms))],
    skills: c.skills.map((s) => s.skill.name),
    /** Narrower skills and tools of those asked for, searchable, not shown. */
    skillTools: [...new Set(c.skills.flatMap((s) => s.skill.narrower.map((link) => link.from.name)))],
    essentialSkills: c.skills.filter((s) => s.importance === "essential").map((s) => s.skill.name),
    status: c.status,
    /** The most sensitive of its datasets, or "none" when it lists none. */
    sensitivity: highest < 0 ? "none" : sensitivityRank[highest]!,
    publishedAt: c.publishedAt ? Math.floor(c.publishedAt.getTime() / 1000) : 0,
    deadline: c.deadline ? Math.floor(c.deadline.getTime() / 1000) : null,
  };
}

export const challengesIndex = {
  key: "challenges",
  primaryKey: "id",
  prepare: async (db) => void (await refreshSkillSynonyms(db)),
  settings: () => ({
    // Order is relevance: a match in the title counts most, then the skills asked for.
    // The area (wards, towns) is searchable: people look for challenges near them.
    searchableAttributes: ["title", "skills", "themes", "themeWords", "skillTools", "summary", "outcomeWanted", "organisationName", "area", "region"],
    filterableAttributes: ["id", "themes", "skills", "organisationName", "organisationSlug", "region", "status", "sensitivity"],
    sortableAttributes: ["publishedAt", "deadline"],
    displayedAttributes: ["*"],
    // The CSV export pages through up to 10,000 matches (Meilisearch's default stops at 1,000).
    pagination: { maxTotalHits: 10_000 },
    // Skill names and their synonyms ("GIS" ⇄ "geospatial analysis") apply wherever skills are searched.
    synonyms: skillSynonyms(),
  }),
  source: {
    async byIds(db, ids) {
      const rows = await db.challenge.findMany({ where: { id: { in: ids }, ...publicChallenges }, include: challengeInclude });
      return rows.map(challengeDocument);
    },
    async page(db, afterId, take) {
      const rows = await db.challenge.findMany({
        where: { ...publicChallenges, ...(afterId ? { id: { gt: afterId } } : {}) },
        orderBy: { id: "asc" },
        take,
        include: challengeInclude,
      });
      return rows.map(challengeDocument);
    },
    count: (db) => db.challenge.count({ where: publicChallenges }),
  },
} as const satisfies SearchIndex<"challenges">;
