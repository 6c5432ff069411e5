import crypto from "node:crypto";
import type { Prisma, RegistrationStatus } from "~/generated/prisma/client";
import { authorizeEvent, type EventRef } from "~/models/events/policy.server";
import { formatEventTime, utcToZonedParts, zonedToUtc } from "~/models/events/time";
import type { Actor } from "~/models/platform/actor";
import { conflict, forbidden, invalid, notFound } from "~/models/platform/errors";
import { lockEvent, placesTaken } from "~/models/registrations/capacity.server";
import { prisma } from "~/services/db.server";

// Check-in on the day, for the organisers (policy "checkIn"): by the ticket's QR code (its
// address opens /events/<slug>/check-in/<code> on the organiser's phone), by the code typed,
// or by name. Each person counts once per checkpoint: CheckIn's key is registration +
// checkpoint, and the insert does nothing when the row is there, so a second scan — even at
// the same instant on two phones — says when they were checked in instead of failing.
// Walk-ins take a place under the event's lock, like registering does.

type Tx = Prisma.TransactionClient;

/** Ticket codes are 8 letters and digits; what people type may have spaces, dashes, lower case. */
const TICKET_CODE_MAX = 32;

/** The code as stored (upper case letters and digits), or null when it cannot be one. */
export function normaliseTicketCode(raw: string): string | null {
  const code = raw
    .normalize("NFKC")
    .replace(/[\s\-\u2010-\u2015\u2212]/g, "")
    .toUpperCase();
  if (code.length === 0 || code.length > TICKET_CODE_MAX || !/^[A-Z0-9]+$/.test(code)) return null;
  return code;
}

/** Names compared for search: no accents, lower case, single spaces. */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Every word typed starts a word of the name ("jo sm" finds "Jo Smith"; "smith" finds her too). */
export function nameMatches(name: string, query: string): boolean {
  const words = nameKey(name).split(" ");
  const wanted = nameKey(query).split(" ").filter(Boolean);
  return wanted.length > 0 && wanted.every((w) => words.some((word) => word.startsWith(w)));
}

const WALK_IN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
function newTicketCode() {
  const bytes = crypto.randomBytes(8);
  return Array.from(bytes, (b) => WALK_IN_ALPHABET[b % WALK_IN_ALPHABET.length]).join("");
}

const statusWords: Record<RegistrationStatus, string> = {
  confirmed: "Has a place",
  waitlisted: "On the waiting list",
  offered: "Offered a place, not confirmed yet",
  cancelled: "Cancelled their place",
  expired: "Did not confirm an offered place in time",
};

async function checkpointsOf(db: Tx | typeof prisma, eventId: string) {
  return db.checkpoint.findMany({
    where: { eventId },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, name: true },
  });
}

function chooseCheckpoint<T extends { id: string }>(checkpoints: T[], wanted: string | null | undefined): T | null {
  return checkpoints.find((c) => c.id === wanted) ?? checkpoints[0] ?? null;
}

/** Walk-ins are taken from the start of the day the event starts (in its zone) until it ends. */
export function walkInsOpen(event: Pick<EventRef, "startsAt" | "endsAt" | "timeZone" | "status">, now = new Date()) {
  const dayStarts =
    zonedToUtc(utcToZonedParts(event.startsAt, event.timeZone).date, "00:00", event.timeZone) ?? event.startsAt;
  return (event.status === "published" || event.status === "finished") && now >= dayStarts && now < event.endsAt;
}

const personSelect = {
  id: true,
  status: true,
  walkIn: true,
  guestName: true,
  guestEmail: true,
  ticketCode: true,
  user: { select: { displayName: true, email: true } },
  checkIns: { select: { checkpointId: true, checkedInAt: true } },
} satisfies Prisma.RegistrationSelect;

