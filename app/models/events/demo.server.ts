import type { Actor } from "~/models/platform/actor";
import {
  addCheckpoint,
  createEvent,
  finishEvent,
  publishEvent,
  saveAgendaItem,
  setFeaturedChallenges,
} from "~/models/events/event.server";
import { DEMO_PAST_EVENT_SLUG, DEMO_UPCOMING_EVENT_SLUG } from "~/models/events/demo-slugs";
import { DEFAULT_CODE_OF_CONDUCT, type EventInput } from "~/models/events/schemas";
import { utcToZonedParts, zonedToUtc } from "~/models/events/time";
import { prisma } from "~/services/db.server";

// The demo hub's two events, made by its organiser through the same model functions the pages
// use: a hack day six weeks ago (published then, finished since) and one five weeks ahead,
// nearly full once registrations/ adds its people. Later parts (registrations, teams, judging)
// find them by slug and add to them. Each is made once: an event already at its slug is left.

const DAY = 86_400_000;
const ZONE = "Europe/London";

/** The calendar date `days` from `now` in the UK, as "YYYY-MM-DD". */
function ukDate(now: Date, days: number) {
  return utcToZonedParts(new Date(now.getTime() + days * DAY), ZONE).date;
}

/** A Saturday near `days` from now, so the demo day falls on a weekend as hack days do. */
function saturdayNear(now: Date, days: number) {
  const date = new Date(`${ukDate(now, days)}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + ((6 - date.getUTCDay() + 7) % 7));
  return date.toISOString().slice(0, 10);
}

const venue = {
  venueName: "Wakefield Library (demo)",
  venueAddress: "Wakefield One, Burton Street, Wakefield",
  venuePostcode: "WF1 2EB",
  onlineUrl: "",
  stepFreeAccess: true,
  hearingLoop: true,
  quietRoom: true,
  accessibleToilets: true,
  nearestStation: "Wakefield Westgate (8 minutes' walk, step-free route)",
  accessibilityNotes: "Lifts to every floor. Blue badge parking on Burton Street. Ask us about BSL interpretation at least two weeks before.",
} as const;

function input(day: string, fields: { title: string; description: string; capacity: number; closesDaysBefore?: number }): EventInput {
  const startsAt = zonedToUtc(day, "09:30", ZONE)!;
  const endsAt = zonedToUtc(day, "17:00", ZONE)!;
  return {
    kind: "hack_day",
    title: fields.title,
    description: fields.description,
    timeZone: ZONE,
    startsAt,
    endsAt,
    ...venue,
    capacity: fields.capacity,
    registrationOpensAt: null,
    registrationClosesAt: fields.closesDaysBefore ? new Date(startsAt.getTime() - fields.closesDaysBefore * DAY) : null,
    codeOfConduct: DEFAULT_CODE_OF_CONDUCT,
    teamSizeMin: 2,
    teamSizeMax: 5,
    offerHours: 48,
  };
}

const agenda = [
  { startTime: "9:30am", endTime: "10am", title: "Arrival, coffee and pastries" },
  { startTime: "10am", endTime: "10:30am", title: "Welcome, and the councils explain their challenges" },
  { startTime: "10:30am", endTime: "11am", title: "Teams form" },
  { startTime: "11am", endTime: "12:30pm", title: "Hacking" },
  { startTime: "12:30pm", endTime: "1:15pm", title: "Lunch" },
  { startTime: "1:15pm", endTime: "3:30pm", title: "Hacking" },
  { startTime: "3:30pm", endTime: "4:30pm", title: "Teams present their work" },
  { startTime: "4:30pm", endTime: "5pm", title: "Awards and thanks" },
];

/** Open and in-progress challenges of the council, preferring those whose titles start with `preferred`. */
async function challengesOf(councilId: string, statuses: ("open" | "in_progress")[], preferred: string[], count: number) {
  const all = await prisma.challenge.findMany({
    where: { organisationId: councilId, status: { in: statuses } },
    orderBy: { title: "asc" },
    select: { id: true, title: true },
  });
  const rank = (title: string) => {
    const at = preferred.findIndex((p) => title.startsWith(p));
    return at < 0 ? preferred.length : at;
  };
  return all.sort((a, b) => rank(a.title) - rank(b.title)).slice(0, count).map((c) => c.id);
}

export async function seedDemoEvents(people: { organiser: Actor }, councilId: string, now = new Date()) {
  const { organiser } = people;
  const hub = await prisma.organisation.findFirstOrThrow({ where: { memberships: { some: { userId: organiser.id } }, kind: "hub" }, select: { slug: true } });
  let made = 0;

  if (!(await prisma.event.findUnique({ where: { slug: DEMO_PAST_EVENT_SLUG }, select: { id: true } }))) {
    const day = saturdayNear(now, -45);
    const { slug } = await createEvent(
      organiser,
      hub.slug,
      input(day, {
        title: "Demo: Pennine Open Data Hack Day 2026",
        description:
          "A day for council staff, students and volunteers to work together on Wakefield's open data problems. No experience of hack days needed: bring a laptop if you have one, and your curiosity.",
        capacity: 40,
      }),
    );
    if (slug !== DEMO_PAST_EVENT_SLUG) throw new Error(`Demo event slug came out as ${slug}`);
    await setFeaturedChallenges(
      organiser,
      slug,
      await challengesOf(councilId, ["open", "in_progress"], ["Which streets flood first", "Why are bins missed", "Why do some home care"], 3),
    );
    for (const item of agenda) await saveAgendaItem(organiser, slug, { ...item, day, description: "" });
    await addCheckpoint(organiser, slug, "Lunch");
    // It was published weeks before the day, and finished at the end of it.
    await publishEvent(organiser, slug, new Date(zonedToUtc(day, "09:30", ZONE)!.getTime() - 28 * DAY));
    await finishEvent(organiser, slug, now);
    made++;
  }

  if (!(await prisma.event.findUnique({ where: { slug: DEMO_UPCOMING_EVENT_SLUG }, select: { id: true } }))) {
    const day = saturdayNear(now, 35);
    const { slug } = await createEvent(
      organiser,
      hub.slug,
      input(day, {
        title: "Demo: Pennine Winter Data Hack Day 2027",
        description:
          "Our winter hack day: two of Wakefield's open challenges, a warm library and a good lunch. Places are limited, so join the waiting list if it is full: places often free up in the last week.",
        capacity: 12,
        closesDaysBefore: 2,
      }),
    );
    if (slug !== DEMO_UPCOMING_EVENT_SLUG) throw new Error(`Demo event slug came out as ${slug}`);
    await setFeaturedChallenges(organiser, slug, await challengesOf(councilId, ["open"], ["Finding homes at risk of damp", "Who uses our libraries"], 2));
    for (const item of agenda) await saveAgendaItem(organiser, slug, { ...item, day, description: "" });
    await addCheckpoint(organiser, slug, "Lunch");
    await publishEvent(organiser, slug, now);
    made++;
  }
  return made;
}
