import type { Prisma } from "~/generated/prisma/client";
import { uniqueSlug } from "~/models/platform/slug.server";
import { recordProjectEvents } from "~/models/projects/timeline.server";
import { prisma } from "~/services/db.server";

type Tx = Prisma.TransactionClient;

/**
 * Puts a team place (just given by the council) into the challenge's project, creating the
 * project with its first member, who leads it. Called by applications/ inside the
 * transaction that gives the place, under the lock on the challenge's row, so two
 * acceptances at once cannot make two projects.
 */
export async function placeInProject(
  tx: Tx,
  input: { challengeId: string; userId: string; actorId: string | null; now?: Date },
): Promise<{ projectId: string; created: boolean }> {
  const now = input.now ?? new Date();
  const place = await tx.teamMember.findUniqueOrThrow({
    where: { challengeId_userId: { challengeId: input.challengeId, userId: input.userId } },
    select: { id: true, projectId: true, user: { select: { displayName: true } } },
  });
  let project = await tx.project.findFirst({
    where: { challengeId: input.challengeId },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  let created = false;
  if (!project) {
    const challenge = await tx.challenge.findUniqueOrThrow({ where: { id: input.challengeId }, select: { slug: true, title: true } });
    const slug = await uniqueSlug(tx, "projects", challenge.slug, {
      taken: async (candidates) =>
        (await tx.project.findMany({ where: { slug: { in: candidates } }, select: { slug: true } })).map((p) => p.slug),
    });
    project = await tx.project.create({
      data: { slug, challengeId: input.challengeId, title: challenge.title, createdAt: now, stageChangedAt: now },
      select: { id: true },
    });
    created = true;
  }
  const leads = await tx.teamMember.count({ where: { projectId: project.id, leftAt: null, teamRole: "lead", NOT: { id: place.id } } });
  await tx.teamMember.update({
    where: { id: place.id },
    data: { projectId: project.id, teamRole: leads === 0 ? "lead" : "member" },
  });
  await recordProjectEvents(tx, project.id, [
    {
      kind: "member_joined",
      source: "nettle",
      occurredAt: now,
      title: `${place.user.displayName} joined the team${leads === 0 ? " as its lead" : ""}`,
      actorId: input.userId,
    },
  ]);
  return { projectId: project.id, created };
}

/**
 * The projects working on a challenge, for its page: only for a challenge the viewer may see
 * (the caller has that answer from the challenges policy), and only what the link shows.
 */
export async function projectsOfChallenge(challengeId: string) {
  return prisma.project.findMany({
    where: { challengeId },
    orderBy: { createdAt: "asc" },
    select: { slug: true, title: true, stage: true },
  });
}
