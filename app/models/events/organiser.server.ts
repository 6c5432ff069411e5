import type { Actor } from "~/models/platform/actor";
import { authorizeEventCreation, publishProblems } from "~/models/events/event.server";
import { authorizeEvent } from "~/models/events/policy.server";
import { formatEventRange } from "~/models/events/time";
import { prisma } from "~/services/db.server";

// What organisers see: their hub's events (drafts too) and each event's dashboard. Both ask
// the policy first; neither carries anything about a registered person but counts.

export async function getHubEvents(actor: Actor, hubSlug: string) {
  const hub = await authorizeEventCreation(actor, hubSlug);
  const events = await prisma.event.findMany({
    where: { hubId: hub.id },
    orderBy: [{ startsAt: "desc" }, { id: "desc" }],
    take: 200,
    select: { slug: true, title: true, kind: true, status: true, startsAt: true, endsAt: true, timeZone: true, capacity: true },
  });
  return {
    hub,
    events: events.map((e) => ({
      slug: e.slug,
      title: e.title,
      kind: e.kind,
      status: e.status,
      when: formatEventRange(e.startsAt, e.endsAt, e.timeZone),
      capacity: e.capacity,
    })),
  };
}

/** The organiser dashboard: status, counts of registrations by status, what publishing needs. */
export async function getManagePage(actor: Actor, slug: string, now = new Date()) {
  const { event } = await authorizeEvent(actor, { slug }, "manage");
  const [byStatus, row, challenges] = await Promise.all([
    prisma.registration.groupBy({ by: ["status"], where: { eventId: event.id }, _count: { _all: true } }),
    prisma.event.findUniqueOrThrow({ where: { id: event.id }, select: { cancelReason: true, publishedAt: true, cancelledAt: true, finishedAt: true } }),
    prisma.eventChallenge.count({ where: { eventId: event.id } }),
  ]);
  const count = (status: string) => byStatus.find((r) => r.status === status)?._count._all ?? 0;
  const taken = count("confirmed") + count("offered");
  return {
    event: {
      slug: event.slug,
      title: event.title,
      kind: event.kind,
      status: event.status,
      capacity: event.capacity,
      when: formatEventRange(event.startsAt, event.endsAt, event.timeZone),
      hub: event.hub,
      started: event.startsAt <= now,
      cancelReason: row.cancelReason,
    },
    counts: {
      taken,
      left: Math.max(0, event.capacity - taken),
      confirmed: count("confirmed"),
      offered: count("offered"),
      waitlisted: count("waitlisted"),
      cancelled: count("cancelled"),
      expired: count("expired"),
      challenges,
    },
    publishProblems: event.status === "draft" ? await publishProblems(prisma, event.id, now) : [],
  };
}
