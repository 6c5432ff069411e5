import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/models/platform/actor";
import { absoluteUrl } from "~/models/platform/mail.server";
import { eventKindLabels } from "~/models/events/labels";
import { authorizeEvent, registrationWindowOpen } from "~/models/events/policy.server";
import { formatEventDate, formatEventRange, formatEventTime, utcToZonedParts } from "~/models/events/time";
import { publicChallenges } from "~/models/challenges/policy.server";
import { HOLDS_A_PLACE } from "~/models/registrations/capacity.server";
import { prisma } from "~/services/db.server";
import { renderMarkdown } from "~/services/markdown.server";

// What the public may know about events, defined once: the list, the event page, the open data
// API and the calendar files all read through `publicEvents` and `publicEventSelect`. Drafts
// are never in them. No registration, need or name of anyone registered is here; places left
// is a count.

export const PUBLIC_EVENT_STATUSES = ["published", "cancelled", "finished"] as const;
export const publicEvents = { status: { in: [...PUBLIC_EVENT_STATUSES] } } satisfies Prisma.EventWhereInput;

export const publicEventSelect = {
  id: true,
  slug: true,
  kind: true,
  status: true,
  title: true,
  description: true,
  startsAt: true,
  endsAt: true,
  timeZone: true,
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
  capacity: true,
  registrationOpensAt: true,
  registrationClosesAt: true,
  codeOfConduct: true,
  cancelReason: true,
  publishedAt: true,
  cancelledAt: true,
  finishedAt: true,
  updatedAt: true,
  hub: { select: { name: true, slug: true } },
  challenges: {
    where: { challenge: publicChallenges },
    orderBy: [{ position: "asc" }, { challengeId: "asc" }],
    select: { challenge: { select: { slug: true, title: true, organisation: { select: { name: true } } } } },
  },
  agenda: {
    orderBy: [{ startsAt: "asc" }, { position: "asc" }],
    select: { startsAt: true, endsAt: true, title: true, description: true },
  },
} satisfies Prisma.EventSelect;

type PublicRow = Prisma.EventGetPayload<{ select: typeof publicEventSelect }>;


/** Places held (confirmed and offered) and people waiting, per event. */
async function placeCounts(eventIds: string[]) {
  if (eventIds.length === 0) return new Map<string, { taken: number; waiting: number }>();
  const rows = await prisma.registration.groupBy({
    by: ["eventId", "status"],
    where: { eventId: { in: eventIds }, status: { in: [...HOLDS_A_PLACE, "waitlisted"] } },
    _count: { _all: true },
  });
  const counts = new Map<string, { taken: number; waiting: number }>();
  for (const row of rows) {
    const entry = counts.get(row.eventId) ?? { taken: 0, waiting: 0 };
    if (row.status === "waitlisted") entry.waiting += row._count._all;
    else entry.taken += row._count._all;
    counts.set(row.eventId, entry);
  }
  return counts;
}

function mode(row: Pick<PublicRow, "venueName" | "onlineUrl">) {
  if (row.venueName && row.onlineUrl) return "mixed" as const;
  return row.onlineUrl ? ("online" as const) : ("offline" as const);
}