/** A person as the check-in pages show them (never their ticket code: the QR page adds it). */
function describe(
  event: EventRef,
  r: Prisma.RegistrationGetPayload<{ select: typeof personSelect }>,
  checkpointId: string | null,
) {
  const here = r.checkIns.find((c) => c.checkpointId === checkpointId) ?? null;
  return {
    registrationId: r.id,
    name: r.user?.displayName ?? r.guestName,
    /** To tell apart two people of one name; the whole page is for organisers. */
    email: (r.user ? r.user.email : r.guestEmail) || null,
    status: r.status,
    statusWords: r.walkIn && r.status === "confirmed" ? "Walk-in" : statusWords[r.status],
    canCheckIn: r.status === "confirmed",
    checkedInHere: here ? { at: here.checkedInAt, time: formatEventTime(here.checkedInAt, event.timeZone) } : null,
  };
}

/**
 * The check-in page: the checkpoints with how many people were checked in at each, the chosen
 * one (the first unless `checkpointId` names another), and the people whose name matches
 * `query` (organisers only; names and status, never emails or ticket codes).
 */
export async function checkInPage(
  actor: Actor,
  slug: string,
  options: { checkpointId?: string | null; query?: string | null } = {},
) {
  const { event } = await authorizeEvent(actor, { slug }, "checkIn");
  const checkpoints = await checkpointsOf(prisma, event.id);
  const counts = await prisma.checkIn.groupBy({
    by: ["checkpointId"],
    where: { checkpoint: { eventId: event.id } },
    _count: { _all: true },
  });
  const current = chooseCheckpoint(checkpoints, options.checkpointId);
  const query = (options.query ?? "").slice(0, 100);
  let results: ReturnType<typeof describe>[] | null = null;
  if (nameKey(query)) {
    // In memory for the event: a few hundred names at most, and no pattern reaches SQL.
    const people = await prisma.registration.findMany({
      where: { eventId: event.id },
      select: personSelect,
      orderBy: { createdAt: "asc" },
    });
    results = people
      .filter((p) => nameMatches(p.user?.displayName ?? p.guestName, query))
      .slice(0, 50)
      .map((p) => describe(event, p, current?.id ?? null));
  }
  const [taken, confirmed] = await Promise.all([
    prisma.registration.count({ where: { eventId: event.id, status: { in: ["confirmed", "offered"] } } }),
    prisma.registration.count({ where: { eventId: event.id, status: "confirmed" } }),
  ]);
  return {
    event: { slug: event.slug, title: event.title, capacity: event.capacity, timeZone: event.timeZone },
    checkpoints: checkpoints.map((c) => ({
      ...c,
      count: counts.find((n) => n.checkpointId === c.id)?._count._all ?? 0,
    })),
    checkpoint: current,
    confirmed,
    placesTaken: taken,
    walkInsOpen: walkInsOpen(event),
    query,
    results,
  };
}

/** What the ticket's QR code opens: who it is and whether they are checked in at the checkpoint. */
export async function ticketForCheckIn(actor: Actor, slug: string, rawCode: string, checkpointId?: string | null) {
  const { event } = await authorizeEvent(actor, { slug }, "checkIn");
  const code = normaliseTicketCode(rawCode);
  const checkpoints = await checkpointsOf(prisma, event.id);
  const checkpoint = chooseCheckpoint(checkpoints, checkpointId);
  const registration = code
    ? await prisma.registration.findUnique({
        where: { eventId_ticketCode: { eventId: event.id, ticketCode: code } },
        select: personSelect,
      })
    : null;
  return {
    event: { slug: event.slug, title: event.title },
    checkpoints,
    checkpoint,
    person: registration
      ? { ...describe(event, registration, checkpoint?.id ?? null), ticketCode: registration.ticketCode }
      : null,
  };
}

/** Finds a registration by a typed code, for the check-in page's form. */
export async function findByTicketCode(actor: Actor, slug: string, rawCode: string): Promise<{ code: string }> {
  const { event } = await authorizeEvent(actor, { slug }, "checkIn");
  const code = normaliseTicketCode(rawCode);
  if (!code) throw invalid("Enter the ticket code as it is on the ticket, like K7QM 3XPA", "code");
  const found = await prisma.registration.findUnique({
    where: { eventId_ticketCode: { eventId: event.id, ticketCode: code } },
    select: { id: true },
  });
  if (!found)
    throw invalid(`No ticket for “${event.title}” has the code ${code}. Check it, or search by name.`, "code");
  return { code };
}

