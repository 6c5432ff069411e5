import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/services/db.server";

type Db = Prisma.TransactionClient | typeof prisma;

// The event's teams as judging shows them: in presentation order, then by name.
export async function eventTeams(db: Db, eventId: string) {
  return db.eventTeam.findMany({
    where: { eventId },
    orderBy: [{ presentationOrder: { sort: "asc", nulls: "last" } }, { name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      pairwiseMu: true,
      pairwiseSigmaSq: true,
      challenge: { select: { title: true, slug: true } },
    },
  });
}

export async function eventCriteria(db: Db, eventId: string) {
  return db.criterion.findMany({
    where: { eventId },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, name: true, description: true, weight: true, maxScore: true, adoption: true },
  });
}

/** The team, if it is one of the event's. */
export async function teamOfEvent(db: Db, eventId: string, teamId: string) {
  return db.eventTeam.findFirst({ where: { id: teamId, eventId }, select: { id: true, name: true } });
}

/** Prisma's unique-constraint error. */
export function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