/** The public record of an event: the API's `data`, and what the pages and calendars show. */
export function publicEventRecord(row: PublicRow, placesTaken: number) {
  return {
    id: row.id,
    slug: row.slug,
    url: absoluteUrl(`/events/${encodeURIComponent(row.slug)}`),
    calendarUrl: absoluteUrl(`/events/${encodeURIComponent(row.slug)}/calendar.ics`),
    title: row.title,
    kind: row.kind,
    status: row.status,
    description: row.description,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    timeZone: row.timeZone,
    when: formatEventRange(row.startsAt, row.endsAt, row.timeZone),
    attendance: mode(row),
    venue: row.venueName ? { name: row.venueName, address: row.venueAddress, postcode: row.venuePostcode } : null,
    onlineUrl: row.onlineUrl || null,
    accessibility: {
      stepFreeAccess: row.stepFreeAccess,
      hearingLoop: row.hearingLoop,
      quietRoom: row.quietRoom,
      accessibleToilets: row.accessibleToilets,
      nearestStation: row.nearestStation || null,
      notes: row.accessibilityNotes || null,
    },
    capacity: row.capacity,
    placesLeft: Math.max(0, row.capacity - placesTaken),
    registrationOpensAt: row.registrationOpensAt?.toISOString() ?? null,
    registrationClosesAt: row.registrationClosesAt?.toISOString() ?? null,
    codeOfConduct: row.codeOfConduct,
    cancelReason: row.status === "cancelled" ? row.cancelReason || null : null,
    hub: { name: row.hub.name, slug: row.hub.slug },
    challenges: row.challenges.map(({ challenge }) => ({
      title: challenge.title,
      slug: challenge.slug,
      council: challenge.organisation.name,
      url: absoluteUrl(`/challenges/${encodeURIComponent(challenge.slug)}`),
    })),
    agenda: row.agenda.map((item) => ({
      startsAt: item.startsAt.toISOString(),
      endsAt: item.endsAt?.toISOString() ?? null,
      title: item.title,
      description: item.description,
    })),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type PublicEventRecord = ReturnType<typeof publicEventRecord>;

/** schema.org Event JSON-LD, serialised so no text can close the script element. */
export function eventJsonLd(record: PublicEventRecord) {
  const place = record.venue
    ? {
        "@type": "Place",
        name: record.venue.name,
        address: { "@type": "PostalAddress", streetAddress: record.venue.address, postalCode: record.venue.postcode, addressCountry: "GB" },
      }
    : null;
  const virtual = record.onlineUrl ? { "@type": "VirtualLocation", url: record.onlineUrl } : null;
  const data = {
    "@context": "https://schema.org",
    "@type": "Event",
    name: record.title,
    url: record.url,
    startDate: record.startsAt,
    endDate: record.endsAt,
    eventStatus: record.status === "cancelled" ? "https://schema.org/EventCancelled" : "https://schema.org/EventScheduled",
    eventAttendanceMode: {
      offline: "https://schema.org/OfflineEventAttendanceMode",
      online: "https://schema.org/OnlineEventAttendanceMode",
      mixed: "https://schema.org/MixedEventAttendanceMode",
    }[record.attendance],
    location: [place, virtual].filter(Boolean),
    organizer: { "@type": "Organization", name: record.hub.name, url: absoluteUrl(`/organisations/${record.hub.slug}`) },
    isAccessibleForFree: true,
    maximumAttendeeCapacity: record.capacity,
  };
  return JSON.stringify(data).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

/**
 * The event page. The public sees published, cancelled and finished events; a draft only its
 * organisers (everyone else is told it does not exist).
 */
export async function getEventPage(actor: Actor | null, slug: string) {
  const { event, access } = await authorizeEvent(actor, { slug }, "view");
  const row = await prisma.event.findUniqueOrThrow({ where: { id: event.id }, select: publicEventSelect });
  const counts = (await placeCounts([event.id])).get(event.id) ?? { taken: 0, waiting: 0 };
  const record = publicEventRecord(row, counts.taken);
  const now = new Date();
  const multiDay = utcToZonedParts(row.startsAt, row.timeZone).date !== utcToZonedParts(row.endsAt, row.timeZone).date;
  return {
    record,
    upcoming: row.status === "published" && row.endsAt > now,
    registrationOpen: await registrationWindowOpen(event, prisma, now),
    waiting: counts.waiting,
    agenda: row.agenda.map((item) => ({
      day: multiDay ? formatEventDate(item.startsAt, row.timeZone) : null,
      time: item.endsAt
        ? `${formatEventTime(item.startsAt, row.timeZone)} to ${formatEventTime(item.endsAt, row.timeZone)}`
        : formatEventTime(item.startsAt, row.timeZone),
      title: item.title,
      description: item.description,
    })),
    registrationWindow: {
      opens: row.registrationOpensAt && row.registrationOpensAt > now ? `${formatEventDate(row.registrationOpensAt, row.timeZone)}, ${formatEventTime(row.registrationOpensAt, row.timeZone)}` : null,
      closes: row.registrationClosesAt ? `${formatEventDate(row.registrationClosesAt, row.timeZone)}, ${formatEventTime(row.registrationClosesAt, row.timeZone)}` : null,
    },
    draft: row.status === "draft",
    kindLabel: eventKindLabels[row.kind],
    organiser: access.organiser,
    register: access.register,
    registration: access.registration ? { status: access.registration.status } : null,
    html: { description: renderMarkdown(row.description), codeOfConduct: renderMarkdown(row.codeOfConduct) },
    jsonLd: row.status === "draft" ? null : eventJsonLd(record),
  };
}

// ---------------------------------------------------------------------------------------
// The list and the open data: one parser for the page and the API.
// ---------------------------------------------------------------------------------------

export const EVENTS_PER_PAGE = 20;

const eventSearchSchema = z.object({
  hub: z.string().trim().max(100, "Hub must be 100 characters or fewer").optional(),
  when: z.enum(["upcoming", "past"], { errorMap: () => ({ message: "When must be upcoming or past" }) }).optional(),
  page: z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, "Page must be a whole number from 1 to 9999")
    .transform(Number)
    .refine((n) => n >= 1, "Page must be a whole number from 1 to 9999")
    .optional(),
});

export type EventSearch = { hub?: string; when?: "upcoming" | "past"; page: number };

export function parseEventSearch(query: URLSearchParams): { ok: true; params: EventSearch } | { ok: false; errors: Record<string, string> } {
  const raw: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const name of ["hub", "when", "page"]) {
    const values = query.getAll(name).filter((v) => v !== "");
    if (values.length > 1) errors[name] = "Give this only once";
    if (values[0] !== undefined) raw[name] = values[0];
  }
  const parsed = eventSearchSchema.safeParse(raw);
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, params: { ...parsed.data, page: parsed.data.page ?? 1 } };
}