async function checkpointIn(tx: Tx, eventId: string, checkpointId: string) {
  const checkpoint = await tx.checkpoint.findFirst({
    where: { id: checkpointId, eventId },
    select: { id: true, name: true },
  });
  if (!checkpoint) throw notFound("There is no such checkpoint at this event.");
  return checkpoint;
}

/** Inserts the check-in unless it is there; the first check-in anywhere marks them as attended. */
async function insertCheckIn(
  tx: Tx,
  input: { registrationId: string; checkpointId: string; actorId: string; now: Date },
) {
  const { count } = await tx.checkIn.createMany({
    data: [
      {
        registrationId: input.registrationId,
        checkpointId: input.checkpointId,
        checkedInById: input.actorId,
        checkedInAt: input.now,
      },
    ],
    skipDuplicates: true,
  });
  await tx.registration.updateMany({
    where: { id: input.registrationId, attendedAt: null },
    data: { attendedAt: input.now },
  });
  return count === 1;
}

export type CheckInResult = { name: string; checkpoint: string; already: boolean; time: string };

/** What the organiser is told after a check-in: a repeat says when the first one was. */
export function checkedInFlash(result: CheckInResult) {
  return result.already
    ? {
        kind: "info" as const,
        title: `${result.name} was already checked in at ${result.checkpoint} at ${result.time}`,
        body: "They are counted once.",
      }
    : { kind: "success" as const, title: `${result.name} is checked in at ${result.checkpoint}` };
}

/**
 * Checks a person in at a checkpoint. Only a confirmed place checks in; a second check-in at
 * the same checkpoint changes nothing and says when the first was.
 */
export async function checkIn(
  actor: Actor,
  slug: string,
  input: { registrationId: string; checkpointId: string },
  now = new Date(),
): Promise<CheckInResult> {
  const { event } = await authorizeEvent(actor, { slug }, "checkIn");
  return prisma.$transaction(async (tx) => {
    const checkpoint = await checkpointIn(tx, event.id, input.checkpointId);
    const registration = await tx.registration.findFirst({
      where: { id: input.registrationId, eventId: event.id },
      select: personSelect,
    });
    if (!registration) throw notFound("That person is not registered for this event.");
    const person = describe(event, registration, checkpoint.id);
    if (!person.canCheckIn) {
      throw conflict(
        `${person.name} cannot be checked in: ${person.statusWords.toLowerCase()}. You can add them as a walk-in if there is room.`,
      );
    }
    const inserted = await insertCheckIn(tx, {
      registrationId: registration.id,
      checkpointId: checkpoint.id,
      actorId: actor.id,
      now,
    });
    if (inserted)
      return {
        name: person.name,
        checkpoint: checkpoint.name,
        already: false,
        time: formatEventTime(now, event.timeZone),
      };
    const first = await tx.checkIn.findUniqueOrThrow({
      where: { registrationId_checkpointId: { registrationId: registration.id, checkpointId: checkpoint.id } },
      select: { checkedInAt: true },
    });
    return {
      name: person.name,
      checkpoint: checkpoint.name,
      already: true,
      time: formatEventTime(first.checkedInAt, event.timeZone),
    };
  });
}

/** Takes back a check-in made by mistake; attendance follows the check-ins that remain. */
export async function undoCheckIn(actor: Actor, slug: string, input: { registrationId: string; checkpointId: string }) {
  const { event } = await authorizeEvent(actor, { slug }, "checkIn");
  return prisma.$transaction(async (tx) => {
    const checkpoint = await checkpointIn(tx, event.id, input.checkpointId);
    const registration = await tx.registration.findFirst({
      where: { id: input.registrationId, eventId: event.id },
      select: personSelect,
    });
    if (!registration) throw notFound("That person is not registered for this event.");
    const name = registration.user?.displayName ?? registration.guestName;
    const { count } = await tx.checkIn.deleteMany({
      where: { registrationId: registration.id, checkpointId: checkpoint.id },
    });
    if (count === 0) throw conflict(`${name} is not checked in at ${checkpoint.name}.`);
    const earliest = await tx.checkIn.findFirst({
      where: { registrationId: registration.id },
      orderBy: { checkedInAt: "asc" },
      select: { checkedInAt: true },
    });
    await tx.registration.update({
      where: { id: registration.id },
      data: { attendedAt: earliest?.checkedInAt ?? null },
    });
    return { name, checkpoint: checkpoint.name };
  });
}

