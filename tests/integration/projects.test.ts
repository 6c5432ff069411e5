import { describe, expect, test } from "vitest";
import { answerApplication, expressInterest } from "~/models/applications/applications.server";
import { deleteAccount, exportUserData } from "~/models/accounts/privacy.server";
import { getChallengePage } from "~/models/challenges/page.server";
import { DomainError } from "~/models/platform/errors";
import { projectPage } from "~/models/projects/page.server";
import { agreeDelivery, deleteProjectUpdate, postProjectUpdate, requestDelivery } from "~/models/projects/updates.server";
import {
  acceptDataTerms,
  answerTeamInvitation,
  changeTeamRole,
  inviteToTeam,
  leaveTeam,
  removeFromTeam,
  teamPage,
} from "~/models/projects/team.server";
import { action as projectAction, loader as projectLoader } from "~/routes/projects.$slug";
import { action as teamAction, loader as teamLoader } from "~/routes/projects.$slug_.team";
import { prisma } from "~/services/db.server";
import { createPerson, createProfile, createProject, createPublishedChallenge, createVerifiedCouncil, type Person } from "../factories";
import { context, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";

// Projects and teams through the model functions and the routes people use: roles,
// invitations (team size, expiry, no account leaks), leaving and the last lead, data terms and
// restricted links, updates, delivery. Real PostgreSQL; the clock is an argument where it matters.

const DAY = 86_400_000;
const SECRET_LINK = "https://data.example.gov.uk/secret/flood-households.csv";

async function refusal(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (DomainError.is(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

async function withPersonalDataset() {
  const world = await createProject();
  await prisma.dataset.create({
    data: {
      challengeId: world.challenge.id,
      title: "Households that flooded",
      link: SECRET_LINK,
      licence: "not_licensed",
      sensitivity: "official_sensitive",
      personalData: true,
      dpia: "yes",
      accessRoute: "secure_environment",
      retentionDate: new Date("2027-06-30"),
    },
  });
  return world;
}

const memberIdOf = async (projectId: string, person: Person) =>
  (await prisma.teamMember.findFirstOrThrow({ where: { projectId, userId: person.user.id }, select: { id: true } })).id;

async function postTeam(person: Person, slug: string, fields: Record<string, string>) {
  return settle(teamAction({ request: formRequest(`/projects/${slug}/team`, fields, person.cookie), params: { slug }, context }));
}

describe("team roles", () => {
  test("the lead makes a member lead and steps down; the last lead cannot step down", async () => {
    const { project, lead, members } = await createProject();
    const member = members[0]!;
    const leadMember = await memberIdOf(project.id, lead);
    const refused = await refusal(changeTeamRole(lead.actor, project.slug, leadMember, "member"));
    expect(refused).toMatchObject({ kind: "conflict", message: "A team needs a lead. Make someone else lead first." });
    await changeTeamRole(lead.actor, project.slug, await memberIdOf(project.id, member), "lead");
    await changeTeamRole(lead.actor, project.slug, leadMember, "member");
    const roles = await prisma.teamMember.findMany({ where: { projectId: project.id }, select: { userId: true, teamRole: true } });
    expect(Object.fromEntries(roles.map((r) => [r.userId, r.teamRole]))).toEqual({ [lead.user.id]: "member", [member.user.id]: "lead" });
    // The former lead can no longer change roles.
    expect(await refusal(changeTeamRole(lead.actor, project.slug, leadMember, "lead"))).toMatchObject({ kind: "forbidden" });
    const told = await prisma.notification.findMany({ where: { userId: member.user.id, kind: "project.team_changed" } });
    expect(told.map((n) => n.title)).toContain(`You are now a lead of “${project.title}”`);
  });
});

describe("invitations", () => {
  test("the answer does not say whether an address has an account; the person invited joins and is counted", async () => {
    const { project, lead } = await createProject();
    const friend = await createPerson({ name: "Invited Friend" });
    for (const email of ["nobody-here@example.org", friend.user.email!.toUpperCase()]) {
      const result = await postTeam(lead, project.slug, { intent: "invite", email, message: "Come and map floods with us" });
      // The same answer either way: a redirect with the same words, whoever the address is.
      expect(unwrap(result).status).toBe(302);
    }
    const invited = await prisma.projectInvitation.findMany({ where: { projectId: project.id } });
    expect(invited.map((i) => i.userId)).toEqual([friend.user.id]);
    expect(invited[0]!.expiresAt.getTime() - invited[0]!.createdAt.getTime()).toBe(14 * DAY);
    const note = await prisma.notification.findFirstOrThrow({ where: { userId: friend.user.id, kind: "project.invited" } });
    expect(note.href).toBe(`/projects/${project.slug}/team`);

    // Only insiders see the waiting invitation and its message.
    const stranger = await createPerson();
    expect((await teamPage(stranger.actor, project.slug)).invitations).toEqual([]);
    expect((await teamPage(lead.actor, project.slug)).invitations.map((i) => i.message)).toEqual(["Come and map floods with us"]);

    const page = await teamPage(friend.actor, project.slug);
    expect(page.myInvitation?.id).toBe(invited[0]!.id);
    const joined = await postTeam(friend, project.slug, { intent: "accept-invitation", invitationId: invited[0]!.id });
    expect(unwrap(joined).status).toBe(302);
    const place = await prisma.teamMember.findFirstOrThrow({ where: { projectId: project.id, userId: friend.user.id } });
    expect(place).toMatchObject({ teamRole: "member", leftAt: null });
    const events = await prisma.projectEvent.findMany({ where: { projectId: project.id, kind: "member_joined" } });
    expect(events.map((e) => e.title)).toContain("Invited Friend joined the team");
  });

  test("an invitation cannot fill a team past its size, and runs out after 14 days", async () => {
    const { project, challenge, lead } = await createProject();
    await prisma.challenge.update({ where: { id: challenge.id }, data: { teamSizeMax: 2 } });
    const late = await createPerson();
    const now = new Date();
    await inviteToTeam(lead.actor, project.slug, { intent: "invite", email: late.user.email! }, now);
    const invitation = await prisma.projectInvitation.findFirstOrThrow({ where: { projectId: project.id, userId: late.user.id } });
    expect(await refusal(answerTeamInvitation(late.actor, project.slug, invitation.id, true, now))).toMatchObject({
      kind: "conflict",
      message: "The team is full: all 2 places are taken.",
    });
    await prisma.challenge.update({ where: { id: challenge.id }, data: { teamSizeMax: 5 } });
    const expired = await refusal(answerTeamInvitation(late.actor, project.slug, invitation.id, true, new Date(now.getTime() + 15 * DAY)));
    expect(expired).toMatchObject({ kind: "gone" });
    expect(await prisma.teamMember.count({ where: { projectId: project.id, userId: late.user.id } })).toBe(0);
  });

  test("someone else cannot answer another person's invitation", async () => {
    const { project, lead } = await createProject();
    const invitee = await createPerson();
    const other = await createPerson();
    await inviteToTeam(lead.actor, project.slug, { intent: "invite", email: invitee.user.email! });
    const invitation = await prisma.projectInvitation.findFirstOrThrow({ where: { projectId: project.id } });
    expect(await refusal(answerTeamInvitation(other.actor, project.slug, invitation.id, true))).toMatchObject({ kind: "not_found" });
  });

  test("a bad email address is refused beside its field, with what was typed kept", async () => {
    const { project, lead } = await createProject();
    const result = unwrap(await postTeam(lead, project.slug, { intent: "invite", email: "not an address", message: "Hello" }));
    expect(result.status).toBe(400);
    const reply = formReply(result.body);
    expect(reply.errors.email).toBe("Enter an email address in the correct format, like name@example.org");
    expect(reply.values).toMatchObject({ email: "not an address", message: "Hello" });
  });
});

describe("leaving and removal", () => {
  test("the only lead cannot leave while others remain; after handing over they can, and their hours are freed", async () => {
    const { project, lead, members } = await createProject();
    const refused = unwrap(await postTeam(lead, project.slug, { intent: "leave" }));
    expect(refused.status).toBe(409);
    expect(formReply(refused.body).errors.form).toBe("You are the team's only lead. Make someone else lead before you leave.");
    await changeTeamRole(lead.actor, project.slug, await memberIdOf(project.id, members[0]!), "lead");
    await leaveTeam(lead.actor, project.slug);
    const place = await prisma.teamMember.findFirstOrThrow({ where: { projectId: project.id, userId: lead.user.id } });
    expect(place.leftAt).not.toBeNull();
    const outbox = await prisma.searchOutbox.findMany({ where: { indexName: "people", documentId: lead.user.id } });
    expect(outbox.length).toBeGreaterThan(0);
    const left = await prisma.projectEvent.findFirstOrThrow({ where: { projectId: project.id, kind: "member_left" } });
    expect(left.title).toBe(`${lead.user.displayName} left the team`);
  });

  test("the lead removes a member, who is told; a member cannot remove anyone", async () => {
    const { project, lead, members } = await createProject({ members: [await createPerson(), await createPerson()] });
    const [a, b] = members as [Person, Person];
    expect(await refusal(removeFromTeam(a.actor, project.slug, await memberIdOf(project.id, b)))).toMatchObject({ kind: "forbidden" });
    await removeFromTeam(lead.actor, project.slug, await memberIdOf(project.id, b));
    expect((await prisma.teamMember.findFirstOrThrow({ where: { projectId: project.id, userId: b.user.id } })).leftAt).not.toBeNull();
    const told = await prisma.notification.findFirstOrThrow({ where: { userId: b.user.id, kind: "project.team_changed" } });
    expect(told.title).toBe(`You were removed from the team for “${project.title}”`);
  });
});

describe("data terms and restricted links", () => {
  test("a member sees no personal-data link before accepting, sees it after, and loses it on leaving", async () => {
    const { project, challenge, members } = await withPersonalDataset();
    const member = members[0]!;
    const before = await projectPage(member.actor, project.slug);
    expect(before.terms?.waiting).toBe(1);
    expect(JSON.stringify(before)).not.toContain(SECRET_LINK);
    expect(JSON.stringify(await getChallengePage(challenge.slug, member.actor))).not.toContain(SECRET_LINK);

    const accepted = await settle(projectAction({ request: formRequest(`/projects/${project.slug}`, { intent: "accept-terms" }, member.cookie), params: { slug: project.slug }, context }));
    expect(unwrap(accepted).status).toBe(302);
    const after = await projectPage(member.actor, project.slug);
    expect(after.terms?.datasets.map((d) => d.link)).toEqual([SECRET_LINK]);
    expect(JSON.stringify(await getChallengePage(challenge.slug, member.actor))).toContain(SECRET_LINK);
    const audit = await prisma.auditLog.findFirst({ where: { action: "projects.accept_terms", actorId: member.user.id } });
    expect(audit).not.toBeNull();

    await leaveTeam(member.actor, project.slug);
    expect(JSON.stringify(await getChallengePage(challenge.slug, member.actor))).not.toContain(SECRET_LINK);
    expect(await refusal(acceptDataTerms(member.actor, project.slug))).toMatchObject({ kind: "forbidden" });
  });

  test("the public and other people never get the link or the terms", async () => {
    const { project } = await withPersonalDataset();
    const stranger = await createPerson();
    for (const viewer of [null, stranger.actor]) {
      const page = await projectPage(viewer, project.slug);
      expect(page.terms).toBeNull();
      expect(JSON.stringify(page)).not.toContain(SECRET_LINK);
    }
  });
});

describe("team updates", () => {
  test("an update is sanitised when shown, is on the timeline, and only its author may delete it", async () => {
    const { project, lead, members } = await createProject();
    const body = 'We mapped **12 wards**. <script>alert(1)</script><a href="javascript:alert(2)">x</a>';
    const { id } = await postProjectUpdate(members[0]!.actor, project.slug, body);
    const page = await projectPage(null, project.slug);
    expect(page.updates[0]!.html).toContain("<strong>12 wards</strong>");
    expect(page.updates[0]!.html).not.toMatch(/<script|javascript:/);
    expect(page.timeline.events[0]).toMatchObject({ kind: "Team update" });
    expect(await refusal(deleteProjectUpdate(lead.actor, project.slug, id))).toMatchObject({ kind: "forbidden" });
    await deleteProjectUpdate(members[0]!.actor, project.slug, id);
    expect(await prisma.projectUpdate.count({ where: { projectId: project.id } })).toBe(0);
    expect(await prisma.projectEvent.count({ where: { projectId: project.id, kind: "update" } })).toBe(0);
  });

  test("an empty or too long update is refused beside the field with the text kept; outsiders cannot post", async () => {
    const { project, lead } = await createProject();
    const long = "a".repeat(2001);
    for (const [body, message] of [
      ["   ", "Write your update"],
      [long, "Update must be 2,000 characters or fewer"],
    ] as const) {
      const result = unwrap(await settle(projectAction({ request: formRequest(`/projects/${project.slug}`, { intent: "post-update", body }, lead.cookie), params: { slug: project.slug }, context })));
      expect(result.status).toBe(400);
      expect(formReply(result.body).errors.body).toBe(message);
      expect(formReply(result.body).values.body).toBe(body);
    }
    const stranger = await createPerson();
    const refused = await settle(projectAction({ request: formRequest(`/projects/${project.slug}`, { intent: "post-update", body: "hi" }, stranger.cookie), params: { slug: project.slug }, context }));
    expect(unwrap(refused).status).toBe(403);
  });
});

describe("delivery", () => {
  test("the team marks it delivered, the council agrees: the stage is delivered and the challenge moves on", async () => {
    const { project, challenge, owner, lead } = await createProject();
    expect(await refusal(agreeDelivery(owner.actor, project.slug))).toMatchObject({ kind: "conflict" });
    expect(await refusal(requestDelivery(owner.actor, project.slug))).toMatchObject({ kind: "forbidden" });
    await requestDelivery(lead.actor, project.slug);
    expect(await refusal(agreeDelivery(lead.actor, project.slug))).toMatchObject({ kind: "forbidden" });
    await agreeDelivery(owner.actor, project.slug);
    const after = await prisma.project.findUniqueOrThrow({ where: { id: project.id } });
    expect(after.stage).toBe("delivered");
    expect((await prisma.challenge.findUniqueOrThrow({ where: { id: challenge.id } })).status).toBe("delivered");
    const statusEvents = await prisma.challengeEvent.findMany({ where: { challengeId: challenge.id, kind: "status" } });
    expect(statusEvents.map((e) => e.toStatus)).toContain("delivered");
  });

  test("the first team place starts an open challenge, through its lifecycle", async () => {
    const { council, owner } = await createVerifiedCouncil();
    const challenge = await createPublishedChallenge({ council, author: owner, status: "open" });
    const person = await createPerson();
    await createProfile({ person, skills: [{ slug: "geospatial-analysis", level: "practised" }] });
    const offer = await expressInterest(person.actor, challenge.slug, { role: "Mapping", message: "I can help." });
    await answerApplication(owner.actor, offer.id, { intent: "accept", hours: undefined });
    expect((await prisma.challenge.findUniqueOrThrow({ where: { id: challenge.id } })).status).toBe("in_progress");
    const audit = await prisma.auditLog.findFirst({ where: { subjectId: challenge.id, action: "challenge.start" } });
    expect(audit?.actorId).toBe(owner.user.id);
  });
});

describe("the project page", () => {
  test("sync errors are shown to insiders only; bad page numbers are answered with page 1", async () => {
    const { project, lead, owner } = await createProject();
    await prisma.repository.create({
      data: {
        projectId: project.id,
        owner: "nettle-demo",
        name: "floods",
        fullNameKey: "nettle-demo/floods",
        htmlUrl: "https://github.com/nettle-demo/floods",
        syncStatus: "failed",
        syncError: "GitHub says the repository no longer exists",
        commitWeeks: [
          { week: "2026-11-09", commits: 8 },
          { week: "2026-11-16", commits: 2 },
        ],
      },
    });
    const stranger = await createPerson();
    const seen = async (person: Person | null, query = "") =>
      JSON.stringify(unwrap(await settle(projectLoader({ request: getRequest(`/projects/${project.slug}${query}`, person?.cookie), params: { slug: project.slug }, context }))).body);
    expect(await seen(lead)).toContain("GitHub says the repository no longer exists");
    expect(await seen(owner)).toContain("GitHub says the repository no longer exists");
    expect(await seen(stranger)).not.toContain("GitHub says the repository no longer exists");
    expect(await seen(null)).not.toContain("GitHub says the repository no longer exists");
    for (const query of ["?page=0", "?page=-1", "?page=abc", "?page=99999999999", "?page=2"]) {
      const result = unwrap(await settle(projectLoader({ request: getRequest(`/projects/${project.slug}${query}`), params: { slug: project.slug }, context })));
      expect(result.status).toBe(200);
      expect((result.body as { timeline: { page: number } }).timeline.page).toBe(1);
    }
  });

  test("the timeline pages 30 at a time, newest first", async () => {
    const { project } = await createProject();
    const base = Date.now() - 100 * DAY;
    await prisma.projectEvent.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({ projectId: project.id, kind: "push", source: "sync", occurredAt: new Date(base + i * DAY), title: `push ${i}` })),
    });
    const first = await projectPage(null, project.slug, 1);
    expect(first.timeline.events).toHaveLength(30);
    expect(first.timeline.totalPages).toBe(2);
    const second = await projectPage(null, project.slug, 2);
    expect(second.timeline.events.at(-1)?.title).toBe("push 0");
  });

  test("a project of a challenge nobody may see answers 404", async () => {
    const { project } = await createProject({ status: "withdrawn" });
    const result = await settle(teamLoader({ request: getRequest(`/projects/${project.slug}/team`), params: { slug: project.slug }, context }));
    expect(unwrap(result).status).toBe(404);
  });
});

describe("data download and deleting an account", () => {
  test("a person's team places, updates and invitations are in their download; deleting the account removes their place and authorship", async () => {
    const { project, lead, members } = await createProject();
    const member = members[0]!;
    await postProjectUpdate(lead.actor, project.slug, "Lead's own words about the maps");
    await inviteToTeam(lead.actor, project.slug, { intent: "invite", email: member.user.email!, message: "Already here" });
    const friend = await createPerson();
    await inviteToTeam(lead.actor, project.slug, { intent: "invite", email: friend.user.email!, message: "Join us, friend" });
    const download = await exportUserData(lead.actor, lead.user.id);
    expect(download?.projectPlaces.map((p) => [p.project?.slug, p.teamRole])).toEqual([[project.slug, "lead"]]);
    expect(download?.projectUpdates.map((u) => u.body)).toEqual(["Lead's own words about the maps"]);
    expect(download?.projectInvitations.map((i) => [i.message, i.direction])).toEqual([["Join us, friend", "sent"]]);

    await deleteAccount(lead.actor, lead.user.id, "delete");
    const place = await prisma.teamMember.findFirstOrThrow({ where: { projectId: project.id, userId: lead.user.id } });
    expect(place.leftAt).not.toBeNull();
    // The team is not left without a lead.
    expect((await prisma.teamMember.findFirstOrThrow({ where: { projectId: project.id, userId: member.user.id } })).teamRole).toBe("lead");
    const page = await projectPage(null, project.slug);
    expect(page.updates.map((u) => u.author)).toEqual(["A former member"]);
    expect(page.team.map((m) => m.name)).not.toContain(lead.user.displayName);
    expect(await prisma.projectUpdate.count({ where: { authorId: lead.user.id } })).toBe(0);
    // Their name leaves the timeline's words too, not only the link to their account.
    const titles = (await prisma.projectEvent.findMany({ where: { projectId: project.id }, select: { title: true } })).map((e) => e.title);
    expect(titles.filter((title) => title.includes(lead.user.displayName))).toEqual([]);
    expect(titles).toContain("A former member joined the team as its lead");
  });
});
