import type { Prisma } from "~/generated/prisma/client";
import type { IndexKey } from "~/services/search.server";
import { skillCategoryLabel } from "~/models/skill-taxonomy.server";

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

export const searchDocumentSources: Record<IndexKey, DocumentSource> = {
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
