import { beforeAll, describe, expect, test } from "vitest";
import { exportUserData } from "~/models/accounts/privacy.server";
import { seedDemoImpact } from "~/models/impact/demo.server";
import { figuresCsv, hubFigures } from "~/models/impact/figures.server";
import { answerImpactCheck, impactAnswersFor, impactCheckPage, scheduleImpactChecks } from "~/models/impact/impact.server";
import { runImpactFollowUp } from "~/models/impact/jobs.server";
import { prisma } from "~/services/db.server";
import { action } from "~/routes/outcomes.$slug_.impact.$months";
import { createHub, createPerson, createProject, createPublishedChallenge, createVerifiedCouncil } from "../factories";
import { context, formReply, formRequest, settle, unwrap } from "../support/http";

// Impact follow-up: 3, 6 and 12 months after an outcome is published the council is asked
// whether it is in use, reminded twice, and an unanswered question is recorded as such.

const DAY = 86_400_000;
let serial = 0;

/** A published outcome for a new project (written directly: publishing is the outcomes part's). */
async function publishedOutcome(options: Parameters<typeof createProject>[0] = {}, publishedAt = new Date("2026-01-10T09:00:00Z")) {
  const made = await createProject(options);
  const outcome = await prisma.outcome.create({
    data: {
      slug: `outcome-${++serial}-${made.project.slug}`,
      projectId: made.project.id,
      state: "published",
      title: `Flood map ${serial}`,
      summary: "A map of the streets most at risk.",
      licence: "ogl_3",
      publishedAt,
    },
  });
  await prisma.project.update({ where: { id: made.project.id }, data: { stage: "published" } });
  await prisma.$transaction((tx) => scheduleImpactChecks(tx, outcome.id, publishedAt));
  return { ...made, outcome };
}

const askedAbout = (slug: string, months: number) =>
  prisma.notification.count({ where: { kind: "impact_check", href: `/outcomes/${slug}/impact/${months}` } });
const stateOf = async (outcomeId: string, months: number) =>
  (await prisma.impactCheck.findUniqueOrThrow({ where: { outcomeId_monthsAfter: { outcomeId, monthsAfter: months } } })).state;

