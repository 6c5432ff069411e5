import type { Prisma } from "~/generated/prisma/client";
import { lockEvent } from "~/models/registrations/capacity.server";
import { fillFreePlaces } from "~/models/registrations/waitlist.server";
import { prisma } from "~/services/db.server";

// What the registrations domain holds about a person: their registrations, choices and the
// needs they gave (until deleted 30 days after each event). For their data download, and for
// deleting their account: needs go at once, and a place at an event still to come is given up
// so the next person waiting is offered it.

export async function registrationDataOf(userId: string) {
  const registrations = await prisma.registration.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      status: true,
      createdAt: true,
      attendedAt: true,
      shareSkills: true,
      event: { select: { slug: true, title: true, startsAt: true } },
      choices: { orderBy: { rank: "asc" }, select: { rank: true, challenge: { select: { title: true } } } },
      needs: { select: { dietary: true, access: true } },
    },
  });
  return { eventRegistrations: registrations };
}

export async function forgetRegistrations(tx: Prisma.TransactionClient, userId: string, now = new Date()) {
  await tx.registrationNeeds.deleteMany({ where: { registration: { userId } } });
  const active = await tx.registration.findMany({
    where: { userId, status: { in: ["confirmed", "offered", "waitlisted"] }, event: { startsAt: { gt: now } } },
    select: { id: true, eventId: true },
  });
  for (const registration of active) {
    await lockEvent(tx, registration.eventId);
    await tx.registration.update({ where: { id: registration.id }, data: { status: "cancelled", cancelledAt: now } });
    await fillFreePlaces(tx, registration.eventId, now);
  }
}
