import type { Prisma, SkillCategory } from "~/generated/prisma/client";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { invalid, notFound } from "~/models/platform/errors";
import { NONE } from "~/models/platform/policy.server";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { uniqueSlug } from "~/models/platform/slug.server";
import { buildSkillGraph } from "~/models/taxonomy/graph.server";
import { reindexSkillDocuments } from "~/models/taxonomy/internal/reindex.server";
import { taxonomyPolicy } from "~/models/taxonomy/policy.server";
import type { SkillFields } from "~/models/taxonomy/schemas";
import { synonymKey } from "~/models/taxonomy/skill-taxonomy.server";
import { queueSynonymsUpdate } from "~/models/taxonomy/synonyms.server";
import { prisma } from "~/services/db.server";

// Hub organisers keep the skills taxonomy in the app: add, rename, edit other names and
// descriptions, link broader and related skills, merge duplicates. Each write is one
// transaction with its audit entry, the search documents it changes (the skill, challenges
// asking for it, people holding it or a narrower skill) and, when names change, the job that
// brings Meilisearch's synonyms up to date.

type Tx = Prisma.TransactionClient;

// Organisers' edits are serialised: the name checks and the cycle check read the whole
// taxonomy, so two edits at once must not both pass against the same old state.
const TAXONOMY_LOCK = 0x736b_696c; // "skil"
const lockTaxonomy = (tx: Tx) => tx.$executeRaw`SELECT pg_advisory_xact_lock(${TAXONOMY_LOCK})`;

const skillListSelect = { id: true, slug: true, name: true, category: true, synonyms: true } as const;

/**
 * The skills for the organisers' list, filtered by a category and by words in a name or other
 * name (compared as search compares them: case, accents and spacing ignored). The taxonomy
 * is a few hundred rows, so the words are matched here rather than by a pattern in SQL.
 */
export async function listSkillsForOrganisers(actor: Actor, filter: { q?: string; category?: SkillCategory } = {}) {
  await taxonomyPolicy.authorize(actor, "manage_skills", NONE);
  const skills = await prisma.skill.findMany({
    where: filter.category ? { category: filter.category } : {},
    select: skillListSelect,
    orderBy: [{ category: "asc" }, { name: "asc" }],
  });
  const words = synonymKey(filter.q ?? "");
  if (!words) return skills;
  return skills.filter((skill) => [skill.name, ...skill.synonyms].some((term) => synonymKey(term).includes(words)));
}

/** One skill with its links, for its page; every other skill's name for the link and merge choices. */
export async function skillForOrganisers(actor: Actor, slug: string) {
  await taxonomyPolicy.authorize(actor, "manage_skills", NONE);
  const skill = await prisma.skill.findUnique({
    where: { slug },
    select: {
      ...skillListSelect,
      description: true,
      broader: { select: { kind: true, to: { select: { id: true, slug: true, name: true } } } },
      narrower: { select: { kind: true, from: { select: { id: true, slug: true, name: true } } } },
      _count: { select: { profiles: true, challenges: true } },
    },
  });
  if (!skill) throw notFound("That skill does not exist");
  const others = await prisma.skill.findMany({
    where: { NOT: { id: skill.id } },
    select: { slug: true, name: true },
    orderBy: { name: "asc" },
  });
  const { broader, narrower, _count, ...rest } = skill;
  return {
    skill: rest,
    usedBy: { people: _count.profiles, challenges: _count.challenges },
    broader: broader.filter((l) => l.kind === "broader").map((l) => ({ ...l.to, fromId: skill.id, toId: l.to.id })),
    narrower: narrower
      .filter((l) => l.kind === "broader")
      .map((l) => ({ ...l.from, fromId: l.from.id, toId: skill.id })),
    related: [
      ...broader.filter((l) => l.kind === "related").map((l) => ({ ...l.to, fromId: skill.id, toId: l.to.id })),
      ...narrower.filter((l) => l.kind === "related").map((l) => ({ ...l.from, fromId: l.from.id, toId: skill.id })),
    ],
    others,
  };
}

/**
 * Refuses a name or other name that another skill already uses (or that repeats itself),
 * comparing normalised keys, as the search synonyms do: never a pattern match.
 */