describe("the follow-up schedule", () => {
  test("asked when due, reminded after 14 and 28 days, recorded as not answered after 42: each step once", async () => {
    const published = new Date("2026-01-10T09:00:00Z");
    const { outcome, owner, council } = await publishedOutcome({}, published);
    const colleague = await createPerson();
    await prisma.membership.create({ data: { userId: colleague.user.id, organisationId: council.id, role: "member" } });
    const due = new Date("2026-04-10T09:00:00Z");
    const at = (days: number) => new Date(due.getTime() + days * DAY);
    // Two workers at once, then once more: each step still happens once.
    const run = async (when: Date) => {
      await Promise.all([runImpactFollowUp(when), runImpactFollowUp(when)]);
      await runImpactFollowUp(when);
    };

    await run(new Date(due.getTime() - 1000));
    expect(await stateOf(outcome.id, 3)).toBe("scheduled");
    expect(await askedAbout(outcome.slug, 3)).toBe(0);

    await run(at(0));
    expect(await stateOf(outcome.id, 3)).toBe("asked");
    // Each council member once, in the app and by email.
    expect(await askedAbout(outcome.slug, 3)).toBe(2);
    expect(await prisma.mail.count({ where: { to: owner.user.email!, subject: { contains: outcome.title } } })).toBe(1);

    await run(at(13));
    expect(await askedAbout(outcome.slug, 3)).toBe(2);
    await run(at(14));
    expect(await askedAbout(outcome.slug, 3)).toBe(4);
    await run(at(27));
    expect(await askedAbout(outcome.slug, 3)).toBe(4);
    await run(at(28));
    expect(await askedAbout(outcome.slug, 3)).toBe(6);
    await run(at(41));
    expect(await stateOf(outcome.id, 3)).toBe("asked");
    await run(at(42));
    await run(at(90));
    expect(await stateOf(outcome.id, 3)).toBe("not_answered");
    // Nobody is told a fourth time; the audit log says it went unanswered, once.
    expect(await askedAbout(outcome.slug, 3)).toBe(6);
    expect(await prisma.auditLog.count({ where: { action: "impact.not_answered" } })).toBe(1);
    const check = await prisma.impactCheck.findUniqueOrThrow({ where: { outcomeId_monthsAfter: { outcomeId: outcome.id, monthsAfter: 3 } } });
    expect(check).toMatchObject({ remindersSent: 2, inUse: null, whatChanged: null, answeredAt: null });
    // The public view says so in words, and never guesses an answer.
    const shown = await impactAnswersFor(outcome.id);
    expect(shown.map((a) => [a.monthsAfter, a.state, a.inUse])).toEqual([
      [3, "not_answered", null],
      [6, "scheduled", null],
      [12, "scheduled", null],
    ]);
  });

  test("an answer stops the reminders; an answer before the due date means it is never asked", async () => {
    const published = new Date("2026-02-01T09:00:00Z");
    const { outcome, owner } = await publishedOutcome({}, published);
    const threeMonths = new Date("2026-05-01T09:00:00Z");
    await runImpactFollowUp(threeMonths);
    expect(await askedAbout(outcome.slug, 3)).toBe(1);
    await answerImpactCheck(owner.actor, outcome.slug, 3, { inUse: "partly", whatChanged: "Used by one depot." }, new Date(threeMonths.getTime() + 3 * DAY));
    await runImpactFollowUp(new Date(threeMonths.getTime() + 30 * DAY));
    expect(await askedAbout(outcome.slug, 3)).toBe(1);
    expect(await stateOf(outcome.id, 3)).toBe("answered");

    // Six months: answered a month early, so never asked.
    await answerImpactCheck(owner.actor, outcome.slug, 6, { inUse: "yes", whatChanged: "Both depots plan with it now." }, new Date("2026-07-01T09:00:00Z"));
    await runImpactFollowUp(new Date("2026-08-01T10:00:00Z"));
    await runImpactFollowUp(new Date("2026-10-01T10:00:00Z"));
    expect(await askedAbout(outcome.slug, 6)).toBe(0);
    expect(await stateOf(outcome.id, 6)).toBe("answered");
    const shown = await impactAnswersFor(outcome.id);
    expect(shown.find((a) => a.monthsAfter === 6)).toMatchObject({ state: "answered", inUse: "yes", whatChanged: "Both depots plan with it now." });
    expect(await prisma.auditLog.count({ where: { action: "impact.answer", actorId: owner.user.id } })).toBe(2);
  });

  test("an outcome that is not published is never asked about", async () => {
    const { outcome } = await publishedOutcome({}, new Date("2026-01-01T00:00:00Z"));
    await prisma.outcome.update({ where: { id: outcome.id }, data: { state: "signed_off" } });
    await runImpactFollowUp(new Date("2027-06-01T00:00:00Z"));
    expect(await askedAbout(outcome.slug, 3)).toBe(0);
    expect(await stateOf(outcome.id, 12)).toBe("scheduled");
  });
});

