import type { Prisma } from "~/generated/prisma/client";

// Places at an event. Every change that can take or give back a place (registering, a walk-in,
// cancelling, promoting from the waitlist, an offer expiring, the organisers changing the
// capacity) first locks the event's row with `lockEvent`, inside its transaction, and counts
// with `placesTaken` after the lock. Registrations for the same event are so serialised, and
// 20 people registering at once for the last 5 places cannot overbook.

/** Confirmed and offered registrations hold a place each. */
export const HOLDS_A_PLACE = ["confirmed", "offered"] as const;

/** Locks the event's row until the transaction ends; returns its capacity (null if no such event). */
export async function lockEvent(tx: Prisma.TransactionClient, eventId: string): Promise<{ capacity: number } | null> {
  const rows = await tx.$queryRaw<{ capacity: number }[]>`SELECT capacity FROM events WHERE id = ${eventId} FOR UPDATE`;
  return rows[0] ?? null;
}

export async function placesTaken(tx: Prisma.TransactionClient, eventId: string): Promise<number> {
  return tx.registration.count({ where: { eventId, status: { in: [...HOLDS_A_PLACE] } } });
}

/** Places left (never negative: a capacity lowered below the places taken leaves 0). */
export async function placesLeft(tx: Prisma.TransactionClient, eventId: string): Promise<number> {
  const event = await lockEvent(tx, eventId);
  if (!event) return 0;
  return Math.max(0, event.capacity - (await placesTaken(tx, eventId)));
}
