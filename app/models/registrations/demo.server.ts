import { DEMO_PAST_EVENT_SLUG, DEMO_UPCOMING_EVENT_SLUG } from "~/models/events/demo-slugs";
import type { Actor } from "~/models/platform/actor";
import { demoPeople as demoProfiles } from "~/models/profiles/demo";
import { demoPersonEmail } from "~/models/profiles/demo.server";
import { lockEvent } from "~/models/registrations/capacity.server";
import { writeRegistration } from "~/models/registrations/internal/write.server";
import { register } from "~/models/registrations/registration.server";
import type { RegisterInput } from "~/models/registrations/schemas";
import { prisma } from "~/services/db.server";

// The demo's registrations. The upcoming hack day is filled by demo people through `register`,
// as they would register themselves (choices, a few needs), with three more on the waiting
// list. The past hack day has about twenty registrations, two of them cancelled, written with
// the same writer `register` uses but dated before the day (registration for a finished event
// is closed, rightly, to everyone now). Each event is left alone once it has registrations, so
// a second start adds nothing. Events missing (the events part not seeded) are skipped.

const HOUR = 3_600_000;

const NEEDS: { dietary: string; access: string }[] = [
  { dietary: "Vegetarian", access: "" },
  { dietary: "", access: "I use a wheelchair: a table I can get under, please" },
  { dietary: "No nuts (allergy)", access: "" },
  { dietary: "", access: "Captions or a transcript for the talks" },
];

async function demoPeople(): Promise<Actor[]> {
  const users = await prisma.user.findMany({
    where: { email: { in: demoProfiles.map((person) => demoPersonEmail(person.name)) }, deletedAt: null, emailVerifiedAt: { not: null } },
    select: { id: true, email: true, displayName: true, emailVerifiedAt: true, isAdmin: true, kind: true, visibility: true },
    orderBy: { displayName: "asc" },
  });
  return users.map((user) => ({ ...user, sessionId: "demo-seed" }));
}

function answers(i: number, challengeIds: string[]): RegisterInput {
  const needs = i % 5 === 1 ? NEEDS[Math.floor(i / 5) % NEEDS.length]! : { dietary: "", access: "" };
  // Rotate first choices over the featured challenges; some give a second, a few no preference.
  const first = i % 7 === 6 ? "" : (challengeIds[i % Math.max(1, challengeIds.length)] ?? "");
  const second = first && i % 2 === 0 ? (challengeIds.find((id) => id !== first) ?? "") : "";
  return { choice1: first, choice2: second, choice3: "", ...needs, shareSkills: i % 4 === 3 ? undefined : "yes", agreeConduct: "yes" };
}

export async function seedDemoRegistrations(log: (line: string) => void = () => {}) {
  const people = await demoPeople();
  let added = 0;

  const upcoming = await prisma.event.findUnique({
    where: { slug: DEMO_UPCOMING_EVENT_SLUG },
    select: { id: true, capacity: true, status: true, challenges: { orderBy: { position: "asc" }, select: { challengeId: true } } },
  });
  if (upcoming && upcoming.status === "published" && (await prisma.registration.count({ where: { eventId: upcoming.id } })) === 0) {
    const challengeIds = upcoming.challenges.map((c) => c.challengeId);
    for (const [i, person] of people.slice(0, upcoming.capacity + 3).entries()) {
      await register(person, DEMO_UPCOMING_EVENT_SLUG, answers(i, challengeIds));
      added++;
    }
  }

  const past = await prisma.event.findUnique({
    where: { slug: DEMO_PAST_EVENT_SLUG },
    select: { id: true, startsAt: true, challenges: { orderBy: { position: "asc" }, select: { challengeId: true } } },
  });
  if (past && (await prisma.registration.count({ where: { eventId: past.id } })) === 0) {
    const challengeIds = past.challenges.map((c) => c.challengeId);
    // Different people from the upcoming event's first ones, where the demo has enough.
    const crowd = people.length > 40 ? people.slice(people.length - 20) : people.slice(0, 20);
    await prisma.$transaction(async (tx) => {
      await lockEvent(tx, past.id);
      for (const [i, person] of crowd.entries()) {
        const input = answers(i, challengeIds);
        const at = new Date(past.startsAt.getTime() - (30 - i) * 24 * HOUR);
        const cancelled = i === 4 || i === 11;
        const { id } = await writeRegistration(tx, {
          eventId: past.id,
          userId: person.id,
          existingId: null,
          status: "confirmed",
          input,
          choices: [input.choice1, input.choice2].flatMap((challengeId, rank) => (challengeId ? [{ challengeId, rank: rank + 1 }] : [])),
          at,
        });
        if (cancelled) await tx.registration.update({ where: { id }, data: { status: "cancelled", cancelledAt: new Date(at.getTime() + 5 * 24 * HOUR) } });
        added++;
      }
    });
  }
  if (added) log(`demo registrations: ${added} added`);
  return added;
}
