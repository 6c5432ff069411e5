import type { Prisma } from "~/generated/prisma/client";
import { notify } from "~/models/notifications/notify.server";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, forbidden, invalid, notFound } from "~/models/platform/errors";
import { absoluteUrl, queueMail } from "~/models/platform/mail.server";
import { membershipRole } from "~/models/platform/policy.server";
import { uniqueSlug } from "~/models/platform/slug.server";
import { authorizeEvent, type EventRef } from "~/models/events/policy.server";
import type { AgendaItemInput, EventInput } from "~/models/events/schemas";
import { parseTime } from "~/models/events/schemas";
import { formatEventRange, utcToZonedParts, zonedToUtc } from "~/models/events/time";
import { HOLDS_A_PLACE, lockEvent, placesTaken } from "~/models/registrations/capacity.server";
import { prisma } from "~/services/db.server";

// Organisers' writes to an event: create and edit, featured challenges, agenda, checkpoints,
// and the lifecycle draft → published → cancelled | finished. Each asks the events policy
// first and writes its audit entry in the same transaction. A change that could take places
// away (capacity) locks the event's row first, as every registration does.

type Tx = Prisma.TransactionClient;
const HOUR = 3_600_000;

/** Challenges an event may feature: open or in progress, of councils the hub serves. */
export const FEATURABLE_STATUSES = ["open", "in_progress"] as const;

/** Default judging criteria of a hack day; judging/ edits them later. */
export const DEFAULT_CRITERIA = [
  { name: "Quality of the work", description: "How well does it work, and how well is it made?", weight: 3, adoption: false },
  { name: "Use of open data", description: "How well does it use the council's and other open data?", weight: 2, adoption: false },
  {
    name: "Could we adopt this?",
    description: "Could the council use this, or something built from it, within a year?",
    weight: 3,
    adoption: true,
  },
] as const;

/** The hub, if `actor` may create events for it (its organisers and admins). */
export async function authorizeEventCreation(actor: Actor, hubSlug: string) {
  const hub = await prisma.organisation.findUnique({
    where: { slug: hubSlug },
    select: { id: true, slug: true, name: true, kind: true },
  });
  if (!hub || hub.kind !== "hub") throw notFound("There is no such hub.");
  if (!actor.isAdmin && (await membershipRole(actor.id, hub.id)) === null) {
    throw forbidden(`Only organisers of ${hub.name} can create its events.`);
  }
  return { id: hub.id, slug: hub.slug, name: hub.name };
}

export async function createEvent(actor: Actor, hubSlug: string, input: EventInput): Promise<{ slug: string }> {
  const hub = await authorizeEventCreation(actor, hubSlug);
  return prisma.$transaction(async (tx) => {
    const slug = await uniqueSlug(tx, "events", input.title, {
      taken: async (candidates) =>
        (await tx.event.findMany({ where: { slug: { in: candidates } }, select: { slug: true } })).map((e) => e.slug),
    });
    const event = await tx.event.create({
      data: {
        ...input,
        slug,
        hubId: hub.id,
        status: "draft",
        createdById: actor.id,
        checkpoints: { create: [{ name: "Arrival", position: 0 }] },
        criteria:
          input.kind === "hack_day"
            ? { create: DEFAULT_CRITERIA.map((criterion, position) => ({ ...criterion, position })) }
            : undefined,
      },
      select: { id: true, slug: true },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "event.create",
      subjectType: "event",
      subjectId: event.id,
      organisationId: hub.id,
      details: { title: input.title },
    });
    return { slug: event.slug };
  });
}

