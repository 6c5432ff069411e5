import type { SkillTaxonomy } from "~/models/taxonomy/skill-taxonomy.server";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { prisma } from "~/services/db.server";

export interface TaxonomySyncResult {
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
}

/**
 * Makes the skills table match prisma/data/skills.yaml (keyed by slug). Safe to run on every
 * start: unchanged skills are not written, so they cause no search re-indexing.
 */
export async function syncSkillTaxonomy(taxonomy: SkillTaxonomy): Promise<TaxonomySyncResult> {
  return prisma.$transaction(
    async (tx) => {
      const existing = await tx.skill.findMany();
      const bySlug = new Map(existing.map((skill) => [skill.slug, skill]));
      const wanted = new Set(taxonomy.skills.map((skill) => skill.slug));
      const changedIds: string[] = [];
      const result: TaxonomySyncResult = { created: 0, updated: 0, removed: 0, unchanged: 0 };

      for (const skill of taxonomy.skills) {
        const fields = {
          name: skill.name,
          category: skill.category,
          description: skill.description ?? null,
          synonyms: skill.synonyms,
        };
        const current = bySlug.get(skill.slug);
        if (!current) {
          const created = await tx.skill.create({ data: { slug: skill.slug, ...fields }, select: { id: true } });
          changedIds.push(created.id);
          result.created++;
        } else if (
          current.name !== fields.name ||
          current.category !== fields.category ||
          current.description !== fields.description ||
          current.synonyms.join("\u0000") !== fields.synonyms.join("\u0000")
        ) {
          await tx.skill.update({ where: { id: current.id }, data: fields });
          changedIds.push(current.id);
          result.updated++;
        } else {
          result.unchanged++;
        }
      }
      // Skills dropped from the file are removed, unless a challenge still asks for them.
      const dropped = existing.filter((skill) => !wanted.has(skill.slug)).map((skill) => skill.id);
      const inUse = new Set(
        (await tx.challengeSkill.findMany({ where: { skillId: { in: dropped } }, select: { skillId: true } })).map((r) => r.skillId),
      );
      const removed = existing.filter((skill) => dropped.includes(skill.id) && !inUse.has(skill.id));
      if (removed.length > 0) {
        await tx.skill.deleteMany({ where: { id: { in: removed.map((skill) => skill.id) } } });
        changedIds.push(...removed.map((skill) => skill.id));
        result.removed = removed.length;
      }
      await recordSearchChange(tx, "skills", changedIds);
      return result;
    },
    { timeout: 60_000 },
  );
}

export async function listSkillsByCategory() {
  return prisma.skill.findMany({ orderBy: [{ category: "asc" }, { name: "asc" }] });
}
