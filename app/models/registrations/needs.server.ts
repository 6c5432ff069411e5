import { authorizeEvent } from "~/models/events/policy.server";
import { formatEventDate } from "~/models/events/time";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { prisma } from "~/services/db.server";

// Dietary and access needs: asked once at registration, seen only by the event's organisers
// (policy viewNeeds), each viewing and each export with them audited, and deleted — the whole
// row — 30 days after the event ends by a scheduled job, which then marks the event so pages
// say when they went.

const DAY = 86_400_000;
export const NEEDS_KEPT_DAYS = 30;

/** "Deleted on 4 February 2027, 30 days after the event" — or null while they are kept. */
export function needsDeletedWords(event: { needsDeletedAt: Date | null; timeZone: string }) {
  if (!event.needsDeletedAt) return null;
  return `Deleted on ${formatEventDate(event.needsDeletedAt, event.timeZone)}, ${NEEDS_KEPT_DAYS} days after the event`;
}

/** The needs of everyone registered who gave any, for the organisers; audited. */
export async function showNeeds(actor: Actor, slug: string) {
  const { event } = await authorizeEvent(actor, { slug }, "viewNeeds");
  return prisma.$transaction(async (tx) => {
    const row = await tx.event.findUniqueOrThrow({ where: { id: event.id }, select: { needsDeletedAt: true, timeZone: true } });
    const needs = await tx.registrationNeeds.findMany({
      where: { registration: { eventId: event.id, status: { in: ["confirmed", "offered", "waitlisted"] } } },
      select: {
        dietary: true,
        access: true,
        registration: { select: { id: true, status: true, guestName: true, user: { select: { displayName: true } } } },
      },
      orderBy: { registration: { createdAt: "asc" } },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "registrations.view_needs",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { rows: needs.length },
    });
    return {
      deleted: needsDeletedWords(row),
      rows: needs.map((n) => ({
        registrationId: n.registration.id,
        name: n.registration.user?.displayName ?? n.registration.guestName,
        status: n.registration.status,
        dietary: n.dietary,
        access: n.access,
      })),
    };
  });
}

/**
 * Deletes the needs of every event that ended more than 30 days before `now` and marks the
 * event. Idempotent: an event is claimed by a conditional update on needsDeletedAt.
 */
export async function deleteExpiredNeeds(now = new Date()) {
  const endedBy = new Date(now.getTime() - NEEDS_KEPT_DAYS * DAY);
  const due = await prisma.event.findMany({
    where: { endsAt: { lte: endedBy }, needsDeletedAt: null },
    select: { id: true, hubId: true },
    take: 200,
  });
  let rows = 0;
  for (const event of due) {
    await prisma.$transaction(async (tx) => {
      const claimed = await tx.event.updateMany({ where: { id: event.id, needsDeletedAt: null }, data: { needsDeletedAt: now } });
      if (claimed.count === 0) return;
      const deleted = await tx.registrationNeeds.deleteMany({ where: { registration: { eventId: event.id } } });
      rows += deleted.count;
      await audit(tx, {
        actorId: null,
        action: "registrations.delete_needs",
        subjectType: "event",
        subjectId: event.id,
        organisationId: event.hubId,
        details: { rows: deleted.count },
      });
    });
  }
  return { events: due.length, rows };
}