/**
 * One page of public events: upcoming ones first (soonest first; cancelled ones stay in their
 * place, marked), then past ones (latest first). Two queries, so the page boundary is exact.
 */
export async function searchEvents(params: EventSearch, perPage = EVENTS_PER_PAGE, now = new Date()) {
  const hub = params.hub ? { hub: { slug: params.hub } } : {};
  const upcoming: Prisma.EventWhereInput = { status: { in: ["published", "cancelled"] }, endsAt: { gte: now }, ...hub };
  const past: Prisma.EventWhereInput = {
    ...hub,
    OR: [{ status: "finished" }, { status: { in: ["published", "cancelled"] }, endsAt: { lt: now } }],
  };
  const [upcomingTotal, pastTotal] = await Promise.all([
    params.when === "past" ? 0 : prisma.event.count({ where: upcoming }),
    params.when === "upcoming" ? 0 : prisma.event.count({ where: past }),
  ]);
  const offset = (params.page - 1) * perPage;
  const rows: { row: PublicRow; past: boolean }[] = [];
  if (offset < upcomingTotal) {
    const found = await prisma.event.findMany({
      where: upcoming,
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      skip: offset,
      take: perPage,
      select: publicEventSelect,
    });
    rows.push(...found.map((row) => ({ row, past: false })));
  }
  if (rows.length < perPage && pastTotal > 0) {
    const found = await prisma.event.findMany({
      where: past,
      orderBy: [{ startsAt: "desc" }, { id: "desc" }],
      skip: Math.max(0, offset - upcomingTotal),
      take: perPage - rows.length,
      select: publicEventSelect,
    });
    rows.push(...found.map((row) => ({ row, past: true })));
  }
  const counts = await placeCounts(rows.map(({ row }) => row.id));
  const total = upcomingTotal + pastTotal;
  return {
    records: rows.map(({ row, past }) => ({ ...publicEventRecord(row, counts.get(row.id)?.taken ?? 0), past })),
    total,
    page: params.page,
    perPage,
    totalPages: Math.ceil(total / perPage),
  };
}

/** One public event for the API and calendar, or null (drafts answer exactly as slugs that never existed). */
export async function getPublicEventRecord(slug: string) {
  const row = await prisma.event.findFirst({ where: { slug, ...publicEvents }, select: publicEventSelect });
  if (!row) return null;
  const counts = (await placeCounts([row.id])).get(row.id);
  return publicEventRecord(row, counts?.taken ?? 0);
}

/** Upcoming published events for the calendar feed, soonest first. */
export async function upcomingEventRecords(limit = 200, now = new Date()) {
  const rows = await prisma.event.findMany({
    where: { status: "published", endsAt: { gte: now } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: limit,
    select: publicEventSelect,
  });
  const counts = await placeCounts(rows.map((r) => r.id));
  return rows.map((row) => publicEventRecord(row, counts.get(row.id)?.taken ?? 0));
}
