import type { Prisma } from "~/generated/prisma/client";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { prisma } from "~/services/db.server";

// What the projects domain holds about a person, for their data download, and what it forgets
// when they delete their account.

export async function projectDataOf(userId: string) {
  const [projectPlaces, projectUpdates, projectInvitations] = await Promise.all([
    prisma.teamMember.findMany({
      where: { userId, projectId: { not: null } },
      orderBy: { createdAt: "asc" },
      select: { teamRole: true, termsAcceptedAt: true, leftAt: true, createdAt: true, project: { select: { title: true, slug: true } } },
    }),
    prisma.projectUpdate.findMany({
      where: { authorId: userId },
      orderBy: { createdAt: "asc" },
      select: { body: true, createdAt: true, project: { select: { title: true, slug: true } } },
    }),
    prisma.projectInvitation.findMany({
      where: { OR: [{ userId }, { invitedById: userId }] },
      orderBy: { createdAt: "asc" },
      select: {
        message: true,
        createdAt: true,
        expiresAt: true,
        acceptedAt: true,
        declinedAt: true,
        userId: true,
        project: { select: { title: true, slug: true } },
      },
    }),
  ]);
  return {
    projectPlaces,
    projectUpdates,
    projectInvitations: projectInvitations.map(({ userId: invitee, ...rest }) => ({ ...rest, direction: invitee === userId ? "received" : "sent" })),
  };
}

/**
 * On deleting an account: their updates stay for the team's record but no longer name them,
 * invitations to them go, and they leave every team (if they led one alone, the longest-serving
 * member becomes lead, so no team is left without one).
 */
export async function forgetProjects(tx: Prisma.TransactionClient, userId: string, now = new Date()) {
  await tx.projectUpdate.updateMany({ where: { authorId: userId }, data: { authorId: null } });
  await tx.projectInvitation.deleteMany({ where: { userId } });
  await tx.projectInvitation.updateMany({ where: { invitedById: userId }, data: { invitedById: null } });
  // Timeline titles name people ("Sam Lee joined the team", "Sam Lee: we mapped…"): their name
  // goes from the titles of every project they were in, not only the link to their account.
  const person = await tx.user.findUnique({ where: { id: userId }, select: { displayName: true } });
  const theirProjects = (await tx.teamMember.findMany({ where: { userId, projectId: { not: null } }, select: { projectId: true } })).map(
    (place) => place.projectId!,
  );
  if (person?.displayName) {
    await tx.$executeRaw`UPDATE project_events SET title = replace(title, ${person.displayName}, 'A former member')
      WHERE (project_id = ANY(${theirProjects}) OR actor_id = ${userId}) AND strpos(title, ${person.displayName}) > 0`;
  }
  await tx.projectEvent.updateMany({ where: { actorId: userId }, data: { actorId: null } });
  const places = await tx.teamMember.findMany({ where: { userId, leftAt: null, projectId: { not: null } }, select: { id: true, projectId: true, teamRole: true } });
  for (const place of places) {
    await tx.$queryRaw`SELECT id FROM projects WHERE id = ${place.projectId} FOR UPDATE`;
    await tx.teamMember.update({ where: { id: place.id }, data: { leftAt: now } });
    if (place.teamRole !== "lead") continue;
    const leads = await tx.teamMember.count({ where: { projectId: place.projectId, leftAt: null, teamRole: "lead" } });
    if (leads > 0) continue;
    const next = await tx.teamMember.findFirst({ where: { projectId: place.projectId, leftAt: null }, orderBy: { createdAt: "asc" }, select: { id: true } });
    if (next) await tx.teamMember.update({ where: { id: next.id }, data: { teamRole: "lead" } });
  }
  if (places.length > 0) await recordSearchChange(tx, "people", [userId]);
}
