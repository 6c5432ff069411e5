import { skillFileLinks, type SkillTaxonomy } from "~/models/taxonomy/skill-taxonomy.server";
import { SKILL_EDIT_ACTIONS } from "~/models/taxonomy/audit";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { reindexSkillDocuments } from "~/models/taxonomy/internal/reindex.server";
import { queueSynonymsUpdate } from "~/models/taxonomy/synonyms.server";
import { prisma } from "~/services/db.server";

export interface TaxonomySyncResult {
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
  linksAdded: number;
  linksRemoved: number;
}

const linkKey = (from: string, to: string, kind: string) =>
  kind === "related" ? `related ${[from, to].sort().join(" ")}` : `broader ${from} ${to}`;

const fieldsOf = (skill: SkillTaxonomy["skills"][number]) => ({
  name: skill.name,
  category: skill.category,
  description: skill.description ?? null,
  synonyms: skill.synonyms,
});

/**
 * Makes the skills table and the skills graph follow prisma/data/skills.yaml (keyed by slug),
 * without undoing what hub organisers changed in the app. Safe to run on every start:
 * unchanged skills are not written, so they cause no search re-indexing.
 *
 * - A skill in the file that the database lacks is added, unless an organiser merged it away.
 * - A skill nobody has changed in the app (no `taxonomy.*` audit entry about it) takes the
 *   file's name, category, description and synonyms; one an organiser changed is left alone.
 * - A skill dropped from the file is removed only if nobody changed it in the app and no
 *   challenge or profile uses it.
 * - A link in the file that the database lacks is added, unless an organiser removed that
 *   link; a link the file no longer has is removed only between skills nobody changed.
 */
export async function syncSkillTaxonomy(taxonomy: SkillTaxonomy): Promise<TaxonomySyncResult> {
  return prisma.$transaction(
    async (tx) => {
      const existing = await tx.skill.findMany();
      const edits = await tx.auditLog.findMany({
        where: { action: { in: [...SKILL_EDIT_ACTIONS] } },
        select: { action: true, subjectId: true, details: true },
      });
      const touched = new Set(edits.map((e) => e.subjectId));
      const detail = (e: (typeof edits)[number], key: string) => {
        const value = (e.details as Record<string, unknown> | null)?.[key];
        return typeof value === "string" ? value : undefined;
      };
      // Merges and unlinks record slugs, so they still mean something once the skill is gone.
      const mergedAway = new Set(
        edits.filter((e) => e.action === "taxonomy.merge_skills").map((e) => detail(e, "fromSlug")),
      );
      for (const e of edits) {
        const otherId = detail(e, "otherId");
        if (otherId) touched.add(otherId);
      }
      const unlinked = new Set(
        edits
          .filter((e) => e.action === "taxonomy.unlink_skills")
          .map((e) => linkKey(detail(e, "fromSlug") ?? "", detail(e, "toSlug") ?? "", detail(e, "kind") ?? "")),
      );

      const bySlug = new Map(existing.map((skill) => [skill.slug, skill]));
      const wanted = new Set(taxonomy.skills.map((skill) => skill.slug));
      const changedIds: string[] = [];
      const result: TaxonomySyncResult = {
        created: 0,
        updated: 0,
        removed: 0,
        unchanged: 0,
        linksAdded: 0,
        linksRemoved: 0,
      };

      // New skills are written in one statement: a first start creates the whole taxonomy.
      const toCreate: (ReturnType<typeof fieldsOf> & { slug: string })[] = [];
      for (const skill of taxonomy.skills) {
        const fields = fieldsOf(skill);
        const current = bySlug.get(skill.slug);
        if (!current) {
          if (!mergedAway.has(skill.slug)) toCreate.push({ slug: skill.slug, ...fields });
        } else if (
          !touched.has(current.id) &&
          (current.name !== fields.name ||
            current.category !== fields.category ||
            current.description !== fields.description ||
            current.synonyms.join("\u0000") !== fields.synonyms.join("\u0000"))
        ) {
          await tx.skill.update({ where: { id: current.id }, data: fields });
          changedIds.push(current.id);
          result.updated++;
        } else {
          result.unchanged++;
        }
      }
      if (toCreate.length > 0) {
        const created = await tx.skill.createManyAndReturn({ data: toCreate });
        for (const skill of created) {
          bySlug.set(skill.slug, skill);
          changedIds.push(skill.id);
        }
        result.created = created.length;
      }

      // The graph.
      const slugOf = new Map([...bySlug.values()].map((s) => [s.id, s.slug]));
      const links = await tx.skillLink.findMany({ select: { fromId: true, toId: true, kind: true } });
      const inDatabase = new Set(
        links.map((l) => linkKey(slugOf.get(l.fromId) ?? "", slugOf.get(l.toId) ?? "", l.kind)),
      );
      const fileLinks = skillFileLinks(taxonomy);
      const inFile = new Set(fileLinks.map((l) => linkKey(l.from, l.to, l.kind)));
      const relinked = new Set<string>();
      const newLinks: { fromId: string; toId: string; kind: "broader" | "related" }[] = [];
      for (const link of fileLinks) {
        const key = linkKey(link.from, link.to, link.kind);
        const from = bySlug.get(link.from);
        const to = bySlug.get(link.to);
        if (!from || !to || inDatabase.has(key) || unlinked.has(key)) continue;
        newLinks.push({ fromId: from.id, toId: to.id, kind: link.kind });
        relinked.add(from.id).add(to.id);
      }
      result.linksAdded = (await tx.skillLink.createMany({ data: newLinks, skipDuplicates: true })).count;
      for (const link of links) {
        const from = slugOf.get(link.fromId);
        const to = slugOf.get(link.toId);
        if (!from || !to || !wanted.has(from) || !wanted.has(to)) continue;
        if (inFile.has(linkKey(from, to, link.kind)) || touched.has(link.fromId) || touched.has(link.toId)) continue;
        await tx.skillLink.delete({ where: { fromId_toId_kind: link } });
        relinked.add(link.fromId).add(link.toId);
        result.linksRemoved++;
      }

      // Skills dropped from the file are removed, unless organisers made or changed them or
      // a challenge or a profile still uses them.
      const dropped = existing
        .filter((skill) => !wanted.has(skill.slug) && !touched.has(skill.id))
        .map((skill) => skill.id);
      const [askedFor, held] = await Promise.all([
        tx.challengeSkill.findMany({ where: { skillId: { in: dropped } }, select: { skillId: true } }),
        tx.profileSkill.findMany({ where: { skillId: { in: dropped } }, select: { skillId: true } }),
      ]);
      const inUse = new Set([...askedFor, ...held].map((r) => r.skillId));
      const removed = dropped.filter((id) => !inUse.has(id));
      if (removed.length > 0) {
        await tx.skill.deleteMany({ where: { id: { in: removed } } });
        result.removed = removed.length;
      }
      const graphChanged = [...relinked].filter((id) => !removed.includes(id));
      await reindexSkillDocuments(tx, [...new Set([...changedIds, ...graphChanged])]);
      await recordSearchChange(tx, "skills", removed);
      if (changedIds.length > 0 || removed.length > 0) await queueSynonymsUpdate(tx);
      return result;
    },
    { timeout: 60_000 },
  );
}

export async function listSkillsByCategory() {
  return prisma.skill.findMany({ orderBy: [{ category: "asc" }, { name: "asc" }] });
}