export async function assertNamesFree(
  tx: Tx | typeof prisma,
  names: { name: string; synonyms: string[] },
  exceptSkillId?: string,
) {
  const skills = await tx.skill.findMany({ select: { id: true, name: true, synonyms: true } });
  const owner = new Map<string, string>();
  for (const skill of skills) {
    if (skill.id === exceptSkillId) continue;
    for (const term of [skill.name, ...skill.synonyms]) owner.set(synonymKey(term), skill.name);
  }
  const taken = owner.get(synonymKey(names.name));
  if (taken) throw invalid(`${taken} already has the name ${names.name}`, "name");
  const own = synonymKey(names.name);
  for (const synonym of names.synonyms) {
    const key = synonymKey(synonym);
    if (key === own) throw invalid(`${synonym} is the skill's own name; remove it from other names`, "synonyms");
    const other = owner.get(key);
    if (other) throw invalid(`${synonym} is already a name of ${other}`, "synonyms");
  }
}

async function skillOrNotFound(tx: Tx, id: string) {
  const skill = await tx.skill.findUnique({ where: { id } });
  if (!skill) throw notFound("That skill does not exist");
  return skill;
}

/** Adds a skill to the taxonomy. */
export async function addSkill(actor: Actor, input: Omit<SkillFields, "intent">) {
  await taxonomyPolicy.authorize(actor, "manage_skills", NONE);
  return prisma.$transaction(async (tx) => createSkill(tx, actor, input, "taxonomy.add_skill"));
}

/** Writes a new skill with its audit entry and search changes; shared with accepting a proposal. */
export async function createSkill(
  tx: Tx,
  actor: Actor,
  input: Omit<SkillFields, "intent">,
  action: "taxonomy.add_skill" | "taxonomy.accept_proposal",
  details: Prisma.InputJsonObject = {},
) {
  await lockTaxonomy(tx);
  await assertNamesFree(tx, input);
  const slug = await uniqueSlug(tx, "skills", input.name, {
    taken: async (candidates) =>
      (await tx.skill.findMany({ where: { slug: { in: candidates } }, select: { slug: true } })).map((s) => s.slug),
  });
  const skill = await tx.skill.create({
    data: {
      slug,
      name: input.name,
      category: input.category,
      description: input.description,
      synonyms: input.synonyms,
    },
  });
  await audit(tx, {
    actorId: actor.id,
    action,
    subjectType: "skill",
    subjectId: skill.id,
    details: { name: skill.name, ...details },
  });
  await reindexSkillDocuments(tx, [skill.id]);
  await queueSynonymsUpdate(tx);
  return skill;
}

/** Renames a skill, changes its category, description or other names. */
export async function editSkill(actor: Actor, skillId: string, input: Omit<SkillFields, "intent">) {
  await taxonomyPolicy.authorize(actor, "manage_skills", NONE);
  return prisma.$transaction(async (tx) => {
    await lockTaxonomy(tx);
    const current = await skillOrNotFound(tx, skillId);
    await assertNamesFree(tx, input, skillId);
    const skill = await tx.skill.update({
      where: { id: skillId },
      data: { name: input.name, category: input.category, description: input.description, synonyms: input.synonyms },
    });
    const changed: Record<string, string> = {};
    if (current.name !== skill.name) changed.from = current.name;
    if (current.synonyms.join("\n") !== skill.synonyms.join("\n")) changed.synonyms = skill.synonyms.join(", ");
    if (current.description !== skill.description) changed.description = skill.description ?? "";
    if (current.category !== skill.category) changed.category = skill.category;
    await audit(tx, {
      actorId: actor.id,
      action: "taxonomy.edit_skill",
      subjectType: "skill",
      subjectId: skillId,
      details: { name: skill.name, ...changed },
    });
    await reindexSkillDocuments(tx, [skillId]);
    await queueSynonymsUpdate(tx);
    return skill;
  });
}

async function graphIn(tx: Tx) {
  const [rows, links] = await Promise.all([
    tx.skill.findMany({ select: { id: true, slug: true, name: true, synonyms: true } }),
    tx.skillLink.findMany({ select: { fromId: true, toId: true, kind: true } }),
  ]);
  return buildSkillGraph(rows, links);
}

