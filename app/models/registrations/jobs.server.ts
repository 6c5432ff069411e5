import type { Prisma } from "~/generated/prisma/client";
import { formatEventRange } from "~/models/events/time";
import { notify } from "~/models/notifications/notify.server";
import type { DomainJobs } from "~/models/platform/jobs.server";
import { deleteExpiredNeeds } from "~/models/registrations/needs.server";
import { runWaitlist } from "~/models/registrations/waitlist.server";
import { prisma } from "~/services/db.server";

// The registrations domain's background work: offers that run out and places that come free
// (every 5 minutes), reminders a week and a day before (hourly), and deleting dietary and
// access needs 30 days after an event (daily). Each step claims its rows with a conditional
// update, so running twice or on two workers does each thing once. `now` is an argument so
// tests drive the clock.

const DAY = 86_400_000;
const BATCH = 500;

type Kind = "week" | "day";

const eventSelect = {
  slug: true,
  title: true,
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
  nearestStation: true,
  accessibilityNotes: true,
} satisfies Prisma.EventSelect;

type ReminderEvent = Prisma.EventGetPayload<{ select: typeof eventSelect }>;

function reminderBody(event: ReminderEvent) {
  const place = [event.venueName, event.venueAddress, event.venuePostcode].filter(Boolean).join(", ");
  const yesNo = (value: boolean | null, what: string) => (value === null ? null : `${what}: ${value ? "yes" : "no"}`);
  const access = [
    yesNo(event.stepFreeAccess, "Step-free access"),
    yesNo(event.hearingLoop, "Hearing loop"),
    yesNo(event.quietRoom, "Quiet room"),
    event.nearestStation ? `Nearest station: ${event.nearestStation}` : null,
    event.accessibilityNotes || null,
  ].filter(Boolean);
  return [
    formatEventRange(event.startsAt, event.endsAt, event.timeZone) + ".",
    place ? `Where: ${place}.` : event.onlineUrl ? "Online: the link is on your ticket." : "",
    access.length ? `Accessibility – ${access.join("; ")}.` : "",
    "Bring your ticket (on your phone or printed): it has your code for the door. If you cannot come, cancel on your ticket page so someone waiting can have your place.",
  ]
    .filter(Boolean)
    .join(" ");
}

/** Sends the week-before and day-before reminders that are due at `now`, each once. */
export async function sendReminders(now = new Date()) {
  const result = { week: 0, day: 0 };
  const windows: { kind: Kind; from: number; to: number }[] = [
    // A week before: anyone with a place while the event is between a day and a week away.
    { kind: "week", from: now.getTime() + DAY, to: now.getTime() + 7 * DAY },
    { kind: "day", from: now.getTime(), to: now.getTime() + DAY },
  ];
  for (const { kind, from, to } of windows) {
    const sentField = kind === "week" ? "reminderWeekSentAt" : "reminderDaySentAt";
    const due = await prisma.registration.findMany({
      where: {
        status: "confirmed",
        userId: { not: null },
        [sentField]: null,
        event: { status: "published", startsAt: { gt: new Date(from), lte: new Date(to) } },
      },
      select: { id: true, userId: true, event: { select: eventSelect } },
      take: BATCH,
    });
    for (const registration of due) {
      await prisma.$transaction(async (tx) => {
        const claimed = await tx.registration.updateMany({
          where: { id: registration.id, status: "confirmed", [sentField]: null },
          data: { [sentField]: now },
        });
        if (claimed.count === 0 || !registration.userId) return;
        result[kind]++;
        const { event } = registration;
        await notify(tx, {
          userId: registration.userId,
          kind: "event.registration",
          title: kind === "week" ? `“${event.title}” is a week away` : `“${event.title}” is tomorrow`,
          body: reminderBody(event),
          href: `/events/${event.slug}/ticket`,
        });
      });
    }
  }
  return result;
}

export const registrationJobs: DomainJobs = {
  tasks: {
    "registrations:waitlist": async (_payload, helpers) => {
      const { expired, offered } = await runWaitlist();
      if (expired + offered > 0) helpers.logger.info(`registrations: ${expired} offer(s) ran out, ${offered} place(s) offered`);
    },
    "registrations:reminders": async (_payload, helpers) => {
      const { week, day } = await sendReminders();
      if (week + day > 0) helpers.logger.info(`registrations: ${week} week and ${day} day reminder(s) sent`);
    },
    "registrations:delete-needs": async (_payload, helpers) => {
      const { rows } = await deleteExpiredNeeds();
      if (rows > 0) helpers.logger.info(`registrations: deleted ${rows} people's dietary and access needs`);
    },
  },
  schedules: [
    "*/5 * * * * registrations:waitlist ?max=3&jobKey=registrations:waitlist&jobKeyMode=preserve_run_at",
    "10 * * * * registrations:reminders ?fill=1h&max=3&jobKey=registrations:reminders&jobKeyMode=preserve_run_at",
    "30 2 * * * registrations:delete-needs ?fill=1d&max=3&jobKey=registrations:delete-needs&jobKeyMode=preserve_run_at",
  ],
};
