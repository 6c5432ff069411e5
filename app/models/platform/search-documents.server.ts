import type { Prisma } from "~/generated/prisma/client";
import type { IndexKey } from "~/services/search.server";
import { skillCategoryLabel } from "~/models/taxonomy/skill-taxonomy.server";
import { PUBLIC_STATUSES } from "~/models/challenges/status";

// How each search index's documents are built from PostgreSQL. The outbox drain and the
// reindex command both read through here, so an index always has one definition of a document.

type Db = Prisma.TransactionClient;

export interface SearchDocument {
  id: string;
  [field: string]: unknown;
}

export interface DocumentSource {
  byIds(db: Db, ids: string[]): Promise<SearchDocument[]>;
  /** Documents in id order after `afterId`, for a full reindex. */
  page(db: Db, afterId: string | null, take: number): Promise<SearchDocument[]>;
  count(db: Db): Promise<number>;
}

const organisationSelect = {
  id: true,
  slug: true,
  name: true,
  officialName: true,
  kind: true,
  gssCode: true,
  localAuthorityCode: true,
  nation: true,
  region: true,
  councilType: true,
  councilTypeName: true,
  population: true,
  verifiedAt: true,
} satisfies Prisma.OrganisationSelect;

type OrganisationRow = Prisma.OrganisationGetPayload<{ select: typeof organisationSelect }>;

export type OrganisationDocument = ReturnType<typeof organisationDocument>;

function organisationDocument({ verifiedAt, ...org }: OrganisationRow) {
  return { ...org, verified: verifiedAt !== null };
}

const skillSelect = {
  id: true,
  slug: true,
  name: true,
  category: true,
  description: true,
  synonyms: true,
} satisfies Prisma.SkillSelect;

type SkillRow = Prisma.SkillGetPayload<{ select: typeof skillSelect }>;

function skillDocument(skill: SkillRow) {
  return { ...skill, categoryLabel: skillCategoryLabel(skill.category) };
}

// Only challenges the public may see are indexed; any other status removes the document.
const challengeInclude = {
  organisation: { select: { name: true, slug: true, region: true } },
  themes: { select: { theme: { select: { name: true } } } },
  skills: { select: { importance: true, skill: { select: { name: true } } } },
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
    skills: c.skills.map((s) => s.skill.name),
    essentialSkills: c.skills.filter((s) => s.importance === "essential").map((s) => s.skill.name),
    status: c.status,
    /** The most sensitive of its datasets, or "none" when it lists none. */
    sensitivity: highest < 0 ? "none" : sensitivityRank[highest]!,
    publishedAt: c.publishedAt ? Math.floor(c.publishedAt.getTime() / 1000) : 0,
    deadline: c.deadline ? Math.floor(c.deadline.getTime() / 1000) : null,
  };
}

/** The first ~300 characters of markdown as plain text, for result lists. */
export function plainSummary(markdown: string) {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`~|-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > 300 ? `${text.slice(0, 297).replace(/\s+\S*$/, "")}…` : text;
}

const publicChallenge = { status: { in: [...PUBLIC_STATUSES] } } satisfies Prisma.ChallengeWhereInput;

export const searchDocumentSources: Record<IndexKey, DocumentSource> = {
  challenges: {
    async byIds(db, ids) {
      const rows = await db.challenge.findMany({ where: { id: { in: ids }, ...publicChallenge }, include: challengeInclude });
      return rows.map(challengeDocument);
    },
    async page(db, afterId, take) {
      const rows = await db.challenge.findMany({
        where: { ...publicChallenge, ...(afterId ? { id: { gt: afterId } } : {}) },
        orderBy: { id: "asc" },
        take,
        include: challengeInclude,
      });
      return rows.map(challengeDocument);
    },
    count: (db) => db.challenge.count({ where: publicChallenge }),
  },
  organisations: {
    async byIds(db, ids) {
      const rows = await db.organisation.findMany({ where: { id: { in: ids } }, select: organisationSelect });
      return rows.map(organisationDocument);
    },
    async page(db, afterId, take) {
      const rows = await db.organisation.findMany({
        where: afterId ? { id: { gt: afterId } } : {},
        orderBy: { id: "asc" },
        take,
        select: organisationSelect,
      });
      return rows.map(organisationDocument);
    },
    count: (db) => db.organisation.count(),
  },
  skills: {
    async byIds(db, ids) {
      const rows = await db.skill.findMany({ where: { id: { in: ids } }, select: skillSelect });
      return rows.map(skillDocument);
    },
    async page(db, afterId, take) {
      const rows = await db.skill.findMany({
        where: afterId ? { id: { gt: afterId } } : {},
        orderBy: { id: "asc" },
        take,
        select: skillSelect,
      });
      return rows.map(skillDocument);
    },
    count: (db) => db.skill.count(),
  },
};