/**
 * Links two skills. `broader`: the skill implies `other`; `narrower`: `other` implies the
 * skill; `related`: suggested together, not implied. Refuses self links, repeats and cycles.
 */
export async function linkSkills(actor: Actor, skillId: string, input: LinkInput) {
  await taxonomyPolicy.authorize(actor, "manage_skills", NONE);
  return prisma.$transaction(async (tx) => linkSkillsIn(tx, actor, skillId, input));
}

type LinkInput = { kind: "broader" | "narrower" | "related"; other: string };

/** Links two skills inside the caller's transaction (also used when accepting a proposal). */
export async function linkSkillsIn(tx: Tx, actor: Actor, skillId: string, input: LinkInput) {
  await lockTaxonomy(tx);
  const skill = await skillOrNotFound(tx, skillId);
  const other = await tx.skill.findUnique({ where: { slug: input.other } });
  if (!other) throw invalid("Choose a skill from the list", "other");
  if (other.id === skill.id) throw invalid("A skill cannot be linked to itself", "other");
  const [from, to] = input.kind === "narrower" ? [other, skill] : [skill, other];
  const kind = input.kind === "related" ? "related" : "broader";
  const existing = await tx.skillLink.findFirst({
    where: {
      OR: [
        { fromId: from.id, toId: to.id },
        { fromId: to.id, toId: from.id, kind: "related" },
        ...(kind === "related" ? [{ fromId: to.id, toId: from.id }] : []),
      ],
    },
  });
  if (existing) throw invalid(`${skill.name} and ${other.name} are already linked`, "other");
  if (kind === "broader" && (await graphIn(tx)).implied(to.id).some((up) => up.id === from.id)) {
    throw invalid(`${to.name} already implies ${from.name}, so ${from.name} cannot imply ${to.name}`, "other");
  }
  await tx.skillLink.create({ data: { fromId: from.id, toId: to.id, kind } });
  await audit(tx, {
    actorId: actor.id,
    action: "taxonomy.link_skills",
    subjectType: "skill",
    subjectId: from.id,
    details: { from: from.name, to: to.name, kind, fromSlug: from.slug, toSlug: to.slug, otherId: to.id },
  });
  await reindexSkillDocuments(tx, [from.id, to.id]);
}

/** Removes a link; the seed will not put a removed link back. */
export async function unlinkSkills(actor: Actor, input: { fromId: string; toId: string; kind: "broader" | "related" }) {
  await taxonomyPolicy.authorize(actor, "manage_skills", NONE);
  // Only the key's own fields: a form's other fields (its intent) must not reach the query.
  const link = { fromId: input.fromId, toId: input.toId, kind: input.kind };
  return prisma.$transaction(async (tx) => {
    await lockTaxonomy(tx);
    const found = await tx.skillLink.findUnique({
      where: { fromId_toId_kind: link },
      select: {
        from: { select: { id: true, slug: true, name: true } },
        to: { select: { id: true, slug: true, name: true } },
      },
    });
    if (!found) throw notFound("Those skills are not linked");
    await tx.skillLink.delete({ where: { fromId_toId_kind: link } });
    await audit(tx, {
      actorId: actor.id,
      action: "taxonomy.unlink_skills",
      subjectType: "skill",
      subjectId: found.from.id,
      details: {
        from: found.from.name,
        to: found.to.name,
        kind: link.kind,
        fromSlug: found.from.slug,
        toSlug: found.to.slug,
        otherId: found.to.id,
      },
    });
    await reindexSkillDocuments(tx, [found.from.id, found.to.id]);
  });
}

const levelRank = { learning: 0, practised: 1, expert: 2 } as const;

/**
 * Merges one skill into another: the people who hold it, the challenges that ask for it, its
 * links and proposals move to `into`; its names become other names of `into`; it is removed.
 */
