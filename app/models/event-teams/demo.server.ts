import { DEMO_PAST_EVENT_SLUG } from "~/models/events/demo-slugs";
import { confirmEventTeam, placeInEventTeam } from "~/models/event-teams/team.server";
import type { Actor } from "~/models/platform/actor";
import { DomainError } from "~/models/platform/errors";
import { addWalkIn, checkIn } from "~/models/registrations/check-in.server";
import { prisma } from "~/services/db.server";

// The demo's past hack day on the day: most people with a place checked in at Arrival (and
// some at Lunch), a walk-in, a few no-shows; then teams on its challenges, confirmed into
// projects. Runs after the events and registrations demos, through the same functions the
// organisers' pages use, and does nothing when the event is not there.

const MINUTE = 60_000;

async function pastEvent() {
  return prisma.event.findUnique({
    where: { slug: DEMO_PAST_EVENT_SLUG },
    select: { id: true, slug: true, startsAt: true },
  });
}

export async function seedDemoCheckIns({ organiser }: { organiser: Actor }) {
  const event = await pastEvent();
  if (!event) return;
  if (await prisma.checkIn.count({ where: { checkpoint: { eventId: event.id } } })) return;
  const checkpoints = await prisma.checkpoint.findMany({
    where: { eventId: event.id },
    orderBy: { position: "asc" },
    select: { id: true, name: true },
  });
  const arrival = checkpoints[0];
  if (!arrival) return;
  const lunch = checkpoints.find((c) => c.name === "Lunch") ?? null;
  const confirmed = await prisma.registration.findMany({
    where: { eventId: event.id, status: "confirmed" },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  // One in six did not come: the figures' no-show rate has something to show.
  const came = confirmed.filter((_, i) => i % 6 !== 5);
  for (const [i, registration] of came.entries()) {
    const at = new Date(event.startsAt.getTime() - 20 * MINUTE + i * 2 * MINUTE);
    await checkIn(organiser, event.slug, { registrationId: registration.id, checkpointId: arrival.id }, at);
    if (lunch && i % 2 === 0) {
      await checkIn(
        organiser,
        event.slug,
        { registrationId: registration.id, checkpointId: lunch.id },
        new Date(event.startsAt.getTime() + 3.5 * 60 * MINUTE + i * MINUTE),
      );
    }
  }
  // The walk-in needs a free place; the demo's registrations may have filled the day.
  try {
    await addWalkIn(
      organiser,
      event.slug,
      { name: "Sam Walker", checkpointId: arrival.id },
      new Date(event.startsAt.getTime() + 45 * MINUTE),
    );
  } catch (error) {
    // Full: the demo goes on without a walk-in.
    if (!DomainError.is(error) || error.kind !== "conflict") throw error;
  }
}

const TEAM_NAMES = ["Pothole Predictors", "Bin Day Heroes", "Damp Detectives", "Bus Stop Mappers"];

export async function seedDemoTeams({ organiser }: { organiser: Actor }) {
  const event = await pastEvent();
  if (!event) return;
  if (await prisma.eventTeam.count({ where: { eventId: event.id } })) return;
  const [challenges, details] = await Promise.all([
    prisma.eventChallenge.findMany({
      where: { eventId: event.id },
      orderBy: { position: "asc" },
      select: { challengeId: true },
    }),
    prisma.event.findUniqueOrThrow({ where: { id: event.id }, select: { teamSizeMax: true } }),
  ]);
  if (challenges.length === 0) return;
  const attendees = await prisma.registration.findMany({
    where: { eventId: event.id, status: "confirmed", attendedAt: { not: null }, userId: { not: null } },
    orderBy: { attendedAt: "asc" },
    select: { id: true, userId: true },
  });
  const size = Math.min(4, details.teamSizeMax);
  const teams = Math.min(TEAM_NAMES.length, Math.max(challenges.length, 3), Math.floor(attendees.length / 2));
  let next = 0;
  for (let t = 0; t < teams; t++) {
    const { challengeId } = challenges[t % challenges.length]!;
    // Someone already in a team on this challenge (the projects demo) cannot join a second.
    const taken = new Set(
      (await prisma.teamMember.findMany({ where: { challengeId }, select: { userId: true } })).map((m) => m.userId),
    );
    const members: { id: string }[] = [];
    while (members.length < size && next < attendees.length) {
      const candidate = attendees[next++]!;
      if (!taken.has(candidate.userId!)) members.push(candidate);
    }
    if (members.length === 0) break;
    let teamId: string | null = null;
    for (const member of members) {
      const placed = await prisma.$transaction((tx) =>
        placeInEventTeam(
          tx,
          teamId
            ? { eventId: event.id, registrationId: member.id, source: "self", teamId }
            : {
                eventId: event.id,
                registrationId: member.id,
                source: "self",
                newTeam: {
                  challengeId,
                  name: TEAM_NAMES[t]!,
                  summary: "Built on the day from the council's open data.",
                },
              },
        ),
      );
      teamId = placed.teamId;
    }
    await prisma.eventTeam.update({
      where: { id: teamId! },
      data: { presentationOrder: t + 1, demoUrl: `https://example.org/demo/${t + 1}` },
    });
    await confirmEventTeam(organiser, event.slug, teamId!);
  }
}
