import type { Prisma, RegistrationStatus } from "~/generated/prisma/client";
import { authorizeEvent } from "~/models/events/policy.server";
import { formatEventRange } from "~/models/events/time";
import type { Actor } from "~/models/platform/actor";
import { STATUS_ORDER } from "~/models/registrations/labels";
import { needsDeletedWords } from "~/models/registrations/needs.server";
import { containsText, prisma } from "~/services/db.server";

// The organisers' list of who registered: counts by status, a filter, a search by name
// (a substring match with the pattern characters escaped, never a pattern the person typed),
// 50 a page. Needs are not here: they are shown only on request (needs.server.ts), audited.

export const REGISTRATIONS_PAGE_SIZE = 50;

export async function registrationsList(
  actor: Actor,
  slug: string,
  options: { status?: RegistrationStatus | null; q?: string; page?: number } = {},
) {
  const { event } = await authorizeEvent(actor, { slug }, "viewRegistrations");
  const q = (options.q ?? "").trim().slice(0, 100);
  const where: Prisma.RegistrationWhereInput = {
    eventId: event.id,
    ...(options.status ? { status: options.status } : {}),
    ...(q ? { OR: [{ user: { displayName: containsText(q) } }, { guestName: containsText(q) }] } : {}),
  };
  const [grouped, total, row] = await Promise.all([
    prisma.registration.groupBy({ by: ["status"], where: { eventId: event.id }, _count: { _all: true } }),
    prisma.registration.count({ where }),
    prisma.event.findUniqueOrThrow({ where: { id: event.id }, select: { needsDeletedAt: true, timeZone: true } }),
  ]);
  const totalPages = Math.max(1, Math.ceil(total / REGISTRATIONS_PAGE_SIZE));
  const page = Math.min(Math.max(1, options.page ?? 1), totalPages);
  const registrations = await prisma.registration.findMany({
    where,
    // The queue in its order; everyone else by when they registered.
    orderBy: [{ waitlistedAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }, { id: "asc" }],
    skip: (page - 1) * REGISTRATIONS_PAGE_SIZE,
    take: REGISTRATIONS_PAGE_SIZE,
    select: {
      id: true,
      status: true,
      walkIn: true,
      guestName: true,
      createdAt: true,
      attendedAt: true,
      user: { select: { displayName: true } },
      choices: { orderBy: { rank: "asc" }, select: { challenge: { select: { title: true } } } },
    },
  });
  const counts = Object.fromEntries(STATUS_ORDER.map((status) => [status, 0])) as Record<RegistrationStatus, number>;
  for (const group of grouped) counts[group.status] = group._count._all;
  return {
    event: { slug: event.slug, title: event.title, when: formatEventRange(event.startsAt, event.endsAt, event.timeZone), capacity: event.capacity },
    counts,
    needsDeleted: needsDeletedWords(row),
    registrations: registrations.map((r) => ({
      id: r.id,
      name: r.user?.displayName ?? r.guestName,
      status: r.status,
      walkIn: r.walkIn,
      registeredAt: r.createdAt.toISOString(),
      attended: r.attendedAt !== null,
      choices: r.choices.map((c) => c.challenge.title),
    })),
    total,
    page,
    totalPages,
  };
}