/** The event form's values for an existing event, as the organiser typed them (in its zone). */
export async function getEventForEditing(actor: Actor, slug: string) {
  const { event } = await authorizeEvent(actor, { slug }, "manage");
  const row = await prisma.event.findUniqueOrThrow({ where: { id: event.id } });
  const boxes = (instant: Date | null) => {
    if (!instant) return { day: "", month: "", year: "" };
    const { date } = utcToZonedParts(instant, row.timeZone);
    const [year, month, day] = date.split("-");
    return { day: String(Number(day)), month: String(Number(month)), year: year! };
  };
  const time = (instant: Date | null) => (instant ? utcToZonedParts(instant, row.timeZone).time : "");
  const answer = (value: boolean | null) => (value === null ? "unknown" : value ? "yes" : "no");
  return {
    event: { slug: row.slug, title: row.title, status: row.status, hub: event.hub },
    values: {
      kind: row.kind,
      title: row.title,
      description: row.description,
      timeZone: row.timeZone,
      startDate: boxes(row.startsAt),
      startTime: time(row.startsAt),
      endDate: boxes(row.endsAt),
      endTime: time(row.endsAt),
      venueName: row.venueName,
      venueAddress: row.venueAddress,
      venuePostcode: row.venuePostcode,
      onlineUrl: row.onlineUrl,
      stepFreeAccess: answer(row.stepFreeAccess),
      hearingLoop: answer(row.hearingLoop),
      quietRoom: answer(row.quietRoom),
      accessibleToilets: answer(row.accessibleToilets),
      nearestStation: row.nearestStation,
      accessibilityNotes: row.accessibilityNotes,
      capacity: String(row.capacity),
      registrationOpensDate: boxes(row.registrationOpensAt),
      registrationOpensTime: time(row.registrationOpensAt),
      registrationClosesDate: boxes(row.registrationClosesAt),
      registrationClosesTime: time(row.registrationClosesAt),
      codeOfConduct: row.codeOfConduct,
      teamSizeMin: String(row.teamSizeMin),
      teamSizeMax: String(row.teamSizeMax),
      offerHours: String(row.offerHours),
    },
  };
}

function refuseIfOver(event: EventRef) {
  if (event.status === "cancelled" || event.status === "finished") {
    throw conflict(`“${event.title}” is ${event.status}, so it can no longer be changed.`);
  }
}

export async function updateEvent(actor: Actor, slug: string, input: EventInput): Promise<{ slug: string }> {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "manage", tx);
    refuseIfOver(event);
    // Capacity decides who holds a place: read the places taken under the lock registrations take.
    await lockEvent(tx, event.id);
    const taken = await placesTaken(tx, event.id);
    if (input.capacity < taken) {
      throw invalid(
        `Capacity cannot be lower than the ${taken} place${taken === 1 ? "" : "s"} already taken. Cancel registrations first, or choose ${taken} or more.`,
        "capacity",
      );
    }
    if (event.kind !== input.kind && (await tx.eventTeam.count({ where: { eventId: event.id } })) > 0) {
      throw invalid("Teams have formed, so the kind of event cannot change.", "kind");
    }
    await tx.event.update({ where: { id: event.id }, data: input });
    await audit(tx, {
      actorId: actor.id,
      action: "event.update",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { title: input.title },
    });
    return { slug: event.slug };
  });
}

// ---------------------------------------------------------------------------------------
// Featured challenges
// ---------------------------------------------------------------------------------------

/** Councils the hub serves: those in its regions and those it chose. */
function servedBy(hub: { id: string; servesRegions: string[] }): Prisma.OrganisationWhereInput {
  return {
    kind: "council",
    OR: [
      ...(hub.servesRegions.length > 0 ? [{ region: { in: hub.servesRegions } }] : []),
      { servedByHubs: { some: { hubId: hub.id } } },
    ],
  };
}

/** The challenges the event features (in order), and those it could feature. */
export async function getFeaturedChallengesPage(actor: Actor, slug: string, query = "") {
  const { event } = await authorizeEvent(actor, { slug }, "manage");
  const hub = await prisma.organisation.findUniqueOrThrow({ where: { id: event.hubId }, select: { id: true, servesRegions: true } });
  const featured = await prisma.eventChallenge.findMany({
    where: { eventId: event.id },
    orderBy: [{ position: "asc" }, { challengeId: "asc" }],
    select: { challenge: { select: { id: true, slug: true, title: true, status: true, organisation: { select: { name: true } } } } },
  });
  const words = query.trim().toLowerCase();
  const candidates = await prisma.challenge.findMany({
    where: { status: { in: [...FEATURABLE_STATUSES] }, organisation: servedBy(hub) },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    take: 500,
    select: { id: true, slug: true, title: true, status: true, organisation: { select: { name: true } } },
  });
  // Filtered here rather than with a pattern in SQL: the list is a hub's open challenges, short.
  const available = candidates.filter(
    (c) => !words || c.title.toLowerCase().includes(words) || c.organisation.name.toLowerCase().includes(words),
  );
  return {
    event: { slug: event.slug, title: event.title, status: event.status, kind: event.kind },
    featured: featured.map((f) => ({ ...f.challenge, council: f.challenge.organisation.name })),
    available: available.map((c) => ({ id: c.id, slug: c.slug, title: c.title, status: c.status, council: c.organisation.name })),
  };
}

