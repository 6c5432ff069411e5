import { describe, expect, test } from "vitest";
import { answerApplication, expressInterest } from "~/models/applications/applications.server";
import { authorizeProject } from "~/models/projects/policy.server";
import { recordProjectEvents } from "~/models/projects/timeline.server";
import { prisma } from "~/services/db.server";
import { createPerson, createProfile, createProject, createPublishedChallenge, createVerifiedCouncil } from "../factories";

// The shared core of projects: a project is made when the council accepts the first team
// member, who leads it; the timeline records each fact once and moves the stage.

describe("a project is made with the first accepted team member", () => {
  test("accepting an offer of help creates the project, led by that person; the next person is a member", async () => {
    const { council, owner } = await createVerifiedCouncil();
    const challenge = await createPublishedChallenge({ council, author: owner });
    const first = await createPerson({ name: "First Volunteer" });
    const second = await createPerson({ name: "Second Volunteer" });
    for (const person of [first, second]) {
      await createProfile({ person, skills: [{ slug: "geospatial-analysis", level: "practised" }] });
      const offer = await expressInterest(person.actor, challenge.slug, { role: "Mapping", message: "I can help with the maps." });
      await answerApplication(owner.actor, offer.id, { intent: "accept", hours: undefined });
    }
    const projects = await prisma.project.findMany({ where: { challengeId: challenge.id }, include: { members: true } });
    expect(projects).toHaveLength(1);
    const roles = Object.fromEntries(projects[0]!.members.map((m) => [m.userId, m.teamRole]));
    expect(roles).toEqual({ [first.user.id]: "lead", [second.user.id]: "member" });
    const timeline = await prisma.projectEvent.findMany({ where: { projectId: projects[0]!.id }, orderBy: { id: "asc" } });
    expect(timeline.map((e) => e.title)).toEqual(["First Volunteer joined the team as its lead", "Second Volunteer joined the team"]);
  });
});

describe("the timeline", () => {
  test("the same fact seen by a webhook and by the sync is recorded once, and commits make the project active", async () => {
    const { project } = await createProject();
    await prisma.repository.create({
      data: { projectId: project.id, owner: "o", name: "n", fullNameKey: "o/n", htmlUrl: "https://github.com/o/n", lastCommitAt: new Date() },
    });
    const push = { kind: "push" as const, source: "webhook" as const, occurredAt: new Date(), title: "2 commits to main", dedupeKey: "head:abc" };
    const added = await prisma.$transaction((tx) => recordProjectEvents(tx, project.id, [push]));
    const again = await prisma.$transaction((tx) => recordProjectEvents(tx, project.id, [{ ...push, source: "sync" }]));
    expect([added, again]).toEqual([1, 0]);
    const after = await prisma.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(after.stage).toBe("active");
    expect(after.lastActivityAt).toEqual(push.occurredAt);
  });

  test("someone outside the team may see the project of a public challenge but not post to it", async () => {
    const { project } = await createProject();
    const stranger = await createPerson();
    await expect(authorizeProject(stranger.actor, { id: project.id }, "view")).resolves.toBeTruthy();
    await expect(authorizeProject(stranger.actor, { id: project.id }, "postUpdate")).rejects.toMatchObject({ kind: "forbidden" });
  });
});
