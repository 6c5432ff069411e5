import type { Prisma } from "~/generated/prisma/client";

// A minimal stand-in for part C's `placeInEventTeam` (app/models/event-teams/team.server.ts):
// it creates the team and the place directly. The caller holds the event's row lock and has
// checked who may be placed. Replace with C's function when both are merged.

export async function placeInEventTeam(
  tx: Prisma.TransactionClient,
  input: {
    eventId: string;
    registrationId: string;
    teamId?: string;
    newTeam?: { challengeId: string; name: string };
    source: "self" | "organiser";
    actorId?: string | null;
  },
): Promise<{ teamId: string }> {
  let teamId = input.teamId;
  if (!teamId) {
    if (!input.newTeam) throw new Error("placeInEventTeam needs a team or a new team.");
    const team = await tx.eventTeam.create({
      data: { eventId: input.eventId, challengeId: input.newTeam.challengeId, name: input.newTeam.name, createdById: input.actorId ?? null },
      select: { id: true },
    });
    teamId = team.id;
  }
  const registration = await tx.registration.findUniqueOrThrow({ where: { id: input.registrationId }, select: { userId: true } });
  await tx.eventTeamMember.create({
    data: { eventId: input.eventId, teamId, registrationId: input.registrationId, userId: registration.userId, source: input.source },
  });
  return { teamId };
}
