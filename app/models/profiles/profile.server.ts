import type { Prisma } from "~/generated/prisma/client";
import { dateParts } from "~/models/challenges/wizard-steps/fields";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { invalid, notFound } from "~/models/platform/errors";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { savedSearchesAfterProfileChange } from "~/models/saved-searches/evaluate.server";
import { profilePolicy } from "~/models/profiles/policy.server";
import {
  institutionKinds,
  MAX_PROFILE_SKILLS,
  skillLevels,
  type DetailsInput,
  type SkillChange,
  type SkillLevelValue,
} from "~/models/profiles/schemas";
import { SKILL_CATEGORY_LABELS, type SkillCategory } from "~/models/taxonomy/skill-taxonomy.server";
import { escapeLike, prisma } from "~/services/db.server";
import { renderMarkdown } from "~/services/markdown.server";
import { getSearch } from "~/services/search.server";

// A person's skills profile: what they can do, how well, what they care about, where and when
// they can help, and who may see it. Every write is one transaction with its audit entry and a
// change for the people index, whose drain adds, updates or removes the person's document
// (hidden, closed to invitations or deleted profiles have none).

type Tx = Prisma.TransactionClient;

const isInstitutionKind = (kind: string) => (institutionKinds as readonly string[]).includes(kind);

/** The ONS regions councils are in (as organisations record them), for the region list. */
export async function profileRegions(db: Tx = prisma) {
  const rows = await db.organisation.findMany({
    where: { kind: "council", region: { not: null } },
    distinct: ["region"],
    orderBy: { region: "asc" },
    select: { region: true },
  });
  return rows.map((row) => row.region).filter((region): region is string => region !== null);
}

function universities(db: Tx = prisma) {
  return db.organisation.findMany({ where: { kind: "university" }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

const profileFields = {
  headline: true,
  bio: true,
  region: true,
  remoteOk: true,
  hoursPerWeek: true,
  availableFrom: true,
  availableUntil: true,
  institutionId: true,
  githubUrl: true,
  portfolioUrl: true,
  openToInvitations: true,
} satisfies Prisma.ProfileSelect;

const byLevelThenName = (a: { level: SkillLevelValue; name: string }, b: { level: SkillLevelValue; name: string }) =>
  skillLevels.indexOf(b.level) - skillLevels.indexOf(a.level) || a.name.localeCompare(b.name);

/** What the profile page shows its person to edit, with the lists they choose from. */
export async function profileForEditing(actor: Actor, userId: string) {
  await profilePolicy.authorize(actor, "edit", { userId });
  const [user, profile, themes, regions, institutions] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { kind: true, visibility: true } }),
    prisma.profile.findUnique({
      where: { userId },
      select: {
        ...profileFields,
        skills: { select: { level: true, skill: { select: { id: true, name: true } } } },
        interests: { select: { themeId: true } },
      },
    }),
    prisma.theme.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
    profileRegions(),
    universities(),
  ]);
  const skills = (profile?.skills ?? []).map((s) => ({ id: s.skill.id, name: s.skill.name, level: s.level })).sort(byLevelThenName);
  return {
    values: {
      kind: user.kind,
      visibility: user.visibility,
      headline: profile?.headline ?? "",
      bio: profile?.bio ?? "",
      themes: (profile?.interests ?? []).map((i) => i.themeId),
      region: profile?.region ?? "",
      remoteOk: (profile?.remoteOk ?? true) ? "yes" : "no",
      hoursPerWeek: profile?.hoursPerWeek != null ? String(profile.hoursPerWeek) : "",
      availableFrom: dateParts(profile?.availableFrom ?? null),
      availableUntil: dateParts(profile?.availableUntil ?? null),
      institutionId: profile?.institutionId ?? "",
      githubUrl: profile?.githubUrl ?? "",
      portfolioUrl: profile?.portfolioUrl ?? "",
      openToInvitations: (profile?.openToInvitations ?? true) ? "yes" : "no",
    },
    skills,
    themes,
    regions,
    institutions,
  };
}

export interface SkillMatch {
  id: string;
  name: string;
  category: string;
}

/**
 * Skills from the taxonomy for a typed word: the skills index (synonyms, typos), or, when
 * Meilisearch cannot answer, PostgreSQL by a part of the name or of another name for it
 * (`degraded`, so the page can say search is simpler for now).
 */
