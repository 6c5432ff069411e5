import type { Prisma } from "~/generated/prisma/client";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { prisma } from "~/services/db.server";

// The profile and matching data a person's data download carries, and what deleting their
// account removes. Called by the accounts domain (privacy.server.ts), which asks its policy
// first; these functions only read and write for a user id already allowed.

type Db = Prisma.TransactionClient;

/** Profile, skills, interests, applications, team places, notifications and saved searches: every table, empty or not. */
export async function profileDataOf(userId: string, db: Db = prisma) {
  const [profile, applications, teamPlaces, notifications, notificationPreferences, savedSearches, follows] = await Promise.all([
    db.profile.findUnique({
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
    }),
    db.challengeApplication.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        direction: true,
        status: true,
        message: true,
        role: true,
        expiresAt: true,
        respondedAt: true,
        responseNote: true,
        createdAt: true,
        challenge: { select: { title: true, slug: true } },
      },
    }),
    db.teamMember.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { role: true, hoursPerWeek: true, createdAt: true, leftAt: true, challenge: { select: { title: true, slug: true } } },
    }),
    db.notification.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { kind: true, title: true, body: true, href: true, readAt: true, createdAt: true },
    }),
    db.notificationPreference.findMany({ where: { userId }, select: { kind: true, inApp: true, email: true } }),
    db.savedSearch.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { name: true, target: true, query: true, emailFrequency: true, lastDigestAt: true, createdAt: true },
    }),
    db.challengeFollow.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, challenge: { select: { title: true, slug: true } } },
    }),
  ]);
  return {
    skillsProfile: profile
      ? {
          ...profile,
          institution: profile.institution?.name ?? null,
          skills: profile.skills.map((s) => ({ skill: s.skill.name, slug: s.skill.slug, level: s.level })),
          interests: profile.interests.map((i) => i.theme.name),
        }
      : null,
    applications,
    teamPlaces,
    notifications,
    notificationPreferences,
    savedSearches,
    challengesFollowed: follows,
  };
}

/**
 * For a deleted account, in its transaction: the profile (with its skills and interests),
 * saved searches and notifications go, and the person leaves the people index.
 */
export async function removeProfileData(tx: Db, userId: string) {
  await tx.profile.deleteMany({ where: { userId } });
  await tx.savedSearch.deleteMany({ where: { userId } });
  await tx.notification.deleteMany({ where: { userId } });
  await tx.notificationPreference.deleteMany({ where: { userId } });
  await recordSearchChange(tx, "people", [userId]);
}
