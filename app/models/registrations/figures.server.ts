import { authorizeEvent } from "~/models/events/policy.server";
import { formatEventRange } from "~/models/events/time";
import type { Actor } from "~/models/platform/actor";
import { toCsv } from "~/models/registrations/exports.server";
import { prisma } from "~/services/db.server";

// An event's figures, for its organisers: who registered, waited, cancelled and came, the
// no-show rate (people with a confirmed place who did not come ÷ people with a confirmed
// place, once the event has started), walk-ins, teams formed and challenges they covered.

export interface EventFigure {
  label: string;
  value: string;
}

export async function eventFigures(actor: Actor, slug: string, now = new Date()) {
  const { event } = await authorizeEvent(actor, { slug }, "viewRegistrations");
  const count = (where: object) => prisma.registration.count({ where: { eventId: event.id, ...where } });
  const [registered, confirmed, offered, waitlisted, cancelled, expired, attended, confirmedAbsent, walkIns, teams, covered] = await Promise.all([
    count({}),
    count({ status: "confirmed" }),
    count({ status: "offered" }),
    count({ status: "waitlisted" }),
    count({ status: "cancelled" }),
    count({ status: "expired" }),
    count({ attendedAt: { not: null } }),
    count({ status: "confirmed", attendedAt: null }),
    count({ walkIn: true }),
    prisma.eventTeam.count({ where: { eventId: event.id } }),
    prisma.eventTeam.findMany({ where: { eventId: event.id, members: { some: {} } }, select: { challengeId: true }, distinct: ["challengeId"] }),
  ]);
  const started = event.startsAt <= now;
  const noShow = started && confirmed > 0 ? `${Math.round((confirmedAbsent / confirmed) * 100)}%` : "Not known until the event starts";
  const figures: EventFigure[] = [
    { label: "Registered (everyone who ever registered)", value: String(registered) },
    { label: "Places confirmed", value: String(confirmed) },
    { label: "Places offered, waiting for an answer", value: String(offered) },
    { label: "On the waiting list", value: String(waitlisted) },
    { label: "Cancelled", value: String(cancelled) },
    { label: "Offers that ran out", value: String(expired) },
    { label: "Attended", value: String(attended) },
    { label: "No-show rate", value: noShow },
    { label: "Walk-ins", value: String(walkIns) },
    { label: "Teams formed", value: String(teams) },
    { label: "Challenges covered by a team", value: String(covered.length) },
  ];
  return {
    event: { slug: event.slug, title: event.title, when: formatEventRange(event.startsAt, event.endsAt, event.timeZone), capacity: event.capacity },
    figures,
    asOf: now,
  };
}

export function figuresCsv(figures: EventFigure[]) {
  return toCsv(
    ["Figure", "Value"],
    figures.map((f) => [f.label, f.value]),
  );
}
