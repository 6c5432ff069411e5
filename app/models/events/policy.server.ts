import type { EventKind, EventStatus, Prisma, RegistrationStatus } from "~/generated/prisma/client";
import type { Actor } from "~/models/platform/actor";
import { forbidden, notFound } from "~/models/platform/errors";
import { membershipRole } from "~/models/platform/policy.server";
import { prisma } from "~/services/db.server";

// The events policy: one answer per person and event, asked by every model function in
// events/, registrations/, event-teams/ and judging/ before it reads restricted fields or writes.
//
// - Everyone sees a published, cancelled or finished event: its page, agenda, venue and its
//   accessibility, featured challenges, announced awards, the showcase.
// - A draft is seen only by the organisers: the members of the hub that runs the event (and
//   admins). Organisers edit, publish, cancel, see registrations and — only they — attendees'
//   dietary and access needs, check people in, form teams, run judging and voting.
// - A registered person sees their own registration and ticket; an attendee (checked in) may
//   vote for people's choice. Judges are not actors: they come with the link in their
//   invitation, and judging/ checks that token itself.

type Db = Prisma.TransactionClient | typeof prisma;

export interface EventRef {
  id: string;
  slug: string;
  title: string;
  kind: EventKind;
  status: EventStatus;
  hubId: string;
  hub: { id: string; slug: string; name: string };
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  capacity: number;
}

export const eventRefSelect = {
  id: true,
  slug: true,
  title: true,
  kind: true,
  status: true,
  hubId: true,
  hub: { select: { id: true, slug: true, name: true } },
  startsAt: true,
  endsAt: true,
  timeZone: true,
  capacity: true,
} satisfies Prisma.EventSelect;

export async function loadEventRef(db: Db, where: { id: string } | { slug: string }): Promise<EventRef | null> {
  return db.event.findUnique({ where, select: eventRefSelect });
}

export interface EventAccess {
  view: boolean;
  /** Member of the hub running the event, or admin. */
  organiser: boolean;
  /** Create, edit, publish, cancel, finish; agenda, featured challenges, checkpoints. */
  manage: boolean;
  /** Registrations list and exports, with names and emails. */
  viewRegistrations: boolean;
  /** Dietary and access needs: organisers only. */
  viewNeeds: boolean;
  checkIn: boolean;
  formTeams: boolean;
  runJudging: boolean;
  /** May register now (signed in, published, window open; capacity decides confirmed or waitlisted). */
  register: boolean;
  /** Checked in at the event and not cancelled: may vote for people's choice. */
  attendee: boolean;
  /** The person's own registration, if any. */
  registration: { id: string; status: RegistrationStatus; attendedAt: Date | null } | null;
}

const NONE: EventAccess = {
  view: false,
  organiser: false,
  manage: false,
  viewRegistrations: false,
  viewNeeds: false,
  checkIn: false,
  formTeams: false,
  runJudging: false,
  register: false,
  attendee: false,
  registration: null,
};

/** Whether the public may see the event at all. */
export const isPublicEvent = (event: Pick<EventRef, "status">) => event.status !== "draft";

/** Registration is open: published, and now inside the window (if the organisers set one), before the end. */
export async function registrationWindowOpen(
  event: Pick<EventRef, "id" | "status" | "endsAt">,
  db: Db = prisma,
  now = new Date(),
): Promise<boolean> {
  if (event.status !== "published" || event.endsAt <= now) return false;
  const row = await db.event.findUnique({
    where: { id: event.id },
    select: { registrationOpensAt: true, registrationClosesAt: true },
  });
  if (!row) return false;
  if (row.registrationOpensAt && row.registrationOpensAt > now) return false;
  if (row.registrationClosesAt && row.registrationClosesAt <= now) return false;
  return true;
}

export async function isEventOrganiser(actor: Actor | null, event: Pick<EventRef, "hubId">, db: Db = prisma) {
  if (!actor) return false;
  if (actor.isAdmin) return true;
  return (await membershipRole(actor.id, event.hubId, db)) !== null;
}

/** What `actor` may do with `event`. Pass `db` inside a transaction to read through its locks. */
export async function eventAccess(actor: Actor | null, event: EventRef, db: Db = prisma, now = new Date()): Promise<EventAccess> {
  const publicEvent = isPublicEvent(event);
  if (!actor) return { ...NONE, view: publicEvent };
  const organiser = await isEventOrganiser(actor, event, db);
  const registration = await db.registration.findUnique({
    where: { eventId_userId: { eventId: event.id, userId: actor.id } },
    select: { id: true, status: true, attendedAt: true },
  });
  const holds = registration !== null && (registration.status === "confirmed" || registration.status === "offered");
  const windowOpen = await registrationWindowOpen(event, db, now);
  return {
    view: publicEvent || organiser,
    organiser,
    manage: organiser,
    viewRegistrations: organiser,
    viewNeeds: organiser,
    checkIn: organiser && event.status !== "draft" && event.status !== "cancelled",
    formTeams: organiser && event.status !== "draft" && event.status !== "cancelled",
    runJudging: organiser && event.status !== "draft" && event.status !== "cancelled",
    register: windowOpen && actor.emailVerifiedAt !== null && (registration === null || !holds && registration.status !== "waitlisted"),
    attendee: registration !== null && registration.attendedAt !== null && registration.status === "confirmed",
    registration,
  };
}

export type EventCapability = Exclude<keyof EventAccess, "registration">;

const needs: Record<EventCapability, (event: EventRef) => string> = {
  view: () => "You cannot see this event.",
  organiser: (e) => `Only organisers of ${e.hub.name} can do this.`,
  manage: (e) => `Only organisers of ${e.hub.name} can change “${e.title}”.`,
  viewRegistrations: (e) => `Only organisers of ${e.hub.name} can see who registered for “${e.title}”.`,
  viewNeeds: (e) => `Only organisers of ${e.hub.name} can see attendees’ dietary and access needs.`,
  checkIn: (e) =>
    e.status === "draft" || e.status === "cancelled"
      ? `“${e.title}” is ${e.status === "draft" ? "not published yet" : "cancelled"}, so nobody can be checked in.`
      : `Only organisers of ${e.hub.name} can check people in.`,
  formTeams: (e) => `Only organisers of ${e.hub.name} can arrange the teams of “${e.title}”.`,
  runJudging: (e) => `Only organisers of ${e.hub.name} can run the judging of “${e.title}”.`,
  register: (e) =>
    e.status === "cancelled"
      ? `“${e.title}” has been cancelled.`
      : e.status === "finished"
        ? `“${e.title}” has finished.`
        : `Registration for “${e.title}” is not open. Sign in with a confirmed email address while registration is open.`,
  attendee: () => "Only people checked in at the event can do this.",
};

/**
 * The event and what `actor` may do with it, or a DomainError: not_found when they may not even
 * see it (a draft is not revealed), forbidden saying what they would need.
 */
export async function authorizeEvent(
  actor: Actor | null,
  where: { id: string } | { slug: string },
  capability: EventCapability,
  db: Db = prisma,
): Promise<{ event: EventRef; access: EventAccess }> {
  const event = await loadEventRef(db, where);
  if (!event) throw notFound("There is no such event.");
  const access = await eventAccess(actor, event, db);
  if (!access.view) throw notFound("There is no such event.");
  if (!access[capability]) throw forbidden(needs[capability](event));
  return { event, access };
}
