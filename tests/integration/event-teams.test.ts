import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import type { RegistrationStatus } from "~/generated/prisma/client";
import {
  confirmEventTeam,
  createEventTeam,
  eventTeamsPage,
  joinEventTeam,
  leaveEventTeam,
  moveToEventTeam,
  placeInEventTeam,
} from "~/models/event-teams/team.server";
import { prisma } from "~/services/db.server";
import { createEvent, createPerson, type Person } from "../factories";

// Teams at an event: people with a place create, join and leave teams, one team each; the
// organisers move people and confirm teams, which become projects with the team in them.

const code = () => Array.from(crypto.randomBytes(8), (b) => "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[b % 32]).join("");

async function register(
  eventId: string,
  person: Person | null,
  status: RegistrationStatus = "confirmed",
  guestName = "",
) {
  return prisma.registration.create({
    data: { eventId, userId: person?.user.id ?? null, guestName, status, ticketCode: code() },
  });
}

async function attendees(eventId: string, names: string[]) {
  const people: Person[] = [];
  for (const name of names) {
    const person = await createPerson({ name });
    await register(eventId, person);
    people.push(person);
  }
  return people;
}

describe("attendees and teams", () => {
  test("create, join and leave; one team per person; a team empties away", async () => {
    const { event, challenges } = await createEvent();
    const [ada, ben] = await attendees(event.id, ["Ada Lovelace", "Ben Ng"]);
    const { teamId } = await createEventTeam(ada!.actor, event.slug, {
      challengeId: challenges[0]!.id,
      name: "Pothole Hunters",
      summary: "Maps of repeat potholes",
    });
    await joinEventTeam(ben!.actor, event.slug, teamId);
    await expect(
      createEventTeam(ben!.actor, event.slug, { challengeId: challenges[1]!.id, name: "Bin Watch" }),
    ).rejects.toMatchObject({
      kind: "conflict",
      message: "You are already in “Pothole Hunters”. Leave it first.",
    });
    const page = await eventTeamsPage(ben!.actor, event.slug);
    expect(page.teams).toEqual([
      expect.objectContaining({
        name: "Pothole Hunters",
        members: [
          expect.objectContaining({ name: "Ada Lovelace", registrationId: null }),
          expect.objectContaining({ name: "Ben Ng" }),
        ],
      }),
    ]);
    expect(page.unassigned).toEqual([]);
    await leaveEventTeam(ben!.actor, event.slug);
    await leaveEventTeam(ada!.actor, event.slug);
    expect(await prisma.eventTeam.count({ where: { eventId: event.id } })).toBe(0);
  });

  test("the database's one-team-per-person rule answers as a message, not an error, when two joins race", async () => {
    const { event, challenges } = await createEvent();
    const [ada, ben] = await attendees(event.id, ["Ada", "Ben"]);
    const one = await createEventTeam(ada!.actor, event.slug, { challengeId: challenges[0]!.id, name: "One" });
    const [cat] = await attendees(event.id, ["Cat"]);
    const two = await createEventTeam(cat!.actor, event.slug, { challengeId: challenges[1]!.id, name: "Two" });
    const results = await Promise.allSettled([
      joinEventTeam(ben!.actor, event.slug, one.teamId),
      joinEventTeam(ben!.actor, event.slug, two.teamId),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { kind: "conflict" } });
  });

  test("a full team, a duplicate name, an unfeatured challenge and a waitlisted person are each refused clearly", async () => {
    const { event, challenges } = await createEvent();
    await prisma.event.update({ where: { id: event.id }, data: { teamSizeMax: 2 } });
    const [a, b, c] = await attendees(event.id, ["A", "B", "C"]);
    const { teamId } = await createEventTeam(a!.actor, event.slug, {
      challengeId: challenges[0]!.id,
      name: "Flood Finders",
    });
    await joinEventTeam(b!.actor, event.slug, teamId);
    await expect(joinEventTeam(c!.actor, event.slug, teamId)).rejects.toMatchObject({
      kind: "conflict",
      message: "“Flood Finders” is full (2 people).",
    });
    await expect(
      createEventTeam(c!.actor, event.slug, { challengeId: challenges[0]!.id, name: "  flood   FINDERS " }),
    ).rejects.toMatchObject({ field: "name" });
    const other = await createEvent();
    await expect(
      createEventTeam(c!.actor, event.slug, { challengeId: other.challenges[0]!.id, name: "Elsewhere" }),
    ).rejects.toMatchObject({ field: "challengeId" });
    const waiting = await createPerson();
    await register(event.id, waiting, "waitlisted");
    await expect(
      createEventTeam(waiting.actor, event.slug, { challengeId: challenges[0]!.id, name: "Waiting" }),
    ).rejects.toMatchObject({ kind: "forbidden" });
  });
});

describe("organisers and teams", () => {
  test("see the unassigned with their choices and shared skills, move people, and only they can", async () => {
    const { event, organiser, challenges } = await createEvent();
    const [ada, ben] = await attendees(event.id, ["Ada", "Ben"]);
    const benRegistration = await prisma.registration.findFirstOrThrow({
      where: { eventId: event.id, userId: ben!.user.id },
    });
    await prisma.registrationChoice.create({
      data: { registrationId: benRegistration.id, challengeId: challenges[1]!.id, rank: 1 },
    });
    const { teamId } = await createEventTeam(ada!.actor, event.slug, { challengeId: challenges[0]!.id, name: "Maps" });
    const { title } = await prisma.challenge.findUniqueOrThrow({ where: { id: challenges[1]!.id } });
    const page = await eventTeamsPage(organiser.actor, event.slug);
    expect(page.unassigned).toEqual([expect.objectContaining({ name: "Ben", choices: [title] })]);
    await expect(
      moveToEventTeam(ada!.actor, event.slug, { registrationId: benRegistration.id, teamId }),
    ).rejects.toMatchObject({ kind: "forbidden" });
    await moveToEventTeam(organiser.actor, event.slug, { registrationId: benRegistration.id, teamId });
    expect((await eventTeamsPage(organiser.actor, event.slug)).unassigned).toEqual([]);
  });

  test("placeInEventTeam (team formation's way in) makes a new team and moves people out of their old one", async () => {
    const { event, organiser, challenges } = await createEvent();
    const [ada] = await attendees(event.id, ["Ada"]);
    const registration = await prisma.registration.findFirstOrThrow({
      where: { eventId: event.id, userId: ada!.user.id },
    });
    const first = await prisma.$transaction((tx) =>
      placeInEventTeam(tx, {
        eventId: event.id,
        registrationId: registration.id,
        newTeam: { challengeId: challenges[0]!.id, name: "Suggested 1" },
        source: "organiser",
        actorId: organiser.user.id,
      }),
    );
    const second = await prisma.$transaction((tx) =>
      placeInEventTeam(tx, {
        eventId: event.id,
        registrationId: registration.id,
        newTeam: { challengeId: challenges[1]!.id, name: "Suggested 2" },
        source: "organiser",
        actorId: organiser.user.id,
      }),
    );
    expect(second).toMatchObject({ created: true, movedFromTeamId: first.teamId });
    expect(await prisma.eventTeam.findMany({ where: { eventId: event.id }, select: { name: true } })).toEqual([
      { name: "Suggested 2" },
    ]);
    expect(
      await prisma.eventTeamMember.findUniqueOrThrow({ where: { registrationId: registration.id } }),
    ).toMatchObject({ source: "organiser" });
  });

  test("confirming makes a project on the challenge with the team in it, led by its creator; walk-ins without an account stay out", async () => {
    const { event, organiser, challenges } = await createEvent();
    const [ada, ben, cat] = await attendees(event.id, ["Ada", "Ben", "Cat"]);
    const guest = await register(event.id, null, "confirmed", "Dev Guest");
    const { teamId } = await createEventTeam(ben!.actor, event.slug, {
      challengeId: challenges[0]!.id,
      name: "Pothole Hunters",
    });
    await joinEventTeam(ada!.actor, event.slug, teamId);
    await joinEventTeam(cat!.actor, event.slug, teamId);
    await moveToEventTeam(organiser.actor, event.slug, { registrationId: guest.id, teamId });
    await expect(confirmEventTeam(ben!.actor, event.slug, teamId)).rejects.toMatchObject({ kind: "forbidden" });
    const result = await confirmEventTeam(organiser.actor, event.slug, teamId);
    expect(result.withoutAccount).toEqual(["Dev Guest"]);
    const project = await prisma.project.findUniqueOrThrow({
      where: { slug: result.projectSlug },
      include: { members: true },
    });
    expect(project).toMatchObject({ title: "Pothole Hunters", eventId: event.id, challengeId: challenges[0]!.id });
    expect(Object.fromEntries(project.members.map((m) => [m.userId, m.teamRole]))).toEqual({
      [ben!.user.id]: "lead",
      [ada!.user.id]: "member",
      [cat!.user.id]: "member",
    });
    expect(await prisma.eventTeam.findUniqueOrThrow({ where: { id: teamId } })).toMatchObject({
      projectId: project.id,
    });
    await expect(leaveEventTeam(ada!.actor, event.slug)).rejects.toMatchObject({ kind: "conflict" });
    await expect(confirmEventTeam(organiser.actor, event.slug, teamId)).rejects.toMatchObject({ kind: "conflict" });
  });

  test("someone already in a team for that challenge is named and nothing is confirmed", async () => {
    const { event, organiser, challenges } = await createEvent();
    const [ada, ben] = await attendees(event.id, ["Ada Busy", "Ben"]);
    await prisma.teamMember.create({ data: { challengeId: challenges[0]!.id, userId: ada!.user.id } });
    const { teamId } = await createEventTeam(ben!.actor, event.slug, {
      challengeId: challenges[0]!.id,
      name: "Second Go",
    });
    await joinEventTeam(ada!.actor, event.slug, teamId);
    await expect(confirmEventTeam(organiser.actor, event.slug, teamId)).rejects.toMatchObject({
      kind: "conflict",
      message: expect.stringContaining("Ada Busy is already in a team for this challenge"),
    });
    expect(await prisma.project.count({ where: { eventId: event.id } })).toBe(0);
    expect(await prisma.teamMember.count({ where: { challengeId: challenges[0]!.id } })).toBe(1);
  });
});
