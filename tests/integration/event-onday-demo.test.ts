import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import { DEMO_PAST_EVENT_SLUG } from "~/models/events/demo-slugs";
import { seedDemoCheckIns, seedDemoTeams } from "~/models/event-teams/demo.server";
import { prisma } from "~/services/db.server";
import { createEvent, createPerson } from "../factories";

// The demo's past hack day on the day, as parts A and B leave it (made here with the factory
// under the demo's slug): check-ins at Arrival and Lunch, a walk-in, no-shows, and confirmed
// teams that became projects.

describe("the past demo event on the day", () => {
  test("does nothing without the event; with it, most came, one walked in, and three teams became projects", async () => {
    const { organiser } = await createEvent();
    await seedDemoCheckIns({ organiser: organiser.actor });
    await seedDemoTeams({ organiser: organiser.actor });

    const startsAt = new Date(Date.now() - 60 * 86_400_000);
    const { event } = await createEvent({
      hub: {
        hub: await prisma.organisation.findFirstOrThrow({
          where: { memberships: { some: { userId: organiser.user.id } } },
        }),
        organiser,
      },
      status: "finished",
      startsAt,
    });
    await prisma.event.update({ where: { id: event.id }, data: { slug: DEMO_PAST_EVENT_SLUG } });
    await prisma.checkpoint.create({ data: { eventId: event.id, name: "Lunch", position: 1 } });
    for (let i = 0; i < 12; i++) {
      const person = await createPerson({ name: `Demo attendee ${i + 1}` });
      await prisma.registration.create({
        data: {
          eventId: event.id,
          userId: person.user.id,
          status: "confirmed",
          ticketCode: crypto.randomBytes(4).toString("hex").toUpperCase(),
        },
      });
    }

    await seedDemoCheckIns({ organiser: organiser.actor });
    await seedDemoTeams({ organiser: organiser.actor });
    // Seeding twice changes nothing.
    await seedDemoCheckIns({ organiser: organiser.actor });
    await seedDemoTeams({ organiser: organiser.actor });

    const byCheckpoint = await prisma.checkpoint.findMany({
      where: { eventId: event.id },
      orderBy: { position: "asc" },
      select: { name: true, _count: { select: { checkIns: true } } },
    });
    expect(byCheckpoint.map((c) => [c.name, c._count.checkIns])).toEqual([
      ["Arrival", 11],
      ["Lunch", 5],
    ]);
    expect(
      await prisma.registration.count({ where: { eventId: event.id, walkIn: true, attendedAt: { not: null } } }),
    ).toBe(1);
    expect(
      await prisma.registration.count({ where: { eventId: event.id, status: "confirmed", attendedAt: null } }),
    ).toBe(2);
    const teams = await prisma.eventTeam.findMany({
      where: { eventId: event.id },
      select: { confirmedAt: true, project: { select: { eventId: true, members: true } }, members: true },
    });
    expect(teams).toHaveLength(3);
    for (const team of teams) {
      expect(team.confirmedAt).not.toBeNull();
      expect(team.project?.eventId).toBe(event.id);
      expect(team.project?.members.filter((m) => m.teamRole === "lead")).toHaveLength(1);
    }
    expect(new Set(teams.map((t) => t.members.length))).toEqual(new Set([4, 2]));
  });
});
