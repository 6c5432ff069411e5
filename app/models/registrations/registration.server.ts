import type { Prisma, RegistrationStatus } from "~/generated/prisma/client";
import { authorizeEvent, eventAccess, loadEventRef } from "~/models/events/policy.server";
import { formatEventRange } from "~/models/events/time";
import { notify } from "~/models/notifications/notify.server";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, forbidden, gone, invalid, notFound } from "~/models/platform/errors";
import { HOLDS_A_PLACE, lockEvent } from "~/models/registrations/capacity.server";
import { writeRegistration } from "~/models/registrations/internal/write.server";
import { CHOICE_FIELDS, type RegisterInput } from "~/models/registrations/schemas";
import { deadlineWords, fillFreePlaces } from "~/models/registrations/waitlist.server";
import { renderMarkdown } from "~/services/markdown.server";
import { prisma } from "~/services/db.server";

// Registering for an event, cancelling, and confirming a place offered from the waiting list.
// Every change that takes or frees a place runs in one transaction that first locks the event
// (lockEvent), so the count of places taken cannot change underneath it: 20 people registering
// at once for the last 5 places get 5 places and 15 places in the queue, in the order the lock
// let them in.

const ACTIVE: RegistrationStatus[] = ["confirmed", "offered", "waitlisted"];

/** What the registration page shows: the event, the choices, the person's skills, or their status. */
export async function registrationPage(actor: Actor | null, slug: string) {
  const { event, access } = await authorizeEvent(actor, { slug }, "view");
  const details = await prisma.event.findUniqueOrThrow({
    where: { id: event.id },
    select: {
      codeOfConduct: true,
      challenges: { orderBy: { position: "asc" }, select: { challenge: { select: { id: true, title: true } } } },
    },
  });
  const skills = actor
    ? await prisma.profileSkill.findMany({
        where: { userId: actor.id },
        select: { skill: { select: { name: true } } },
        orderBy: { skill: { name: "asc" } },
      })
    : [];
  return {
    event: {
      slug: event.slug,
      title: event.title,
      status: event.status,
      when: formatEventRange(event.startsAt, event.endsAt, event.timeZone),
      codeOfConductHtml: details.codeOfConduct ? renderMarkdown(details.codeOfConduct) : "",
    },
    challenges: details.challenges.map(({ challenge }) => ({ id: challenge.id, title: challenge.title })),
    skills: skills.map(({ skill }) => skill.name),
    mayRegister: access.register,
    registration:
      access.registration && ACTIVE.includes(access.registration.status)
        ? { status: access.registration.status }
        : null,
    signedIn: actor !== null,
    emailConfirmed: actor?.emailVerifiedAt != null,
  };
}

/**
 * Registers `actor` for the event: a place if one is free and nobody is waiting for it, else a
 * place on the waiting list. Registering again after cancelling (or an offer running out)
 * reuses the row, at the back of the queue.
 */
export async function register(actor: Actor, slug: string, input: RegisterInput, now = new Date()) {
  // Refused before queueing for the lock: an event they may not see, choices not featured.
  const { event: ref } = await authorizeEvent(actor, { slug }, "view");
  const featured = new Set(
    (await prisma.eventChallenge.findMany({ where: { eventId: ref.id }, select: { challengeId: true } })).map(
      (row) => row.challengeId,
    ),
  );
  const choices: { challengeId: string; rank: number }[] = [];
  CHOICE_FIELDS.forEach((field, i) => {
    const challengeId = input[field];
    if (!challengeId) return;
    if (!featured.has(challengeId)) throw invalid("Choose one of the challenges this event features", field);
    choices.push({ challengeId, rank: i + 1 });
  });

  // Registrations for one event take turns on its row lock: a room registering at once queues
  // here, so this transaction may wait longer than the default to start, and holds the lock
  // for as few queries as it can.
  return prisma.$transaction(
    async (tx) => {
      await lockEvent(tx, ref.id);
      // Asked again after the lock: the window, the status and an earlier registration are now fixed.
      const event = await loadEventRef(tx, { id: ref.id });
      if (!event) throw notFound("There is no such event.");
      const access = await eventAccess(actor, event, tx, now);
      if (access.registration && ACTIVE.includes(access.registration.status)) {
        throw conflict("You are already registered for this event. Your ticket page shows your place.");
      }
      if (!access.register) {
        throw forbidden(
          actor.emailVerifiedAt
            ? `Registration for “${event.title}” is not open.`
            : "Confirm your email address before you register.",
        );
      }

      let counts = await countByStatus(tx, event.id);
      // Places free while people wait belong to them (offers the job has not made yet): offer
      // them first, then count again.
      if (counts.waiting > 0 && counts.taken < event.capacity) {
        await fillFreePlaces(tx, event.id, now);
        counts = await countByStatus(tx, event.id);
      }
      const status: RegistrationStatus =
        counts.taken < event.capacity && counts.waiting === 0 ? "confirmed" : "waitlisted";
      await writeRegistration(tx, {
        eventId: event.id,
        userId: actor.id,
        existingId: access.registration?.id ?? null,
        status,
        input,
        choices,
        at: now,
      });

      // Everyone already waiting joined before this, under the same lock.
      const position = status === "waitlisted" ? counts.waiting + 1 : null;
      await notify(tx, {
        userId: actor.id,
        kind: "event.registration",
        title:
          status === "confirmed"
            ? `You have a place at “${event.title}”`
            : `You are on the waiting list for “${event.title}”, number ${position}`,
        body:
          status === "confirmed"
            ? `${formatEventRange(event.startsAt, event.endsAt, event.timeZone)}. Your ticket has the code to show at the door.`
            : "If a place comes free, we will offer it to you and you will have a deadline to confirm it.",
        href: `/events/${event.slug}/ticket`,
      });
      return { status, position };
    },
    { maxWait: 60_000, timeout: 60_000 },
  );
}

