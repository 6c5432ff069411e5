import type { Prisma } from "~/generated/prisma/client";
import { formatEventDate, formatEventTime } from "~/models/events/time";
import { notify } from "~/models/notifications/notify.server";
import { lockEvent, placesTaken } from "~/models/registrations/capacity.server";
import { prisma } from "~/services/db.server";

// The waiting list. A place that comes free (someone cancels, an offer runs out, the organisers
// raise the capacity) is offered to the first person waiting, in the order they joined the
// list; they hold it until their deadline (the event's offerHours, never later than the start)
// and must confirm it on their ticket page, or it passes on. Every step locks the event first.

type Tx = Prisma.TransactionClient;
const HOUR = 3_600_000;

/** "5pm on Saturday 23 January 2027", in the event's zone. */
export function deadlineWords(deadline: Date, zone: string) {
  return `${formatEventTime(deadline, zone)} on ${formatEventDate(deadline, zone)}`;
}

/** The person's place in the queue: 1 is next. */
export async function waitlistPosition(db: Tx | typeof prisma, registration: { id: string; eventId: string; waitlistedAt: Date | null }) {
  if (!registration.waitlistedAt) return null;
  const ahead = await db.registration.count({
    where: {
      eventId: registration.eventId,
      status: "waitlisted",
      OR: [{ waitlistedAt: { lt: registration.waitlistedAt } }, { waitlistedAt: registration.waitlistedAt, id: { lt: registration.id } }],
    },
  });
  return ahead + 1;
}

/**
 * Offers every free place to the people waiting longest, inside the caller's transaction (it
 * locks the event). Only before a published event starts: later, nobody could confirm in time.
 * Returns the registrations offered a place.
 */
export async function fillFreePlaces(tx: Tx, eventId: string, now = new Date()): Promise<{ id: string; userId: string | null }[]> {
  const locked = await lockEvent(tx, eventId);
  if (!locked) return [];
  const event = await tx.event.findUniqueOrThrow({
    where: { id: eventId },
    select: { slug: true, title: true, status: true, startsAt: true, timeZone: true, offerHours: true },
  });
  if (event.status !== "published" || event.startsAt <= now) return [];
  const free = locked.capacity - (await placesTaken(tx, eventId));
  if (free <= 0) return [];
  const next = await tx.registration.findMany({
    where: { eventId, status: "waitlisted" },
    orderBy: [{ waitlistedAt: "asc" }, { id: "asc" }],
    take: free,
    select: { id: true, userId: true },
  });
  const expiresAt = new Date(Math.min(now.getTime() + event.offerHours * HOUR, event.startsAt.getTime()));
  const deadline = deadlineWords(expiresAt, event.timeZone);
  for (const registration of next) {
    await tx.registration.update({
      where: { id: registration.id },
      data: { status: "offered", offeredAt: now, offerExpiresAt: expiresAt },
    });
    if (registration.userId) {
      await notify(tx, {
        userId: registration.userId,
        kind: "event.registration",
        title: `A place at “${event.title}” is yours if you confirm by ${deadline}`,
        body: `Someone gave up their place. Confirm it on your ticket page by ${deadline}, or it passes to the next person waiting.`,
        href: `/events/${event.slug}/ticket`,
      });
    }
  }
  return next;
}

/**
 * Offers past their deadline run out (the person is told) and the places pass on. Idempotent:
 * each offer is claimed by a conditional update under the event's lock. `now` is an argument so
 * tests drive the clock. Also fills places freed some other way (a capacity raised).
 */
export async function runWaitlist(now = new Date()) {
  const result = { expired: 0, offered: 0 };
  const due = await prisma.registration.findMany({
    where: { status: "offered", offerExpiresAt: { lte: now } },
    select: { eventId: true },
    distinct: ["eventId"],
  });
  const waiting = await prisma.registration.findMany({
    where: { status: "waitlisted", event: { status: "published", startsAt: { gt: now } } },
    select: { eventId: true },
    distinct: ["eventId"],
  });
  const eventIds = [...new Set([...due, ...waiting].map((row) => row.eventId))];
  for (const eventId of eventIds) {
    await prisma.$transaction(async (tx) => {
      if (!(await lockEvent(tx, eventId))) return;
      const event = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: { slug: true, title: true } });
      const lapsed = await tx.registration.findMany({
        where: { eventId, status: "offered", offerExpiresAt: { lte: now } },
        select: { id: true, userId: true },
      });
      for (const offer of lapsed) {
        const claimed = await tx.registration.updateMany({
          where: { id: offer.id, status: "offered", offerExpiresAt: { lte: now } },
          data: { status: "expired" },
        });
        if (claimed.count === 0) continue;
        result.expired++;
        if (offer.userId) {
          await notify(tx, {
            userId: offer.userId,
            kind: "event.registration",
            title: `The place offered to you at “${event.title}” has gone to someone else`,
            body: "You did not confirm it in time, so it passed to the next person waiting. You can register again if places are still free.",
            href: `/events/${event.slug}`,
          });
        }
      }
      result.offered += (await fillFreePlaces(tx, eventId, now)).length;
    });
  }
  return result;
}
