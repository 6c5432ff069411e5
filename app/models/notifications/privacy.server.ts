import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/services/db.server";

// What the notifications domain holds about a person (their notifications, their choices and
// the challenges they follow), for their data download, and removing it with their account.

export async function notificationDataOf(userId: string) {
  const [notifications, notificationSettings, follows] = await Promise.all([
    prisma.notification.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { kind: true, title: true, body: true, href: true, readAt: true, createdAt: true },
    }),
    prisma.notificationPreference.findMany({ where: { userId }, select: { kind: true, inApp: true, email: true } }),
    prisma.challengeFollow.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, challenge: { select: { title: true, slug: true } } },
    }),
  ]);
  return { notifications, notificationSettings, follows };
}

export async function forgetNotifications(tx: Prisma.TransactionClient, userId: string) {
  await tx.notification.deleteMany({ where: { userId } });
  await tx.notificationPreference.deleteMany({ where: { userId } });
  await tx.challengeFollow.deleteMany({ where: { userId } });
}