export async function setFeaturedChallenges(actor: Actor, slug: string, challengeIds: string[]) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "manage", tx);
    refuseIfOver(event);
    // Concurrent changes to one event queue here, so each sees the other's result.
    await lockEvent(tx, event.id);
    const hub = await tx.organisation.findUniqueOrThrow({ where: { id: event.hubId }, select: { id: true, servesRegions: true } });
    const current = await tx.eventChallenge.findMany({ where: { eventId: event.id }, orderBy: { position: "asc" }, select: { challengeId: true } });
    const wanted = [...new Set(challengeIds)];
    const currentIds = new Set(current.map((c) => c.challengeId));
    const added = wanted.filter((id) => !currentIds.has(id));
    if (added.length > 0) {
      const allowed = await tx.challenge.count({
        where: { id: { in: added }, status: { in: [...FEATURABLE_STATUSES] }, organisation: servedBy(hub) },
      });
      if (allowed !== added.length) {
        throw invalid("Choose only open or in-progress challenges of councils the hub serves.", "challengeIds");
      }
    }
    const removed = current.filter((c) => !wanted.includes(c.challengeId)).map((c) => c.challengeId);
    if (removed.length > 0) {
      const teams = await tx.eventTeam.count({ where: { eventId: event.id, challengeId: { in: removed } } });
      if (teams > 0) throw invalid("Teams are working on a challenge you unticked, so it must stay featured.", "challengeIds");
      if (event.kind === "hack_day" && event.status === "published" && wanted.length === 0) {
        throw invalid("A published hack day must feature at least one challenge.", "challengeIds");
      }
      await tx.eventChallenge.deleteMany({ where: { eventId: event.id, challengeId: { in: removed } } });
    }
    const kept = current.filter((c) => wanted.includes(c.challengeId)).length;
    for (const [i, challengeId] of added.entries()) {
      await tx.eventChallenge.create({ data: { eventId: event.id, challengeId, position: kept + i } });
    }
    await audit(tx, {
      actorId: actor.id,
      action: "event.feature_challenges",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { added: added.length, removed: removed.length },
    });
    return { count: wanted.length };
  });
}

export async function moveFeaturedChallengeUp(actor: Actor, slug: string, challengeId: string) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "manage", tx);
    refuseIfOver(event);
    // Concurrent changes to one event queue here, so each sees the other's result.
    await lockEvent(tx, event.id);
    const rows = await tx.eventChallenge.findMany({
      where: { eventId: event.id },
      orderBy: [{ position: "asc" }, { challengeId: "asc" }],
      select: { challengeId: true },
    });
    const ids = rows.map((r) => r.challengeId);
    const at = ids.indexOf(challengeId);
    if (at < 0) throw notFound("That challenge is not featured.");
    if (at > 0) [ids[at - 1], ids[at]] = [ids[at]!, ids[at - 1]!];
    for (const [position, id] of ids.entries()) {
      await tx.eventChallenge.update({ where: { eventId_challengeId: { eventId: event.id, challengeId: id } }, data: { position } });
    }
  });
}

// ---------------------------------------------------------------------------------------
// Agenda and checkpoints
// ---------------------------------------------------------------------------------------