describe("who may answer", () => {
  test("only the council's members: the team, hub organisers, strangers and admins are refused; unknown questions are not found", async () => {
    const made = await publishedOutcome();
    const stranger = await createPerson();
    const admin = await createPerson({ admin: true });
    const answer = { inUse: "yes" as const, whatChanged: "It is used." };
    for (const who of [made.lead, made.members[0]!, made.organiser!, stranger, admin]) {
      await expect(answerImpactCheck(who.actor, made.outcome.slug, 3, answer)).rejects.toMatchObject({ kind: "forbidden" });
      await expect(impactCheckPage(who.actor, made.outcome.slug, 3)).rejects.toMatchObject({ kind: "forbidden" });
    }
    expect(await stateOf(made.outcome.id, 3)).toBe("scheduled");
    await expect(answerImpactCheck(made.owner.actor, made.outcome.slug, 4, answer)).rejects.toMatchObject({ kind: "not_found" });
    await expect(answerImpactCheck(made.owner.actor, "no-such-outcome", 3, answer)).rejects.toMatchObject({ kind: "not_found" });
    await prisma.outcome.update({ where: { id: made.outcome.id }, data: { state: "submitted" } });
    await expect(impactCheckPage(made.owner.actor, made.outcome.slug, 3)).rejects.toMatchObject({ kind: "not_found" });
  });

  test("the answer page refuses a missing choice and an overlong text beside each field, keeping what was typed", async () => {
    const made = await publishedOutcome();
    const path = `/outcomes/${made.outcome.slug}/impact/3`;
    const params = { slug: made.outcome.slug, months: "3" };
    const long = `${"The depot uses it. ".repeat(110)}`;
    const refused = unwrap(await settle(action({ request: formRequest(path, { whatChanged: long }, made.owner.cookie), params, context })));
    expect(refused.status).toBe(400);
    const { errors, values } = formReply(refused.body);
    expect(errors).toEqual({ inUse: "Say whether the result is in use", whatChanged: "What changed must be 2,000 characters or fewer" });
    expect(values.whatChanged).toBe(long);
    const bogus = unwrap(await settle(action({ request: formRequest(path, { inUse: "maybe", whatChanged: "" }, made.owner.cookie), params, context })));
    expect(formReply(bogus.body).errors).toEqual({ inUse: "Say whether the result is in use", whatChanged: "Say what changed, or why it is not in use" });
    // A team member posting a valid answer is refused before anything is read into the record.
    const lead = unwrap(await settle(action({ request: formRequest(path, { inUse: "yes", whatChanged: "x" }, made.lead.cookie), params, context })));
    expect(lead.status).toBe(403);
    const months = unwrap(await settle(action({ request: formRequest(path, { inUse: "yes", whatChanged: "x" }, made.owner.cookie), params: { ...params, months: "5" }, context })));
    expect(months.status).toBe(404);
    expect(await stateOf(made.outcome.id, 3)).toBe("scheduled");

    const saved = unwrap(await settle(action({ request: formRequest(path, { inUse: "no", whatChanged: "The team that would use it was reorganised." }, made.owner.cookie), params, context })));
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`/outcomes/${made.outcome.slug}`);
    expect(await stateOf(made.outcome.id, 3)).toBe("answered");
  });

  test("a person's data download carries the answers they gave", async () => {
    const made = await publishedOutcome();
    await answerImpactCheck(made.owner.actor, made.outcome.slug, 3, { inUse: "yes", whatChanged: "Canary answer for the download." });
    const exported = await exportUserData(made.owner.actor, made.owner.user.id);
    expect(exported?.impactAnswers).toEqual([
      expect.objectContaining({ monthsAfter: 3, inUse: "yes", whatChanged: "Canary answer for the download.", outcome: { slug: made.outcome.slug, title: made.outcome.title } }),
    ]);
  });

  test("the demo answers the 3-month question through the council's own function, once", async () => {
    const made = await publishedOutcome();
    expect(await seedDemoImpact({ officer: made.owner.actor }, made.council.id)).toBe(1);
    expect(await seedDemoImpact({ officer: made.owner.actor }, made.council.id)).toBe(0);
    const shown = await impactAnswersFor(made.outcome.id);
    expect(shown[0]).toMatchObject({ monthsAfter: 3, state: "answered", inUse: "yes" });
    expect(await prisma.auditLog.count({ where: { action: "impact.answer", actorId: made.owner.user.id } })).toBe(1);
  });
});

