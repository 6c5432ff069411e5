import type { Prisma } from "~/generated/prisma/client";
import type { SearchIndex } from "~/models/platform/search-index";
import { skillCategoryLabel } from "~/models/taxonomy/skill-taxonomy.server";
import { refreshSkillSynonyms, skillSynonyms } from "~/models/taxonomy/synonyms.server";

// The skills index: the taxonomy, found by name and synonyms.

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

export const skillsIndex = {
  key: "skills",
  primaryKey: "id",
  prepare: async (db) => void (await refreshSkillSynonyms(db)),
  settings: () => ({
    searchableAttributes: ["name", "synonyms", "categoryLabel", "description"],
    filterableAttributes: ["category"],
    sortableAttributes: ["name"],
    displayedAttributes: ["*"],
    // "GIS" ⇄ "geospatial analysis": every name of a skill finds it.
    synonyms: skillSynonyms(),
  }),
  source: {
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
} as const satisfies SearchIndex<"skills">;
