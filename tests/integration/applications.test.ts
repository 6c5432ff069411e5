import { beforeAll, describe, expect, test } from "vitest";
import type { Organisation } from "~/generated/prisma/client";
import { answerApplication, expressInterest, inviteParticipant } from "~/models/applications/applications.server";
import { expireInvitations, remindAboutUnansweredInterest } from "~/models/applications/jobs.server";
import { deleteAccount, exportUserData } from "~/models/accounts/privacy.server";
import { DomainError } from "~/models/platform/errors";
import { loader as auditLoader } from "~/routes/admin.audit";
import { action as applicationAction, loader as applicationLoader } from "~/routes/applications.$id";
import { loader as challengeApplicationsLoader } from "~/routes/challenges_.$slug.applications";
import { action as interestAction, loader as interestLoader } from "~/routes/challenges_.$slug.interest";
import { action as inviteAction } from "~/routes/challenges_.$slug.invite.$userId";
import { loader as myApplicationsLoader } from "~/routes/account.applications";
import { prisma } from "~/services/db.server";
import { createHub, createPerson, createProfile, createPublishedChallenge, createVerifiedCouncil, type Person } from "../factories";
import { context, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";

// Offers of help, invitations and team places, through the routes people use and the model
// functions called directly as the wrong person. Real PostgreSQL; the clock is an argument.

const DAY = 86_400_000;

let council: Organisation;
let officer: Person;
let colleague: Person;
let organiser: Person;

beforeAll(async () => {
  ({ council, owner: officer } = await createVerifiedCouncil({ code: "WKF" }));
  colleague = await createPerson({ name: "Colleague" });
  await prisma.membership.create({ data: { userId: colleague.user.id, organisationId: council.id, role: "member" } });
  ({ organiser } = await createHub({ region: council.region! }));
});

const challenge = (options: { teamSizeMax?: number; status?: "open" | "delivered" } = {}) =>
  createPublishedChallenge({ council, author: officer, status: options.status }).then(async (c) =>
    options.teamSizeMax === undefined ? c : prisma.challenge.update({ where: { id: c.id }, data: { teamSizeMax: options.teamSizeMax } }),
  );

async function volunteer(hoursPerWeek = 6) {
  return (await createProfile({ skills: [{ slug: "python", level: "practised" }], hoursPerWeek })).person;
}

async function offer(person: Person, slug: string, fields: Record<string, string>) {
  return settle(interestAction({ request: formRequest(`/challenges/${slug}/interest`, fields, person.cookie), params: { slug }, context }));
}

async function answer(person: Person, id: string, fields: Record<string, string>) {
  return settle(applicationAction({ request: formRequest(`/applications/${id}`, fields, person.cookie), params: { id }, context }));
}

const notificationsOf = (userId: string, kind: string) =>
  prisma.notification.findMany({ where: { userId, kind }, orderBy: { createdAt: "asc" }, select: { title: true, body: true, href: true } });

async function refusal(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (DomainError.is(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("offering help", () => {
  test("a volunteer offers help with a role and a note; the council's members are told, by email too", async () => {
    const c = await challenge();
    const person = await volunteer();
    const page = unwrap(await settle(interestLoader({ request: getRequest(`/challenges/${c.slug}/interest`, person.cookie), params: { slug: c.slug }, context })));
    expect(page.body).toMatchObject({ recruiting: true, pendingId: null, maxPending: 5 });

    const sent = await offer(person, c.slug, { role: "GIS analyst", message: "I map flood data for a living." });
    expect(sent).toBeInstanceOf(Response);
    const location = (sent as Response).headers.get("location")!;
    expect(location).toMatch(/^\/applications\/\w+$/);
    const application = await prisma.challengeApplication.findFirstOrThrow({ where: { userId: person.user.id, challengeId: c.id } });
    expect(application).toMatchObject({ direction: "interest", status: "pending", role: "GIS analyst", message: "I map flood data for a living." });

    for (const member of [officer, colleague]) {
      const told = await notificationsOf(member.user.id, "interest.received");
      expect(told.map((n) => n.href)).toContain(`/applications/${application.id}`);
    }
    expect(await prisma.mail.count({ where: { to: officer.user.email!, template: "notification", subject: { startsWith: `${person.user.displayName} offers to help` } } })).toBeGreaterThan(0);
    expect(await prisma.auditLog.count({ where: { action: "applications.express_interest", subjectId: application.id } })).toBe(1);
    // The audit page names it and links to it.
    const admin = await createPerson({ admin: true });
    const audit = unwrap(await settle(auditLoader({ request: getRequest("/admin/audit", admin.cookie), params: {}, context })));
    expect(JSON.stringify(audit.body)).toContain(`"text":"Offer of help or invitation (${council.name})","href":"/applications/${application.id}"`);
  });

  test("missing and oversized fields are refused beside the field, with what was typed kept", async () => {
    const c = await challenge();
    const person = await volunteer();
    const empty = unwrap(await offer(person, c.slug, { role: "", message: "" }));
    expect(empty.status).toBe(400);
    expect(formReply(empty.body).errors).toEqual({
      role: "Say what role you would take, like “GIS analyst”",
      message: "Write a short note to the council",
    });
    const long = unwrap(await offer(person, c.slug, { role: "Analyst", message: "x".repeat(1001) }));
    expect(long.status).toBe(400);
    expect(formReply(long.body).errors.message).toBe("Note must be 1,000 characters or fewer");
    expect(formReply(long.body).values.role).toBe("Analyst");
    expect(await prisma.challengeApplication.count({ where: { userId: person.user.id } })).toBe(0);
  });

  test("not twice while one is waiting, and not on a challenge that is not looking for people", async () => {
    const c = await challenge();
    const person = await volunteer();
    await offer(person, c.slug, { role: "Analyst", message: "First" });
    const again = unwrap(await offer(person, c.slug, { role: "Analyst", message: "Second" }));
    expect(again.status).toBe(409);
    expect(formReply(again.body).errors.message).toMatch(/already offered to help/);
    expect(formReply(again.body).values.message).toBe("Second");

    const delivered = await challenge({ status: "delivered" });
    const closed = unwrap(await offer(person, delivered.slug, { role: "Analyst", message: "Hello" }));
    expect(closed.status).toBe(409);
    expect(formReply(closed.body).errors.message).toBe("This challenge is not looking for people at the moment.");
  });

  test("at most NETTLE_MAX_PENDING_APPLICATIONS (5) offers wait at once; withdrawing one makes room", async () => {
    const person = await volunteer();
    const challenges = await Promise.all(Array.from({ length: 6 }, () => challenge()));
    const ids: string[] = [];
    for (const c of challenges.slice(0, 5)) ids.push((await expressInterest(person.actor, c.slug, { role: "Analyst", message: "Hi" })).id);
    const sixth = unwrap(await offer(person, challenges[5]!.slug, { role: "Analyst", message: "One more" }));
    expect(sixth.status).toBe(409);
    expect(formReply(sixth.body).errors.message).toMatch(/^You can have up to 5 offers of help waiting for an answer/);
    expect(formReply(sixth.body).values).toMatchObject({ role: "Analyst", message: "One more" });

    await answer(person, ids[0]!, { intent: "withdraw" });
    expect(await prisma.challengeApplication.findUniqueOrThrow({ where: { id: ids[0] } })).toMatchObject({ status: "withdrawn" });
    expect(await offer(person, challenges[5]!.slug, { role: "Analyst", message: "One more" })).toBeInstanceOf(Response);
  });

  test("the council's own members may not offer help, nor may someone who has not confirmed their address", async () => {
    const c = await challenge();
    const refused = unwrap(await offer(colleague, c.slug, { role: "Analyst", message: "Me" }));
    expect(refused.status).toBe(403);
    const direct = await refusal(expressInterest(officer.actor, c.slug, { role: "Analyst", message: "Me" }));
    expect(direct.kind).toBe("forbidden");
    const unconfirmed = await createPerson({ verified: false });
    expect((await refusal(expressInterest(unconfirmed.actor, c.slug, { role: "Analyst", message: "Me" }))).kind).toBe("forbidden");
    expect(await prisma.challengeApplication.count({ where: { challengeId: c.id } })).toBe(0);
  });
});

describe("invitations", () => {
  test("a council member invites a matched person; they are told, and the invitation runs out in 14 days", async () => {
    const c = await challenge();
    const person = await volunteer();
    const now = new Date();
    const { id } = await inviteParticipant(colleague.actor, c.slug, person.user.id, { message: "Your mapping would help." }, now);
    const row = await prisma.challengeApplication.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ direction: "invitation", status: "pending", invitedById: colleague.user.id });
    expect(row.expiresAt!.getTime() - now.getTime()).toBe(14 * DAY);
    const told = await notificationsOf(person.user.id, "invitation.received");
    expect(told).toEqual([{ title: `${council.name} invites you to “${c.title}”`, body: "Your mapping would help.", href: `/applications/${id}` }]);
    expect(await prisma.mail.count({ where: { to: person.user.email!, template: "notification", text: { contains: `/applications/${id}` } } })).toBe(1);
  });

  test("hidden profiles and people not open to invitations cannot be invited (and are not revealed)", async () => {
    const c = await challenge();
    const hidden = (await createProfile({ visibility: "private" })).person;
    const closed = (await createProfile({ openToInvitations: false })).person;
    const noProfile = await createPerson();
    for (const person of [hidden, closed, noProfile]) {
      const result = await settle(
        inviteAction({
          request: formRequest(`/challenges/${c.slug}/invite/${person.user.id}`, { message: "Join us" }, officer.cookie),
          params: { slug: c.slug, userId: person.user.id },
          context,
        }),
      );
      expect(unwrap(result).status).toBe(404);
    }
    expect(await prisma.challengeApplication.count({ where: { challengeId: c.id } })).toBe(0);
  });

  test("only the council's members may invite", async () => {
    const c = await challenge();
    const person = await volunteer();
    const outsider = await volunteer();
    for (const actor of [outsider.actor, organiser.actor]) {
      expect((await refusal(inviteParticipant(actor, c.slug, person.user.id, { message: "Hi" }))).kind).toBe("forbidden");
    }
    const form = unwrap(
      await settle(
        inviteAction({
          request: formRequest(`/challenges/${c.slug}/invite/${person.user.id}`, { message: "" }, officer.cookie),
          params: { slug: c.slug, userId: person.user.id },
          context,
        }),
      ),
    );
    expect(form.status).toBe(400);
    expect(formReply(form.body).errors.message).toBe("Write a message to the person you are inviting");
  });
});

describe("answering", () => {
  test("signed out, the invitation's page sends the person to sign in and back to the same page", async () => {
    const c = await challenge();
    const person = await volunteer();
    const { id } = await inviteParticipant(officer.actor, c.slug, person.user.id, { message: "Come" });
    const result = await settle(applicationLoader({ request: getRequest(`/applications/${id}`), params: { id }, context }));
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).headers.get("location")).toBe(`/signin?redirectTo=${encodeURIComponent(`/applications/${id}`)}`);
    const page = unwrap(await settle(applicationLoader({ request: getRequest(`/applications/${id}`, person.cookie), params: { id }, context })));
    expect(page.body).toMatchObject({ status: "pending", viewerIsParticipant: true, can: { answer: true, withdraw: false, addToTeam: false } });
  });

  test("an accepted invitation tells the inviter; the council then accepts the person into the team with their hours", async () => {
    const c = await challenge();
    const person = await volunteer(7);
    const { id } = await inviteParticipant(colleague.actor, c.slug, person.user.id, { message: "Come" });
    expect(await answer(person, id, { intent: "accept" })).toBeInstanceOf(Response);
    expect(await prisma.challengeApplication.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "accepted", respondedById: person.user.id });
    expect((await notificationsOf(colleague.user.id, "application.accepted")).map((n) => n.href)).toContain(`/applications/${id}`);
    // Only the inviter is told, not every member.
    expect((await notificationsOf(officer.user.id, "application.accepted")).map((n) => n.href)).not.toContain(`/applications/${id}`);
    expect(await prisma.teamMember.count({ where: { challengeId: c.id } })).toBe(0);

    const councilPage = unwrap(await settle(applicationLoader({ request: getRequest(`/applications/${id}`, officer.cookie), params: { id }, context })));
    expect(councilPage.body).toMatchObject({ can: { addToTeam: true, answer: false } });
    expect(await answer(officer, id, { intent: "add-to-team", hours: "" })).toBeInstanceOf(Response);
    expect(await prisma.teamMember.findFirstOrThrow({ where: { challengeId: c.id } })).toMatchObject({
      userId: person.user.id,
      hoursPerWeek: 7,
      applicationId: id,
      acceptedById: officer.user.id,
    });
    expect((await notificationsOf(person.user.id, "application.accepted")).map((n) => n.title)).toContain(`You are in the team for “${c.title}”`);
    const again = unwrap(await answer(officer, id, { intent: "add-to-team" }));
    expect(again.status).toBe(409);
    expect(await prisma.auditLog.count({ where: { subjectId: id, action: { in: ["applications.accept", "applications.add_to_team"] } } })).toBe(2);
  });

  test("accepting an offer gives a team place at once, with hours the council chose", async () => {
    const c = await challenge();
    const person = await volunteer(6);
    const { id } = await expressInterest(person.actor, c.slug, { role: "Cleaner of data", message: "Hello" });
    expect(await answer(colleague, id, { intent: "accept", hours: "3" })).toBeInstanceOf(Response);
    expect(await prisma.teamMember.findFirstOrThrow({ where: { challengeId: c.id } })).toMatchObject({ userId: person.user.id, role: "Cleaner of data", hoursPerWeek: 3 });
    expect(await notificationsOf(person.user.id, "application.accepted")).toHaveLength(1);
    const bad = unwrap(await answer(colleague, (await expressInterest((await volunteer()).actor, c.slug, { role: "A", message: "B" })).id, { intent: "accept", hours: "200" }));
    expect(bad.status).toBe(400);
    expect(formReply(bad.body).errors.hours).toBe("Hours a week must be 60 or fewer");
  });

  test("a decline is always told to the other side: the council's note, or kind default words", async () => {
    const c = await challenge();
    const helper = await volunteer();
    const offerId = (await expressInterest(helper.actor, c.slug, { role: "Analyst", message: "Hi" })).id;
    await answer(officer, offerId, { intent: "decline", note: "We have found a team already – thank you." });
    expect(await notificationsOf(helper.user.id, "application.declined")).toEqual([
      { title: `${council.name} has answered your offer to help with “${c.title}”`, body: "We have found a team already – thank you.", href: `/applications/${offerId}` },
    ]);

    const invited = await volunteer();
    const invitationId = (await inviteParticipant(officer.actor, c.slug, invited.user.id, { message: "Come" })).id;
    await answer(invited, invitationId, { intent: "decline", note: "" });
    const told = await notificationsOf(officer.user.id, "application.declined");
    expect(told.find((n) => n.href === `/applications/${invitationId}`)).toEqual({
      title: `${invited.user.displayName} declined the invitation to “${c.title}”`,
      body: "Thank you for thinking of me. I will not be taking part in this challenge.",
      href: `/applications/${invitationId}`,
    });
    // Answered is answered: the page says so (409), and an expired invitation says it ran out (410).
    const twice = unwrap(await answer(invited, invitationId, { intent: "accept" }));
    expect(twice.status).toBe(409);
    expect(formReply(twice.body).errors.form).toBe("This has already been answered: it is “Declined”.");
    const late = await volunteer();
    const lateId = (await inviteParticipant(officer.actor, c.slug, late.user.id, { message: "Come" }, new Date(Date.now() - 15 * DAY))).id;
    const expired = unwrap(await answer(late, lateId, { intent: "accept" }));
    expect(expired.status).toBe(410);
    expect(formReply(expired.body).errors.form).toMatch(/^This invitation has run out/);
    const page = unwrap(await settle(applicationLoader({ request: getRequest(`/applications/${lateId}`, late.cookie), params: { id: lateId }, context })));
    expect(page.body).toMatchObject({ status: "expired", can: { answer: false } });
  });

  test("nobody answers for the other side: forbidden actors called directly, strangers told it does not exist", async () => {
    const c = await challenge();
    const helper = await volunteer();
    const stranger = await volunteer();
    const { id } = await expressInterest(helper.actor, c.slug, { role: "Analyst", message: "Private words" });
    // The helper cannot accept their own offer; a hub organiser may read it but not answer it.
    expect((await refusal(answerApplication(helper.actor, id, { intent: "accept" }))).kind).toBe("forbidden");
    expect((await refusal(answerApplication(organiser.actor, id, { intent: "accept" }))).kind).toBe("forbidden");
    expect((await refusal(answerApplication(stranger.actor, id, { intent: "decline" }))).kind).toBe("not_found");
    expect((await refusal(answerApplication(officer.actor, id, { intent: "withdraw" }))).kind).toBe("forbidden");
    const strangerPage = await settle(applicationLoader({ request: getRequest(`/applications/${id}`, stranger.cookie), params: { id }, context }));
    expect(unwrap(strangerPage).status).toBe(404);
    expect(await (strangerPage as Response).text()).not.toContain("Private words");
    const hubPage = unwrap(await settle(applicationLoader({ request: getRequest(`/applications/${id}`, organiser.cookie), params: { id }, context })));
    expect(hubPage.body).toMatchObject({ message: "Private words", can: { answer: false } });
    expect(await prisma.challengeApplication.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "pending" });
  });

  test("never more than the team's places: of four acceptances made at once for the last place, one wins", async () => {
    const c = await challenge({ teamSizeMax: 2 });
    const first = await volunteer();
    await answerApplication(officer.actor, (await expressInterest(first.actor, c.slug, { role: "A", message: "B" })).id, { intent: "accept" });
    const offers: string[] = [];
    for (let i = 0; i < 4; i++) offers.push((await expressInterest((await volunteer()).actor, c.slug, { role: "A", message: "B" })).id);
    const results = await Promise.allSettled(
      offers.map((id, i) => answerApplication((i % 2 ? colleague : officer).actor, id, { intent: "accept" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const failure of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(DomainError.is(failure.reason) && failure.reason.message).toBe("The team is full: all 2 places are taken.");
    }
    expect(await prisma.teamMember.count({ where: { challengeId: c.id, leftAt: null } })).toBe(2);
    // A refused acceptance leaves the offer waiting, so the council can still decline it kindly.
    expect(await prisma.challengeApplication.count({ where: { id: { in: offers }, status: "pending" } })).toBe(3);
  });
});

describe("lists", () => {
  test("the participant sees their own; the council sees the challenge's offers and team, without the notes", async () => {
    const c = await challenge();
    const helper = await volunteer();
    const { id } = await expressInterest(helper.actor, c.slug, { role: "Analyst", message: "Note only on its own page" });
    const mine = unwrap(await settle(myApplicationsLoader({ request: getRequest("/account/applications", helper.cookie), params: {}, context })));
    expect(mine.body).toMatchObject({ applications: [{ id, status: "pending", direction: "interest", challenge: { slug: c.slug } }] });
    const list = unwrap(
      await settle(challengeApplicationsLoader({ request: getRequest(`/challenges/${c.slug}/applications`, officer.cookie), params: { slug: c.slug }, context })),
    );
    expect(list.body).toMatchObject({ applications: [{ id, person: { id: helper.user.id } }], team: [] });
    expect(JSON.stringify(list.body)).not.toContain("Note only on its own page");
    const refused = await settle(
      challengeApplicationsLoader({ request: getRequest(`/challenges/${c.slug}/applications`, helper.cookie), params: { slug: c.slug }, context }),
    );
    expect(unwrap(refused).status).toBe(403);
  });
});

describe("the person's own data", () => {
  test("the data download has their offers, team places and notifications; deleting the account withdraws what waits and forgets the notes", async () => {
    const c = await challenge();
    const other = await challenge();
    const helper = await volunteer(4);
    const accepted = (await expressInterest(helper.actor, c.slug, { role: "Mapper", message: "Accepted note" })).id;
    await answerApplication(officer.actor, accepted, { intent: "accept" });
    const waiting = (await expressInterest(helper.actor, other.slug, { role: "Analyst", message: "Waiting note" })).id;
    const download = await exportUserData(helper.actor, helper.user.id);
    expect(download?.applications.map((a) => [a.challenge.slug, a.status, a.message])).toEqual([
      [c.slug, "accepted", "Accepted note"],
      [other.slug, "pending", "Waiting note"],
    ]);
    expect(download?.teamPlaces).toEqual([expect.objectContaining({ role: "Mapper", hoursPerWeek: 4, challenge: { title: c.title, slug: c.slug } })]);
    expect(download?.notifications.map((n) => n.kind)).toEqual(["application.accepted"]);

    await deleteAccount(helper.actor, helper.user.id, "delete");
    const rows = await prisma.challengeApplication.findMany({ where: { userId: helper.user.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((row) => [row.id, row.status, row.message, row.role])).toEqual([
      [accepted, "accepted", "", ""],
      [waiting, "withdrawn", "", ""],
    ]);
    expect(await prisma.notification.count({ where: { userId: helper.user.id } })).toBe(0);
    expect(await prisma.teamMember.count({ where: { userId: helper.user.id } })).toBe(1);
  });
});

describe("jobs", () => {
  test("invitations run out after 14 days, once, and whoever sent them is told", async () => {
    const c = await challenge();
    const person = await volunteer();
    const sentAt = new Date("2026-11-01T10:00:00Z");
    const { id } = await inviteParticipant(colleague.actor, c.slug, person.user.id, { message: "Come" }, sentAt);
    await expireInvitations(new Date(sentAt.getTime() + 13 * DAY));
    expect(await prisma.challengeApplication.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "pending" });
    await expireInvitations(new Date(sentAt.getTime() + 14 * DAY + 60_000));
    await expireInvitations(new Date(sentAt.getTime() + 15 * DAY));
    expect(await prisma.challengeApplication.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "expired" });
    const told = (await notificationsOf(colleague.user.id, "invitation.expired")).filter((n) => n.href === `/applications/${id}`);
    expect(told).toHaveLength(1);
    expect((await notificationsOf(officer.user.id, "invitation.expired")).filter((n) => n.href === `/applications/${id}`)).toHaveLength(0);
  });

  test("unanswered offers remind the council after 5 days, then the hub's organisers 5 days later, each once", async () => {
    const c = await challenge();
    const helper = await volunteer();
    const answered = await volunteer();
    const { id } = await expressInterest(helper.actor, c.slug, { role: "Analyst", message: "Hello?" });
    const done = (await expressInterest(answered.actor, c.slug, { role: "Analyst", message: "Hi" })).id;
    await answerApplication(officer.actor, done, { intent: "decline" });
    const created = new Date();
    await prisma.challengeApplication.updateMany({ where: { id: { in: [id, done] } }, data: { createdAt: created } });
    const about = (userId: string) => notificationsOf(userId, "interest.reminder").then((all) => all.filter((n) => n.href === `/applications/${id}`));
    const aboutDone = (userId: string) => notificationsOf(userId, "interest.reminder").then((all) => all.filter((n) => n.href === `/applications/${done}`));

    await remindAboutUnansweredInterest(new Date(created.getTime() + 4 * DAY));
    expect(await about(officer.user.id)).toHaveLength(0);
    await remindAboutUnansweredInterest(new Date(created.getTime() + 5 * DAY + 3_600_000));
    await remindAboutUnansweredInterest(new Date(created.getTime() + 6 * DAY));
    expect(await about(officer.user.id)).toHaveLength(1);
    expect(await about(colleague.user.id)).toHaveLength(1);
    expect(await about(organiser.user.id)).toHaveLength(0);

    await remindAboutUnansweredInterest(new Date(created.getTime() + 10 * DAY + 7_200_000));
    await remindAboutUnansweredInterest(new Date(created.getTime() + 12 * DAY));
    expect(await about(organiser.user.id)).toEqual([
      expect.objectContaining({ title: `Nobody at ${council.name} has answered ${helper.user.displayName}'s offer to help` }),
    ]);
    expect(await about(officer.user.id)).toHaveLength(1);
    expect(await aboutDone(officer.user.id)).toHaveLength(0);
    expect(await aboutDone(organiser.user.id)).toHaveLength(0);
  });
});