describe("the hub's figures", () => {
  let hub: Awaited<ReturnType<typeof createHub>>;
  let council: Awaited<ReturnType<typeof createVerifiedCouncil>>;

  beforeAll(async () => {
    // A hub that serves one council, chosen by hand, in a region of its own: a worked example.
    council = await createVerifiedCouncil();
    hub = await createHub({ region: "A region of its own" });
    await prisma.hubCouncil.create({ data: { hubId: hub.hub.id, councilId: council.council.id } });
  });

  test("a worked example: challenges, projects, outcomes by year, impact answers and people, as a table and CSV", async () => {
    const now = new Date("2027-03-01T12:00:00Z");
    // Challenges: one open, one draft (not counted), four in progress (the projects below).
    await createPublishedChallenge({ council: council.council, status: "open" });
    await prisma.challenge.create({ data: { slug: `draft-${Date.now()}`, organisationId: council.council.id, status: "draft", title: "A draft" } });
    const forming = await createProject({ council, withHub: false });
    const stalled = await createProject({ council, withHub: false });
    await prisma.project.update({ where: { id: stalled.project.id }, data: { stage: "stalled" } });
    // Two published outcomes: 2026 (3 months answered yes, 6 not answered, 12 due), 2027 (nothing due yet).
    const old = await publishedOutcome({ council, withHub: false }, new Date("2026-02-01T09:00:00Z"));
    await publishedOutcome({ council, withHub: false }, new Date("2027-01-15T09:00:00Z"));
    await answerImpactCheck(old.owner.actor, old.outcome.slug, 3, { inUse: "yes", whatChanged: "Used weekly." });
    await prisma.impactCheck.update({
      where: { outcomeId_monthsAfter: { outcomeId: old.outcome.id, monthsAfter: 6 } },
      data: { state: "not_answered", askedAt: new Date("2026-08-01"), remindersSent: 2 },
    });
    // Someone who left a team still counts as ever in a team, not as active.
    await prisma.teamMember.updateMany({ where: { projectId: forming.project.id, userId: forming.members[0]!.user.id }, data: { leftAt: now } });

    const figures = await hubFigures(hub.organiser.actor, { ...hub.hub }, now);
    const table = Object.fromEntries(figures.rows.map((r) => [`${r.section}: ${r.measure}`, r.count]));
    expect(table).toMatchObject({
      "Challenges by status: Open": 1,
      "Challenges by status: In progress": 4,
      "Projects by stage: Forming": 1,
      "Projects by stage: Stalled": 1,
      "Projects by stage: Outcome published": 2,
      "Outcomes published: 2026": 1,
      "Outcomes published: 2027": 1,
      "Outcomes published: All years": 2,
      "Impact follow-up answers: in use": 1,
      "Impact follow-up answers: partly in use": 0,
      "Impact follow-up answers: not in use": 0,
      "Impact follow-up answers: not answered": 1,
      // 2026's 12-month question fell due in February and has not been asked yet: waiting.
      "Impact follow-up answers: waiting for an answer": 1,
      "Impact follow-up answers: not yet due": 3,
      // forming: lead (member left); stalled: lead + member. Published projects are not "under way".
      "People: In teams of projects under way": 3,
      "People: Ever in a team": 8,
    });
    expect(Object.keys(table)).not.toContain("Challenges by status: Draft");
    const csv = figuresCsv(figures.rows);
    expect(csv.split("\r\n")[0]).toBe("section,measure,count");
    expect(csv).toContain("Impact follow-up answers,not answered,1\r\n");
  });

  test("only the hub's organisers and admins see the figures", async () => {
    const other = await createHub({ region: "Another region of its own" });
    const stranger = await createPerson();
    for (const who of [other.organiser, council.owner, stranger]) {
      await expect(hubFigures(who.actor, hub.hub)).rejects.toMatchObject({ kind: "forbidden" });
    }
    const admin = await createPerson({ admin: true });
    await expect(hubFigures(admin.actor, hub.hub)).resolves.toBeTruthy();
  });
});
