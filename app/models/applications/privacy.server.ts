import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/services/db.server";

// What the applications domain holds about a person, for their data download, and what it
// forgets when they delete their account.

export async function applicationDataOf(userId: string) {
  const [applications, teamPlaces] = await Promise.all([
    prisma.challengeApplication.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        direction: true,
        status: true,
        role: true,
        message: true,
        responseNote: true,
        expiresAt: true,
        respondedAt: true,
        createdAt: true,
        challenge: { select: { title: true, slug: true } },
      },
    }),
    prisma.teamMember.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { role: true, hoursPerWeek: true, leftAt: true, createdAt: true, challenge: { select: { title: true, slug: true } } },
    }),
  ]);
  return { applications, teamPlaces };
}

/**
 * On deleting an account: offers and invitations still waiting are withdrawn, and the notes and
 * roles the person wrote are removed. Team places stay, credited to "former member".
 */
export async function forgetApplications(tx: Prisma.TransactionClient, userId: string, now = new Date()) {
  await tx.challengeApplication.updateMany({ where: { userId, status: "pending" }, data: { status: "withdrawn", respondedAt: now } });
  await tx.challengeApplication.updateMany({ where: { userId, direction: "interest" }, data: { message: "", role: "" } });
}
