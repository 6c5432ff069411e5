import QRCode from "qrcode";
import { authorizeEvent } from "~/models/events/policy.server";
import { formatEventRange } from "~/models/events/time";
import type { Actor } from "~/models/platform/actor";
import { absoluteUrl } from "~/models/platform/mail.server";
import { notFound } from "~/models/platform/errors";
import { deadlineWords, waitlistPosition } from "~/models/registrations/waitlist.server";
import { prisma } from "~/services/db.server";

// A person's own ticket: their status in words, when and where, and — for a place — the QR code
// the organisers scan at the door (the address of the check-in page for this ticket) with the
// code printed large for typing. Nobody sees another person's ticket.

/** The address the ticket's QR code opens: the organisers' check-in page for this ticket. */
export const checkInUrl = (slug: string, ticketCode: string) => absoluteUrl(`/events/${slug}/check-in/${ticketCode}`);

type Answer = boolean | null;
const accessWords = (value: Answer) => (value === null ? "Not known yet – ask the organisers" : value ? "Yes" : "No");

export async function ticketPage(actor: Actor, slug: string, now = new Date()) {
  const { event, access } = await authorizeEvent(actor, { slug }, "view");
  if (!access.registration || access.registration.status === "cancelled") {
    throw notFound("You are not registered for this event.");
  }
  const registration = await prisma.registration.findUniqueOrThrow({
    where: { id: access.registration.id },
    select: { id: true, eventId: true, status: true, ticketCode: true, waitlistedAt: true, offerExpiresAt: true, attendedAt: true },
  });
  const venue = await prisma.event.findUniqueOrThrow({
    where: { id: event.id },
    select: {
      venueName: true,
      venueAddress: true,
      venuePostcode: true,
      onlineUrl: true,
      stepFreeAccess: true,
      hearingLoop: true,
      quietRoom: true,
      accessibleToilets: true,
      nearestStation: true,
      accessibilityNotes: true,
    },
  });
  const holdsPlace = registration.status === "confirmed";
  const qrSvg = holdsPlace
    ? await QRCode.toString(checkInUrl(event.slug, registration.ticketCode), { type: "svg", margin: 2, errorCorrectionLevel: "M" })
    : null;
  const offerOpen = registration.status === "offered" && registration.offerExpiresAt !== null && registration.offerExpiresAt > now;
  return {
    event: {
      slug: event.slug,
      title: event.title,
      status: event.status,
      when: formatEventRange(event.startsAt, event.endsAt, event.timeZone),
      started: event.startsAt <= now,
    },
    venue: {
      name: venue.venueName,
      address: [venue.venueAddress, venue.venuePostcode].filter(Boolean).join(", "),
      onlineUrl: holdsPlace ? venue.onlineUrl : "",
      nearestStation: venue.nearestStation,
      notes: venue.accessibilityNotes,
      access: [
        { label: "Step-free access", value: accessWords(venue.stepFreeAccess) },
        { label: "Hearing loop", value: accessWords(venue.hearingLoop) },
        { label: "Quiet room", value: accessWords(venue.quietRoom) },
        { label: "Accessible toilets", value: accessWords(venue.accessibleToilets) },
      ],
    },
    ticket: {
      status: registration.status,
      code: holdsPlace ? registration.ticketCode : null,
      qrSvg,
      attended: registration.attendedAt !== null,
      position: registration.status === "waitlisted" ? await waitlistPosition(prisma, registration) : null,
      offerDeadline: offerOpen && registration.offerExpiresAt ? deadlineWords(registration.offerExpiresAt, event.timeZone) : null,
      offerLapsed: registration.status === "offered" && !offerOpen,
    },
  };
}

/** The person's events for /account/events: upcoming first (soonest first), then past. */
export async function myEvents(actor: Actor, now = new Date()) {
  const rows = await prisma.registration.findMany({
    where: { userId: actor.id, status: { not: "cancelled" } },
    select: {
      status: true,
      event: { select: { slug: true, title: true, status: true, startsAt: true, endsAt: true, timeZone: true } },
    },
    orderBy: { event: { startsAt: "asc" } },
    take: 200,
  });
  const view = rows.map(({ status, event }) => ({
    status,
    slug: event.slug,
    title: event.title,
    eventStatus: event.status,
    when: formatEventRange(event.startsAt, event.endsAt, event.timeZone),
    past: event.endsAt <= now,
  }));
  return { upcoming: view.filter((row) => !row.past), past: view.filter((row) => row.past).reverse() };
}