export async function findSkills(query: string, limit = 10): Promise<{ matches: SkillMatch[]; degraded: boolean }> {
  const q = query.trim();
  if (!q) return { matches: [], degraded: false };
  try {
    const result = await getSearch()
      .index<{ id: string; name: string; categoryLabel: string }>("skills")
      .search(q, { limit, attributesToRetrieve: ["id", "name", "categoryLabel"] });
    return { matches: result.hits.map((hit) => ({ id: hit.id, name: hit.name, category: hit.categoryLabel })), degraded: false };
  } catch (error) {
    console.warn(`skills search unavailable, using PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
    const pattern = `%${escapeLike(q)}%`;
    const rows = await prisma.$queryRaw<{ id: string; name: string; category: SkillCategory }[]>`
      SELECT id, name, category::text AS category FROM skills
      WHERE name ILIKE ${pattern} OR EXISTS (SELECT 1 FROM unnest(synonyms) AS other WHERE other ILIKE ${pattern})
      ORDER BY name LIMIT ${limit}`;
    return { matches: rows.map((row) => ({ id: row.id, name: row.name, category: SKILL_CATEGORY_LABELS[row.category] })), degraded: true };
  }
}

/** Locks the person's row, so two saves of one profile do not interleave; refuses a deleted account. */
async function lockPerson(tx: Tx, userId: string) {
  await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
  const user = await tx.user.findUnique({ where: { id: userId }, select: { kind: true, visibility: true, deletedAt: true } });
  if (!user || user.deletedAt) throw notFound("There is no such account.");
  return user;
}

const dayText = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : null);

/** Saves everything on the profile but the skills. */
export async function saveProfileDetails(actor: Actor, userId: string, input: DetailsInput) {
  await profilePolicy.authorize(actor, "edit", { userId });
  await prisma.$transaction(async (tx) => {
    const user = await lockPerson(tx, userId);
    const region = input.region?.trim() || null;
    if (region && !(await profileRegions(tx)).includes(region)) throw invalid("Choose a region from the list", "region");
    const wantsInstitution = isInstitutionKind(input.kind);
    const institutionId = wantsInstitution ? input.institutionId?.trim() || null : null;
    if (institutionId && (await tx.organisation.count({ where: { id: institutionId, kind: "university" } })) === 0) {
      throw invalid("Choose a university from the list", "institutionId");
    }
    const themeIds = [...new Set(input.themes)];
    if (themeIds.length > 0 && (await tx.theme.count({ where: { id: { in: themeIds } } })) !== themeIds.length) {
      throw invalid("Choose interests from the list", "themes");
    }

    const before = await tx.profile.findUnique({ where: { userId }, select: { ...profileFields, interests: { select: { themeId: true } } } });
    const fields = {
      headline: input.headline,
      bio: input.bio,
      region,
      remoteOk: input.remoteOk === "yes",
      hoursPerWeek: input.hoursPerWeek ?? null,
      availableFrom: input.availableFrom ?? null,
      availableUntil: input.availableUntil ?? null,
      institutionId,
      githubUrl: input.githubUrl || null,
      portfolioUrl: input.portfolioUrl || null,
      openToInvitations: input.openToInvitations === "yes",
    };
    await tx.profile.upsert({ where: { userId }, create: { userId, ...fields }, update: fields });
    await tx.profileTheme.deleteMany({ where: { userId } });
    if (themeIds.length > 0) await tx.profileTheme.createMany({ data: themeIds.map((themeId) => ({ userId, themeId })) });
    await tx.user.update({ where: { id: userId }, data: { kind: input.kind, visibility: input.visibility } });

    // The audit entry names what changed, not the values: the profile is the person's own.
    const changed: string[] = [];
    if (user.kind !== input.kind) changed.push("kind");
    if (user.visibility !== input.visibility) changed.push("visibility");
    for (const [name, value] of Object.entries(fields)) {
      const old = before?.[name as keyof typeof fields];
      const same = old instanceof Date || value instanceof Date ? dayText(old as Date | null) === dayText(value as Date | null) : old === value;
      if (!before || !same) changed.push(name);
    }
    const oldThemes = (before?.interests ?? []).map((i) => i.themeId).sort();
    if (oldThemes.join() !== [...themeIds].sort().join()) changed.push("interests");
    await audit(tx, {
      actorId: actor.id,
      action: "profiles.update_profile",
      subjectType: "user",
      subjectId: userId,
      details: { changed: changed.join(", ") },
    });
    await recordSearchChange(tx, "people", [userId]);
    await savedSearchesAfterProfileChange(tx, userId);
  });
}

/** Adds a skill at a level, changes a skill's level, or removes it; returns the skill's name. */
export async function changeProfileSkill(actor: Actor, userId: string, change: SkillChange) {
  await profilePolicy.authorize(actor, "edit", { userId });
  return prisma.$transaction(async (tx) => {
    await lockPerson(tx, userId);
    const skill = await tx.skill.findUnique({ where: { id: change.skillId }, select: { id: true, name: true } });
    if (!skill) {
      throw invalid(
        change.intent === "add-skill" ? "Choose a skill from the list. If yours is missing, propose it." : "That skill is not on your profile",
        "skillId",
      );
    }
    const current = await tx.profileSkill.findMany({ where: { userId }, select: { skillId: true, level: true } });
    const held = current.find((s) => s.skillId === skill.id);
    if (change.intent === "remove-skill") {
      if (!held) throw invalid("That skill is not on your profile", "skillId");
      await tx.profileSkill.delete({ where: { userId_skillId: { userId, skillId: skill.id } } });
    } else {
      if (change.intent === "set-level" && !held) throw invalid("That skill is not on your profile", "skillId");
      if (!held && current.length >= MAX_PROFILE_SKILLS) {
        throw invalid(`You can list up to ${MAX_PROFILE_SKILLS} skills. Remove one to add another.`, "skillId");
      }
      await tx.profile.upsert({ where: { userId }, create: { userId }, update: {} });
      await tx.profileSkill.upsert({
        where: { userId_skillId: { userId, skillId: skill.id } },
        create: { userId, skillId: skill.id, level: change.level },
        update: { level: change.level },
      });
    }
    await audit(tx, {
      actorId: actor.id,
      action: "profiles.update_profile",
      subjectType: "user",
      subjectId: userId,
      details: {
        changed: change.intent === "remove-skill" ? "skill removed" : held ? "skill level" : "skill added",
        skill: skill.name,
        ...(change.intent === "remove-skill" ? {} : { level: change.level }),
      },
    });
    await recordSearchChange(tx, "people", [userId]);
    await savedSearchesAfterProfileChange(tx, userId);
    return skill.name;
  });
}

/**
 * Sets every skill on the profile at once (skills by slug with a level), in one transaction:
 * for bringing a profile in whole (the demo people), where one change at a time would be
 * dozens of transactions. Unknown skills and more than the limit are refused.
 */
export async function replaceProfileSkills(actor: Actor, userId: string, skills: { slug: string; level: SkillLevelValue }[]) {
  await profilePolicy.authorize(actor, "edit", { userId });
  if (skills.length > MAX_PROFILE_SKILLS) throw invalid(`You can list up to ${MAX_PROFILE_SKILLS} skills.`, "skillId");
  await prisma.$transaction(async (tx) => {
    await lockPerson(tx, userId);
    const rows = await tx.skill.findMany({ where: { slug: { in: skills.map((s) => s.slug) } }, select: { id: true, slug: true, name: true } });
    const bySlug = new Map(rows.map((row) => [row.slug, row]));
    const missing = skills.filter((s) => !bySlug.has(s.slug)).map((s) => s.slug);
    if (missing.length > 0) throw invalid(`There is no skill ${missing.join(", ")} in the list.`, "skillId");
    await tx.profile.upsert({ where: { userId }, create: { userId }, update: {} });
    await tx.profileSkill.deleteMany({ where: { userId } });
    await tx.profileSkill.createMany({ data: skills.map((s) => ({ userId, skillId: bySlug.get(s.slug)!.id, level: s.level })) });
    await audit(tx, {
      actorId: actor.id,
      action: "profiles.update_profile",
      subjectType: "user",
      subjectId: userId,
      details: { changed: "skills", skill: skills.map((s) => bySlug.get(s.slug)!.name).join(", ") },
    });
    await recordSearchChange(tx, "people", [userId]);
  });
}

/**
 * A person's profile page as `actor` may see it: not found for anyone the person does not
 * show it to (so a hidden profile's existence is not revealed).
 */
export async function viewProfile(actor: Actor | null, userId: string) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, displayName: true, kind: true, visibility: true, deletedAt: true },
  });
  if (!user || !(await profilePolicy.may(actor, "view", { userId: user.id, visibility: user.visibility, deleted: user.deletedAt !== null }))) {
    throw notFound("There is no profile here, or its owner does not show it to you.");
  }
  const profile = await prisma.profile.findUnique({
    where: { userId },
    select: {
      headline: true,
      bio: true,
      region: true,
      remoteOk: true,
      githubUrl: true,
      portfolioUrl: true,
      institution: { select: { name: true } },
      skills: { select: { level: true, skill: { select: { name: true } } } },
      interests: { select: { theme: { select: { name: true } } }, orderBy: { theme: { name: "asc" } } },
    },
  });
  const skills = (profile?.skills ?? []).map((s) => ({ name: s.skill.name, level: s.level })).sort(byLevelThenName);
  return {
    id: user.id,
    name: user.displayName,
    kind: user.kind,
    own: actor?.id === user.id,
    visibility: user.visibility,
    headline: profile?.headline ?? "",
    bioHtml: profile?.bio ? renderMarkdown(profile.bio) : "",
    region: profile?.region ?? null,
    remoteOk: profile?.remoteOk ?? false,
    institution: isInstitutionKind(user.kind) ? (profile?.institution?.name ?? null) : null,
    githubUrl: profile?.githubUrl ?? null,
    portfolioUrl: profile?.portfolioUrl ?? null,
    skillsByLevel: [...skillLevels].reverse().map((level) => ({ level, skills: skills.filter((s) => s.level === level).map((s) => s.name) })),
    interests: (profile?.interests ?? []).map((i) => i.theme.name),
  };
}

/** The account page's card: enough to say whether the profile is started and how it shows. */
export async function profileSummary(actor: Actor, userId: string) {
  await profilePolicy.authorize(actor, "edit", { userId });
  const profile = await prisma.profile.findUnique({
    where: { userId },
    select: { hoursPerWeek: true, openToInvitations: true, _count: { select: { skills: true, interests: true } } },
  });
  if (!profile) return null;
  return {
    skillCount: profile._count.skills,
    interestCount: profile._count.interests,
    hoursPerWeek: profile.hoursPerWeek,
    openToInvitations: profile.openToInvitations,
  };
}