/**
 * Adds someone at the door: a confirmed place (a walk-in) checked in at the checkpoint, if the
 * event has a place left, counted under the event's lock. An email address that belongs to an
 * account links the place to it; someone already registered who holds no place (waitlisted,
 * offered, cancelled) has their registration turned into the walk-in place.
 */
export async function addWalkIn(
  actor: Actor,
  slug: string,
  input: { name: string; email?: string; checkpointId: string },
  now = new Date(),
): Promise<CheckInResult & { ticketCode: string }> {
  return prisma.$transaction(async (tx) => {
    const ref = await tx.event.findUnique({ where: { slug }, select: { id: true } });
    if (ref) await lockEvent(tx, ref.id);
    const { event } = await authorizeEvent(actor, { slug }, "checkIn", tx);
    if (!walkInsOpen(event, now))
      throw forbidden(`Walk-ins for “${event.title}” can be added from the day it starts until it ends.`);
    const checkpoint = await checkpointIn(tx, event.id, input.checkpointId);
    const taken = await placesTaken(tx, event.id);
    if (taken >= event.capacity) throw conflict(`The event is full (${taken} of ${event.capacity} places).`, "name");

    const email = (input.email ?? "").trim().toLowerCase();
    const user = email ? await tx.user.findUnique({ where: { email }, select: { id: true, displayName: true } }) : null;
    const existing = user
      ? await tx.registration.findUnique({
          where: { eventId_userId: { eventId: event.id, userId: user.id } },
          select: { id: true, status: true, ticketCode: true },
        })
      : email
        ? await tx.registration.findFirst({
            where: { eventId: event.id, userId: null, guestEmail: email },
            select: { id: true, status: true, ticketCode: true },
          })
        : null;
    if (existing?.status === "confirmed")
      throw conflict(
        `${user?.displayName ?? input.name} already has a place: search for them by name to check them in.`,
        "email",
      );

    let registration: { id: string; ticketCode: string };
    const place = {
      status: "confirmed" as const,
      walkIn: true,
      confirmedAt: now,
      offeredAt: null,
      offerExpiresAt: null,
      cancelledAt: null,
      waitlistedAt: null,
    };
    if (existing) {
      registration = await tx.registration.update({
        where: { id: existing.id },
        data: place,
        select: { id: true, ticketCode: true },
      });
    } else {
      registration = await createWithFreshCode(tx, {
        eventId: event.id,
        userId: user?.id ?? null,
        guestName: user ? "" : input.name,
        guestEmail: user ? "" : email,
        ...place,
      });
    }
    await insertCheckIn(tx, { registrationId: registration.id, checkpointId: checkpoint.id, actorId: actor.id, now });
    return {
      name: user?.displayName ?? input.name,
      checkpoint: checkpoint.name,
      already: false,
      time: formatEventTime(now, event.timeZone),
      ticketCode: registration.ticketCode,
    };
  });
}

async function createWithFreshCode(tx: Tx, data: Omit<Prisma.RegistrationUncheckedCreateInput, "ticketCode">) {
  // A clash inside a transaction would abort it, so look before choosing; 32^8 codes make a
  // second try almost never needed.
  for (;;) {
    const ticketCode = newTicketCode();
    const clash = await tx.registration.findUnique({
      where: { eventId_ticketCode: { eventId: data.eventId, ticketCode } },
      select: { id: true },
    });
    if (!clash)
      return tx.registration.create({ data: { ...data, ticketCode }, select: { id: true, ticketCode: true } });
  }
}