export async function mergeSkills(actor: Actor, skillId: string, intoSlug: string) {
  await taxonomyPolicy.authorize(actor, "manage_skills", NONE);
  return prisma.$transaction(
    async (tx) => {
      await lockTaxonomy(tx);
      const from = await skillOrNotFound(tx, skillId);
      const into = await tx.skill.findUnique({ where: { slug: intoSlug } });
      if (!into) throw invalid("Choose a skill from the list", "into");
      if (into.id === from.id) throw invalid("Choose another skill to merge into", "into");

      // People and challenges that had the skill now have `into` (documents to re-index).
      const holders = await tx.profileSkill.findMany({ where: { skillId: { in: [from.id, into.id] } } });
      const held = new Map(holders.filter((h) => h.skillId === into.id).map((h) => [h.userId, h.level]));
      for (const h of holders.filter((h) => h.skillId === from.id)) {
        const level = held.get(h.userId);
        if (level === undefined) {
          await tx.profileSkill.create({ data: { userId: h.userId, skillId: into.id, level: h.level } });
        } else if (levelRank[h.level] > levelRank[level]) {
          await tx.profileSkill.update({
            where: { userId_skillId: { userId: h.userId, skillId: into.id } },
            data: { level: h.level },
          });
        }
      }
      const asks = await tx.challengeSkill.findMany({ where: { skillId: { in: [from.id, into.id] } } });
      const asked = new Map(asks.filter((a) => a.skillId === into.id).map((a) => [a.challengeId, a.importance]));
      for (const a of asks.filter((a) => a.skillId === from.id)) {
        const importance = asked.get(a.challengeId);
        if (importance === undefined) {
          await tx.challengeSkill.create({
            data: { challengeId: a.challengeId, skillId: into.id, importance: a.importance },
          });
        } else if (a.importance === "essential" && importance !== "essential") {
          await tx.challengeSkill.update({
            where: { challengeId_skillId: { challengeId: a.challengeId, skillId: into.id } },
            data: { importance: "essential" },
          });
        }
      }
      await tx.challengeSkill.deleteMany({ where: { skillId: from.id } });

      // Links move, except those that would link `into` to itself, repeat, or make a cycle.
      const links = await tx.skillLink.findMany({ where: { OR: [{ fromId: from.id }, { toId: from.id }] } });
      await tx.skillLink.deleteMany({ where: { OR: [{ fromId: from.id }, { toId: from.id }] } });
      for (const link of links) {
        const fromId = link.fromId === from.id ? into.id : link.fromId;
        const toId = link.toId === from.id ? into.id : link.toId;
        if (fromId === toId) continue;
        const graph = await graphIn(tx);
        const repeated = await tx.skillLink.findFirst({
          where: {
            OR: [
              { fromId, toId },
              { fromId: toId, toId: fromId, kind: "related" },
              ...(link.kind === "related" ? [{ fromId: toId, toId: fromId }] : []),
            ],
          },
        });
        if (repeated) continue;
        if (link.kind === "broader" && graph.implied(toId).some((up) => up.id === fromId)) continue;
        await tx.skillLink.create({ data: { fromId, toId, kind: link.kind } });
      }
      await tx.skillProposal.updateMany({ where: { skillId: from.id }, data: { skillId: into.id } });

      const ownKey = synonymKey(into.name);
      const synonyms = [...into.synonyms];
      const keys = new Set([ownKey, ...synonyms.map(synonymKey)]);
      for (const term of [from.name, ...from.synonyms]) {
        if (keys.has(synonymKey(term))) continue;
        keys.add(synonymKey(term));
        synonyms.push(term);
      }
      // Search considers at most 50 synonyms of a term: a group must stay within the forms' limit.
      if (synonyms.length > 40) {
        throw invalid(
          `${into.name} would have ${synonyms.length} other names; remove some (40 at most) before merging`,
          "into",
        );
      }
      await tx.skill.update({ where: { id: into.id }, data: { synonyms } });
      // Held by people: profile documents are queued before the rows go.
      const people = holders.filter((h) => h.skillId === from.id).map((h) => h.userId);
      await tx.skill.delete({ where: { id: from.id } });
      await audit(tx, {
        actorId: actor.id,
        action: "taxonomy.merge_skills",
        subjectType: "skill",
        subjectId: into.id,
        details: { from: from.name, to: into.name, fromSlug: from.slug, toSlug: into.slug },
      });
      await recordSearchChange(tx, "skills", [from.id]);
      await recordSearchChange(tx, "people", people);
      await reindexSkillDocuments(tx, [into.id]);
      await queueSynonymsUpdate(tx);
      return into;
    },
    { timeout: 30_000 },
  );
}