/** Each calendar day the event covers, in its zone, as "YYYY-MM-DD" (at most 14). */
export function eventDays(event: Pick<EventRef, "startsAt" | "endsAt" | "timeZone">): string[] {
  const days: string[] = [];
  const last = utcToZonedParts(event.endsAt, event.timeZone).date;
  let day = utcToZonedParts(event.startsAt, event.timeZone).date;
  while (days.length < 14) {
    days.push(day);
    if (day >= last) break;
    const next = new Date(`${day}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    day = next.toISOString().slice(0, 10);
  }
  return days;
}

export async function getAgendaPage(actor: Actor, slug: string) {
  const { event } = await authorizeEvent(actor, { slug }, "manage");
  const [items, checkpoints] = await Promise.all([
    prisma.agendaItem.findMany({
      where: { eventId: event.id },
      orderBy: [{ startsAt: "asc" }, { position: "asc" }],
      select: { id: true, startsAt: true, endsAt: true, title: true, description: true },
    }),
    prisma.checkpoint.findMany({
      where: { eventId: event.id },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { id: true, name: true, _count: { select: { checkIns: true } } },
    }),
  ]);
  return {
    event: { slug: event.slug, title: event.title, status: event.status, startsAt: event.startsAt, endsAt: event.endsAt, timeZone: event.timeZone },
    days: eventDays(event),
    items: items.map((item) => ({
      ...item,
      day: utcToZonedParts(item.startsAt, event.timeZone).date,
      startTime: utcToZonedParts(item.startsAt, event.timeZone).time,
      endTime: item.endsAt ? utcToZonedParts(item.endsAt, event.timeZone).time : "",
    })),
    checkpoints: checkpoints.map((c) => ({ id: c.id, name: c.name, checkIns: c._count.checkIns })),
  };
}

export async function saveAgendaItem(actor: Actor, slug: string, input: Omit<AgendaItemInput, "intent">) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "manage", tx);
    refuseIfOver(event);
    // Concurrent changes to one event queue here, so each sees the other's result.
    await lockEvent(tx, event.id);
    if (!eventDays(event).includes(input.day)) throw invalid("Choose one of the event's days", "day");
    const startsAt = zonedToUtc(input.day, parseTime(input.startTime) ?? "", event.timeZone);
    if (!startsAt) throw invalid("Start time must be a time, like 9:30am or 14:00", "startTime");
    const endsAt = input.endTime ? zonedToUtc(input.day, parseTime(input.endTime) ?? "", event.timeZone) : null;
    if (input.endTime && !endsAt) throw invalid("End time must be a time, like 10am or 15:30", "endTime");
    const range = formatEventRange(event.startsAt, event.endsAt, event.timeZone);
    if (startsAt < event.startsAt || startsAt >= event.endsAt) throw invalid(`Start time must be during the event (${range})`, "startTime");
    if (endsAt && endsAt <= startsAt) throw invalid("End time must be after the start time", "endTime");
    if (endsAt && endsAt > event.endsAt) throw invalid(`End time must be during the event (${range})`, "endTime");
    const data = { startsAt, endsAt, title: input.title, description: input.description };
    if (input.itemId) {
      const updated = await tx.agendaItem.updateMany({ where: { id: input.itemId, eventId: event.id }, data });
      if (updated.count === 0) throw notFound("That agenda item is not on this event's agenda.");
    } else {
      await tx.agendaItem.create({ data: { ...data, eventId: event.id } });
    }
    await audit(tx, {
      actorId: actor.id,
      action: "event.change_agenda",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { title: input.title },
    });
  });
}

export async function removeAgendaItem(actor: Actor, slug: string, itemId: string) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "manage", tx);
    refuseIfOver(event);
    // Concurrent changes to one event queue here, so each sees the other's result.
    await lockEvent(tx, event.id);
    const item = await tx.agendaItem.findFirst({ where: { id: itemId, eventId: event.id }, select: { title: true } });
    if (!item) throw notFound("That agenda item is not on this event's agenda.");
    await tx.agendaItem.deleteMany({ where: { id: itemId, eventId: event.id } });
    await audit(tx, {
      actorId: actor.id,
      action: "event.change_agenda",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { removed: item.title },
    });
    return item;
  });
}

export async function addCheckpoint(actor: Actor, slug: string, name: string) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "manage", tx);
    refuseIfOver(event);
    // Concurrent changes to one event queue here, so each sees the other's result.
    await lockEvent(tx, event.id);
    const existing = await tx.checkpoint.findMany({ where: { eventId: event.id }, select: { name: true, position: true } });
    const key = name.trim().toLowerCase();
    if (existing.some((c) => c.name.trim().toLowerCase() === key)) throw invalid(`There is already a checkpoint called ${name}`, "name");
    if (existing.length >= 20) throw invalid("An event can have at most 20 checkpoints", "name");
    await tx.checkpoint.create({ data: { eventId: event.id, name, position: Math.max(-1, ...existing.map((c) => c.position)) + 1 } });
  });
}

export async function removeCheckpoint(actor: Actor, slug: string, checkpointId: string) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "manage", tx);
    refuseIfOver(event);
    // Concurrent changes to one event queue here, so each sees the other's result.
    await lockEvent(tx, event.id);
    const checkpoint = await tx.checkpoint.findFirst({
      where: { id: checkpointId, eventId: event.id },
      select: { name: true, _count: { select: { checkIns: true } } },
    });
    if (!checkpoint) throw notFound("That checkpoint is not on this event.");
    if (checkpoint._count.checkIns > 0) throw conflict(`People have been checked in at ${checkpoint.name}, so it stays.`);
    if ((await tx.checkpoint.count({ where: { eventId: event.id } })) <= 1) throw conflict("An event needs at least one checkpoint.");
    await tx.checkpoint.deleteMany({ where: { id: checkpointId, eventId: event.id } });
    return checkpoint;
  });
}

// ---------------------------------------------------------------------------------------
// Lifecycle
// ---------------------------------------------------------------------------------------

/** What stops the event being published, each in words (empty: it may be published). */
export async function publishProblems(tx: Tx | typeof prisma, eventId: string, now = new Date()): Promise<string[]> {
  const row = await tx.event.findUniqueOrThrow({
    where: { id: eventId },
    select: { title: true, kind: true, startsAt: true, venueName: true, onlineUrl: true, capacity: true, _count: { select: { challenges: true } } },
  });
  const problems: string[] = [];
  if (!row.title.trim()) problems.push("Give the event a title.");
  if (row.startsAt <= now) problems.push("The event must start in the future. Change its start date.");
  if (!row.venueName && !row.onlineUrl) problems.push("Add a venue or an online link.");
  if (row.capacity < 1) problems.push("Set how many places there are.");
  if (row.kind === "hack_day" && row._count.challenges === 0) problems.push("Feature at least one challenge: teams at a hack day form around them.");
  return problems;
}

export async function publishEvent(actor: Actor, slug: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "manage", tx);
    if (event.status !== "draft") throw conflict(`“${event.title}” is already ${event.status}.`);
    const problems = await publishProblems(tx, event.id, now);
    if (problems.length > 0) throw invalid(`“${event.title}” cannot be published yet. ${problems.join(" ")}`);
    await tx.event.update({ where: { id: event.id }, data: { status: "published", publishedAt: now } });
    await audit(tx, { actorId: actor.id, action: "event.publish", subjectType: "event", subjectId: event.id, organisationId: event.hubId });
    return event;
  });
}

/**
 * Cancels the event for good. Everyone holding or waiting for a place is told (in the app and by
 * email, or by email alone for a walk-in without an account) and their registration is cancelled.
 */
export async function cancelEvent(actor: Actor, slug: string, reason: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "manage", tx);
    if (event.status === "cancelled" || event.status === "finished") throw conflict(`“${event.title}” is already ${event.status}.`);
    await lockEvent(tx, event.id);
    const affected = await tx.registration.findMany({
      where: { eventId: event.id, status: { in: [...HOLDS_A_PLACE, "waitlisted"] } },
      select: { id: true, userId: true, guestName: true, guestEmail: true },
    });
    await tx.registration.updateMany({
      where: { id: { in: affected.map((r) => r.id) } },
      data: { status: "cancelled", cancelledAt: now },
    });
    await tx.event.update({ where: { id: event.id }, data: { status: "cancelled", cancelledAt: now, cancelReason: reason } });
    const when = formatEventRange(event.startsAt, event.endsAt, event.timeZone);
    const body = `${event.hub.name} has cancelled “${event.title}” (${when}).${reason ? ` Their reason: ${reason}` : ""} Your registration is cancelled; you do not need to do anything.`;
    for (const registration of affected) {
      if (registration.userId) {
        await notify(tx, {
          userId: registration.userId,
          kind: "event.cancelled",
          title: `“${event.title}” is cancelled`,
          body,
          href: `/events/${event.slug}`,
        });
      } else if (registration.guestEmail) {
        await queueMail(tx, registration.guestEmail, "event-cancelled", {
          name: registration.guestName || "there",
          title: event.title,
          body,
          link: absoluteUrl(`/events/${event.slug}`),
        });
      }
    }
    await audit(tx, {
      actorId: actor.id,
      action: "event.cancel",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { reason, registrationsCancelled: affected.length },
    });
    return { event, told: affected.length };
  });
}

export async function finishEvent(actor: Actor, slug: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "manage", tx);
    if (event.status !== "published") throw conflict(`Only a published event can be finished; “${event.title}” is ${event.status}.`);
    if (event.startsAt > now) throw conflict(`“${event.title}” has not started yet, so it cannot be finished.`);
    await tx.event.update({ where: { id: event.id }, data: { status: "finished", finishedAt: now } });
    await audit(tx, { actorId: actor.id, action: "event.finish", subjectType: "event", subjectId: event.id, organisationId: event.hubId });
    return event;
  });
}

/**
 * Finishes published events that ended more than 12 hours ago (organisers often forget). Each
 * row is claimed with a conditional update, so two workers never finish one twice.
 */
export async function finishEndedEvents(now = new Date()): Promise<number> {
  const due = await prisma.event.findMany({
    where: { status: "published", endsAt: { lt: new Date(now.getTime() - 12 * HOUR) } },
    select: { id: true, hubId: true },
    take: 500,
  });
  let finished = 0;
  for (const event of due) {
    await prisma.$transaction(async (tx) => {
      const claimed = await tx.event.updateMany({ where: { id: event.id, status: "published" }, data: { status: "finished", finishedAt: now } });
      if (claimed.count === 0) return;
      finished++;
      await audit(tx, {
        actorId: null,
        action: "event.finish",
        subjectType: "event",
        subjectId: event.id,
        organisationId: event.hubId,
        details: { via: "ended more than 12 hours ago" },
      });
    });
  }
  return finished;
}
