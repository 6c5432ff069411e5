import type { Prisma } from "~/generated/prisma/client";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { prisma } from "~/services/db.server";

// The profile and matching data a person's data download carries, and what deleting their
// account removes. Called by the accounts domain (privacy.server.ts), which asks its policy
// first; these functions only read and write for a user id already allowed.

type Db = Prisma.TransactionClient;

/**
 * The skills profile (with its skills and interests). Applications, team places, notifications,
 * follows and saved searches are exported by the domains that own them.
 */
export async function profileDataOf(userId: string, db: Db = prisma) {
  const profile = await db.profile.findUnique({
    where: { userId },
    select: {
      headline: true,
      bio: true,
      region: true,
      remoteOk: true,
      hoursPerWeek: true,
      availableFrom: true,
      availableUntil: true,
      institution: { select: { name: true } },
      githubUrl: true,
      portfolioUrl: true,
      openToInvitations: true,
      createdAt: true,
      updatedAt: true,
      skills: { select: { level: true, skill: { select: { name: true, slug: true } } } },
      interests: { select: { theme: { select: { name: true, slug: true } } } },
    },
  });
  return {
    skillsProfile: profile
      ? {
          ...profile,
          institution: profile.institution?.name ?? null,
          skills: profile.skills.map((s) => ({ skill: s.skill.name, slug: s.skill.slug, level: s.level })),
          interests: profile.interests.map((i) => i.theme.name),
        }
      : null,
  };
}

/**
 * For a deleted account, in its transaction: the profile (with its skills and interests) goes,
 * and the person leaves the people index.
 */
export async function removeProfileData(tx: Db, userId: string) {
  await tx.profile.deleteMany({ where: { userId } });
  await recordSearchChange(tx, "people", [userId]);
}