/** Places held (confirmed or offered) and people waiting, in one query. */
async function countByStatus(tx: Prisma.TransactionClient, eventId: string) {
  const groups = await tx.registration.groupBy({
    by: ["status"],
    where: { eventId, status: { in: [...HOLDS_A_PLACE, "waitlisted"] } },
    _count: { _all: true },
  });
  const count = (status: RegistrationStatus) => groups.find((g) => g.status === status)?._count._all ?? 0;
  return { taken: count("confirmed") + count("offered"), waiting: count("waitlisted") };
}

/**
 * Cancels a registration: the person's own (no `registrationId`), or anyone's by the
 * organisers. A place freed goes to the first person waiting, in the same transaction.
 */
export async function cancelRegistration(
  actor: Actor,
  slug: string,
  options: { registrationId?: string } = {},
  now = new Date(),
) {
  const ref = await loadEventRef(prisma, { slug });
  if (!ref) throw notFound("There is no such event.");
  return prisma.$transaction(async (tx) => {
    await lockEvent(tx, ref.id);
    const byOrganiser = options.registrationId !== undefined;
    const { event, access } = await authorizeEvent(
      actor,
      { id: ref.id },
      byOrganiser ? "viewRegistrations" : "view",
      tx,
    );
    const registration = byOrganiser
      ? await tx.registration.findFirst({
          where: { id: options.registrationId, eventId: event.id },
          select: { id: true, status: true, userId: true, guestName: true, user: { select: { displayName: true } } },
        })
      : access.registration
        ? await tx.registration.findUnique({
            where: { id: access.registration.id },
            select: { id: true, status: true, userId: true, guestName: true, user: { select: { displayName: true } } },
          })
        : null;
    if (!registration)
      throw notFound(byOrganiser ? "There is no such registration." : "You are not registered for this event.");
    if (!ACTIVE.includes(registration.status)) throw conflict("This registration is already cancelled.");
    if (!byOrganiser && event.startsAt <= now)
      throw conflict("The event has started, so places can no longer be given up here. Tell the organisers instead.");
    await tx.registration.update({ where: { id: registration.id }, data: { status: "cancelled", cancelledAt: now } });
    if (byOrganiser) {
      await audit(tx, {
        actorId: actor.id,
        action: "registrations.cancel",
        subjectType: "event",
        subjectId: event.id,
        organisationId: event.hubId,
        details: { registrationId: registration.id, previousStatus: registration.status },
      });
      if (registration.userId && registration.userId !== actor.id) {
        await notify(tx, {
          userId: registration.userId,
          kind: "event.registration",
          title: `The organisers cancelled your registration for “${event.title}”`,
          body: `If you think this is a mistake, contact the organisers of ${event.hub.name}.`,
          href: `/events/${event.slug}`,
        });
      }
    }
    await fillFreePlaces(tx, event.id, now);
    return { name: registration.user?.displayName ?? registration.guestName, title: event.title };
  });
}

/** Confirms a place offered from the waiting list, before its deadline. */
export async function confirmOffer(actor: Actor, slug: string, now = new Date()) {
  const ref = await loadEventRef(prisma, { slug });
  if (!ref) throw notFound("There is no such event.");
  return prisma.$transaction(async (tx) => {
    await lockEvent(tx, ref.id);
    const { event, access } = await authorizeEvent(actor, { id: ref.id }, "view", tx);
    if (!access.registration) throw notFound("You are not registered for this event.");
    const registration = await tx.registration.findUniqueOrThrow({
      where: { id: access.registration.id },
      select: { id: true, status: true, offerExpiresAt: true },
    });
    if (registration.status === "confirmed") return { title: event.title };
    if (registration.status !== "offered") throw conflict("There is no place waiting for you to confirm.");
    if (!registration.offerExpiresAt || registration.offerExpiresAt <= now) {
      throw gone(
        `The offer ran out at ${registration.offerExpiresAt ? deadlineWords(registration.offerExpiresAt, event.timeZone) : "its deadline"}, so the place has passed on.`,
      );
    }
    await tx.registration.update({ where: { id: registration.id }, data: { status: "confirmed", confirmedAt: now } });
    await notify(tx, {
      userId: actor.id,
      kind: "event.registration",
      title: `You have a place at “${event.title}”`,
      body: `${formatEventRange(event.startsAt, event.endsAt, event.timeZone)}. Your ticket has the code to show at the door.`,
      href: `/events/${event.slug}/ticket`,
    });
    return { title: event.title };
  });
}
