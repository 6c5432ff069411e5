import { beforeAll, describe, expect, test } from "vitest";
import { listPublicChallengesForFeed } from "~/models/challenges/open-data.server";
import { drainSearchOutbox } from "~/models/platform/search-outbox.server";
import { DEMO_EMAIL_DOMAIN, demoDataWanted, listDemoAccounts, seedDemoData, seedReferenceData } from "~/models/platform/seed.server";
import { action as signInAction } from "~/routes/signin";
import { loader as challengesLoader } from "~/routes/challenges._index";
import * as allFeed from "~/routes/feeds.challenges[.]atom";
import { DEMO_PEOPLE_EMAIL_DOMAIN } from "~/models/profiles/demo";
import { DEMO_OUTCOME_CHALLENGE } from "~/models/outcomes/demo.server";
import { prisma } from "~/services/db.server";
import { DEMO_PAST_EVENT_SLUG, DEMO_UPCOMING_EVENT_SLUG } from "~/models/events/demo-slugs";
import { loader as eventsLoader } from "~/routes/events._index";
import { seedDemoRegistrations } from "~/models/registrations/demo.server";
import { createEvent } from "../factories";
import { getSearch } from "~/services/search.server";
import { context, formRequest, getRequest, settle, unwrap } from "../support/http";
import { applySearchSettings } from "~/models/platform/search-reindex.server";

// A newcomer's first start shows a living hub: a verified council with officers, challenges at
// every stage, and demo accounts to sign in with, all made through the models and marked demo.

const PASSWORD = "demo-password-for-tests";
const log: string[] = [];

beforeAll(async () => {
  await applySearchSettings();
  await seedReferenceData();
  await seedDemoData((line) => log.push(line), { password: PASSWORD });
  await drainSearchOutbox();
  // Forty demo people, their offers and the challenges all go through the real models.
}, 180_000);

describe("demo data", () => {
  test("is added on the embedded database unless turned off, and elsewhere only when asked", () => {
    expect(demoDataWanted(undefined, true)).toBe(true);
    expect(demoDataWanted("false", true)).toBe(false);
    expect(demoDataWanted(undefined, false)).toBe(false);
    expect(demoDataWanted("true", false)).toBe(true);
  });

  test("the demo volunteer has offered to help with an open demo challenge, and the officers were told", async () => {
    const volunteer = await prisma.user.findUniqueOrThrow({ where: { email: `volunteer@${DEMO_EMAIL_DOMAIN}` } });
    const offers = await prisma.challengeApplication.findMany({
      where: { userId: volunteer.id, direction: "interest" },
      select: { status: true, challenge: { select: { status: true } } },
    });
    expect(offers).toEqual([{ status: "pending", challenge: { status: "open" } }]);
    const officer = await prisma.user.findUniqueOrThrow({ where: { email: `officer@${DEMO_EMAIL_DOMAIN}` } });
    // The demo teams' offers told the officer too; the volunteer's offer was told once.
    const told = await prisma.notification.findMany({ where: { userId: officer.id, kind: "interest.received" }, select: { title: true } });
    expect(told.filter((n) => n.title.startsWith(`${volunteer.displayName} offers`))).toHaveLength(1);
  });

  test("a demo person has an invitation waiting from the demo council, and was told", async () => {
    const invitations = await prisma.challengeApplication.findMany({
      where: { direction: "invitation", challenge: { organisation: { localAuthorityCode: "WKF" } } },
      select: { status: true, userId: true, user: { select: { email: true } } },
    });
    expect(invitations).toHaveLength(1);
    expect(invitations[0]!.status).toBe("pending");
    expect(invitations[0]!.user.email).toMatch(/demo\.nettle\.invalid$/);
    expect(await prisma.notification.count({ where: { userId: invitations[0]!.userId, kind: "invitation.received" } })).toBe(1);
  });

  test("a verified real council, served by the demo hub, with two officers", async () => {
    const council = await prisma.organisation.findUniqueOrThrow({
      where: { localAuthorityCode: "WKF" },
      include: { memberships: { include: { user: true } } },
    });
    expect(council.verifiedAt).toBeInstanceOf(Date);
    expect(council.region).toBe("Yorkshire and The Humber");
    expect(council.memberships.map((m) => [m.user.email, m.role]).sort()).toEqual([
      [`colleague@${DEMO_EMAIL_DOMAIN}`, "member"],
      [`officer@${DEMO_EMAIL_DOMAIN}`, "owner"],
    ]);
  });

  test("demo accounts for each role are marked demo and sign in with the installation's password", async () => {
    const users = await prisma.user.findMany({ where: { email: { endsWith: `@${DEMO_EMAIL_DOMAIN}` } } });
    expect(users).toHaveLength(5);
    for (const user of users) expect(user.displayName).toMatch(/\(demo\)$/);
    expect(users.find((u) => u.email === `admin@${DEMO_EMAIL_DOMAIN}`)?.isAdmin).toBe(true);
    const hub = await prisma.organisation.findUniqueOrThrow({ where: { slug: "demo-pennine-data-hub" }, include: { memberships: { include: { user: true } } } });
    expect(hub.memberships.map((m) => m.user.email)).toEqual([`organiser@${DEMO_EMAIL_DOMAIN}`]);
    expect((await listDemoAccounts()).map((a) => a.role)).toEqual(["council officer", "council officer", "hub organiser", "volunteer", "admin"]);

    const signIn = (await settle(
      signInAction({ request: formRequest("/signin", { email: `officer@${DEMO_EMAIL_DOMAIN}`, password: PASSWORD }), params: {}, context }),
    )) as Response;
    expect(signIn.status).toBe(302);
  });

  test("challenges across themes and stages, including a draft and one awaiting review", async () => {
    const challenges = await prisma.challenge.findMany({
      where: { organisation: { localAuthorityCode: "WKF" } },
      include: { themes: true, datasets: true, events: true },
    });
    expect(challenges.length).toBeGreaterThanOrEqual(10);
    expect(challenges.length).toBeLessThanOrEqual(12);
    const statuses = new Set(challenges.map((c) => c.status));
    for (const status of ["draft", "submitted", "open", "in_progress", "delivered", "outcome_published", "closed"]) {
      expect(statuses, status).toContain(status);
    }
    expect(new Set(challenges.flatMap((c) => c.themes.map((t) => t.themeId))).size).toBeGreaterThanOrEqual(8);
    expect(challenges.some((c) => c.datasets.some((d) => d.personalData))).toBe(true);
    // Made through the lifecycle: each public one has its history, and the audit log has it.
    const open = challenges.find((c) => c.status === "open")!;
    expect(open.events.map((e) => e.toStatus)).toEqual(expect.arrayContaining(["draft", "submitted", "open"]));
    expect(await prisma.auditLog.count({ where: { subjectId: open.id, action: "challenge.approve" } })).toBe(1);
  });

  test("search, the list page and the feed show the public ones, never the draft or the one in review", async () => {
    const publicOnes = await prisma.challenge.count({
      where: { organisation: { localAuthorityCode: "WKF" }, status: { in: ["open", "in_progress", "delivered", "outcome_published", "closed"] } },
    });
    const list = unwrap(await challengesLoader({ request: getRequest("/challenges"), params: {}, context }));
    const body = list.body as { result: { total: number; degraded: boolean } };
    expect(body.result.degraded).toBe(false);
    expect(body.result.total).toBe(publicOnes);
    const flood = unwrap(await challengesLoader({ request: getRequest("/challenges?q=Castleford"), params: {}, context }));
    expect(JSON.stringify(flood.body)).toContain("Which streets flood first when the Calder is high?");
    // The area (wards, towns) is searchable: Glasshoughton is named only in one challenge's area.
    const ward = unwrap(await challengesLoader({ request: getRequest("/challenges?q=Glasshoughton"), params: {}, context }));
    const wardResult = (ward.body as { result: { total: number; hits: { title: string }[] } }).result;
    expect(wardResult.hits.map((h) => h.title)).toEqual(["Which streets flood first when the Calder is high?"]);
    const feed = await (await allFeed.loader()).text();
    expect(feed.match(/<entry>/g)).toHaveLength(publicOnes);
    expect(feed).not.toContain("Are our bus stops accessible?");
    expect(feed).not.toContain("Air quality outside schools");
    expect((await listPublicChallengesForFeed({ limit: 50 })).length).toBe(publicOnes);
  });

  test("about forty demo people with varied skills profiles, the demo volunteer among them", async () => {
    const people = await prisma.user.findMany({
      where: { email: { endsWith: `@${DEMO_PEOPLE_EMAIL_DOMAIN}` } },
      include: { profile: { include: { skills: { include: { skill: true } }, interests: true } } },
    });
    expect(people.length).toBeGreaterThanOrEqual(35);
    expect(people.length).toBeLessThanOrEqual(45);
    for (const person of people) {
      expect(person.displayName).toMatch(/\(demo\)$/);
      expect(person.passwordHash).toBeNull();
      expect(person.profile?.skills.length).toBeGreaterThan(0);
      expect(person.profile?.interests.length).toBeGreaterThan(0);
    }
    expect(new Set(people.map((p) => p.kind))).toEqual(new Set(["volunteer", "student", "academic", "council_staff"]));
    const levels = new Set(people.flatMap((p) => p.profile!.skills.map((s) => s.level)));
    expect(levels).toEqual(new Set(["learning", "practised", "expert"]));
    const regions = people.map((p) => p.profile!.region);
    expect(regions.filter((r) => r === "Yorkshire and The Humber").length).toBeGreaterThan(people.length / 2);
    expect(people.some((p) => p.profile!.region !== "Yorkshire and The Humber" && p.profile!.remoteOk)).toBe(true);
    expect(people.some((p) => p.profile!.institutionId !== null)).toBe(true);
    const hidden = people.filter((p) => p.visibility === "private" || !p.profile!.openToInvitations);
    expect(hidden.length).toBeGreaterThanOrEqual(2);

    const volunteer = await prisma.user.findUniqueOrThrow({ where: { email: `volunteer@${DEMO_EMAIL_DOMAIN}` }, include: { profile: { include: { skills: true } } } });
    expect(volunteer.profile?.skills.length).toBeGreaterThan(0);

    // Matching can work on them: the flooding challenge's mapping skills are held by several
    // people in the people index, and the hidden ones are not in it.
    const mappers = await getSearch()
      .index("people")
      .search("", { filter: 'skillSlugs IN ["arcgis", "qgis", "geospatial-analysis", "spatial-statistics"]', limit: 100 });
    expect(mappers.hits.length).toBeGreaterThanOrEqual(5);
    const hiddenIds = new Set(hidden.map((p) => p.id));
    const everyone = await getSearch().index("people").search("", { limit: 1000 });
    expect(everyone.hits.filter((hit) => hiddenIds.has(hit.id as string))).toEqual([]);
    expect(everyone.hits.length).toBe(people.length - hidden.length + 1);
  });

  test("a second start adds nothing and keeps what people changed", async () => {
    const officer = await prisma.user.findUniqueOrThrow({ where: { email: `officer@${DEMO_EMAIL_DOMAIN}` } });
    await prisma.user.update({ where: { id: officer.id }, data: { displayName: "Priya Shah" } });
    const draft = await prisma.challenge.findFirstOrThrow({ where: { status: "draft", organisation: { localAuthorityCode: "WKF" } } });
    await prisma.challenge.delete({ where: { id: draft.id } });
    const counts = async () => ({
      users: await prisma.user.count(),
      challenges: await prisma.challenge.count(),
      memberships: await prisma.membership.count(),
      audit: await prisma.auditLog.count(),
      outbox: await prisma.searchOutbox.count(),
    });
    const before = await counts();
    await seedDemoData(() => {}, { password: "another password entirely" });
    expect(await counts()).toEqual(before);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: officer.id } })).displayName).toBe("Priya Shah");
  });

  test("demo projects show every stage up to delivery, with recorded repositories, timelines and updates", async () => {
    const projects = await prisma.project.findMany({
      // The past hack day's teams are projects too (forming); the event tests check those.
      where: { challenge: { organisation: { localAuthorityCode: "WKF" } }, eventId: null },
      select: {
        stage: true,
        challenge: { select: { status: true } },
        repository: { select: { owner: true, commitWeeks: true } },
        _count: { select: { events: true, updates: true, members: true } },
      },
    });
    expect(projects.map((p) => p.stage).sort()).toEqual(["active", "delivered", "forming", "published", "stalled"]);
    const delivered = projects.find((p) => p.stage === "delivered")!;
    expect(delivered.challenge.status).toBe("delivered");
    // The published one is the demo outcome's (below).
    for (const project of projects.filter((p) => p.stage !== "published")) {
      expect(project._count.members).toBe(2);
      expect(project._count.updates).toBe(1);
      if (project.stage !== "forming") {
        expect(project.repository?.owner).toBe("nettle-demo");
        expect(project.repository?.commitWeeks).toHaveLength(12);
      }
    }
  });

  test("one demo challenge has a published outcome: sent back once, changed, signed off, its team credited", async () => {
    const outcome = await prisma.outcome.findFirstOrThrow({
      where: { project: { challenge: { title: DEMO_OUTCOME_CHALLENGE } } },
      include: { contributors: true, impactChecks: true, project: { include: { challenge: true, repository: true } } },
    });
    expect(outcome).toMatchObject({ state: "published", licence: "mit", repoRef: "v1.0.0" });
    expect(outcome.project.challenge.status).toBe("outcome_published");
    expect(outcome.project.stage).toBe("published");
    expect(outcome.project.repository?.owner).toBe("nettle-demo");
    expect(outcome.contributors).toHaveLength(2);
    expect(outcome.impactChecks).toHaveLength(3);
    // …and the council has already said, at three months, that it is in use.
    expect(outcome.impactChecks.find((check) => check.monthsAfter === 3)).toMatchObject({ state: "answered", inUse: "yes" });
    const steps = await prisma.projectEvent.findMany({ where: { projectId: outcome.projectId, kind: "outcome" }, orderBy: { id: "asc" } });
    expect(steps.map((e) => e.title)).toEqual([
      expect.stringMatching(/sent to .* for sign-off/),
      expect.stringMatching(/asked for changes/),
      expect.stringMatching(/sent to .* for sign-off/),
      expect.stringMatching(/signed off the outcome/),
    ]);
  });

  test("the demo hub has a finished hack day six weeks ago and a published one five weeks ahead", async () => {
    const events = await prisma.event.findMany({
      where: { slug: { in: [DEMO_PAST_EVENT_SLUG, DEMO_UPCOMING_EVENT_SLUG] } },
      include: {
        hub: { select: { slug: true } },
        challenges: { include: { challenge: { select: { status: true, organisation: { select: { localAuthorityCode: true } } } } } },
        checkpoints: { orderBy: { position: "asc" } },
        criteria: true,
        _count: { select: { agenda: true } },
      },
    });
    const past = events.find((e) => e.slug === DEMO_PAST_EVENT_SLUG)!;
    const upcoming = events.find((e) => e.slug === DEMO_UPCOMING_EVENT_SLUG)!;
    const daysFromNow = (date: Date) => (date.getTime() - Date.now()) / 86_400_000;
    expect(past).toMatchObject({ status: "finished", kind: "hack_day", hub: { slug: "demo-pennine-data-hub" }, stepFreeAccess: true });
    expect(daysFromNow(past.startsAt)).toBeGreaterThan(-52);
    expect(daysFromNow(past.startsAt)).toBeLessThan(-38);
    expect(past.challenges).toHaveLength(3);
    expect(past.checkpoints.map((c) => c.name)).toEqual(["Arrival", "Lunch"]);
    expect(past.criteria.map((c) => c.name).sort()).toEqual(["Could we adopt this?", "Quality of the work", "Use of open data"]);
    expect(past._count.agenda).toBeGreaterThan(5);
    expect(upcoming).toMatchObject({ status: "published", capacity: 12 });
    expect(daysFromNow(upcoming.startsAt)).toBeGreaterThan(30);
    expect(daysFromNow(upcoming.startsAt)).toBeLessThan(42);
    expect(upcoming.challenges.map((c) => c.challenge.status)).toEqual(["open", "open"]);
    for (const event of events) {
      for (const { challenge } of event.challenges) expect(challenge.organisation.localAuthorityCode).toBe("WKF");
    }
    // Both are on the public list, the upcoming one first.
    const list = await eventsLoader({ request: getRequest("/events"), params: {}, context });
    const slugs = (unwrap(list).body as { result: { records: { slug: string }[] } }).result.records.map((r) => r.slug);
    expect(slugs.indexOf(DEMO_UPCOMING_EVENT_SLUG)).toBeGreaterThanOrEqual(0);
    expect(slugs.indexOf(DEMO_UPCOMING_EVENT_SLUG)).toBeLessThan(slugs.indexOf(DEMO_PAST_EVENT_SLUG));
  });

  test("the upcoming demo hack day is full with three waiting; the past one had about twenty registrations, two cancelled", async () => {
    // Until the events part seeds the two demo events, make them here with the same slugs.
    const DAY = 86_400_000;
    const ensure = async (slug: string, options: Parameters<typeof createEvent>[0]) => {
      const existing = await prisma.event.findUnique({ where: { slug } });
      if (existing) return existing;
      const { event } = await createEvent(options);
      return prisma.event.update({ where: { id: event.id }, data: { slug } });
    };
    const upcoming = await ensure(DEMO_UPCOMING_EVENT_SLUG, { capacity: 12, startsAt: new Date(Date.now() + 40 * DAY) });
    const past = await ensure(DEMO_PAST_EVENT_SLUG, { status: "finished", startsAt: new Date(Date.now() - 60 * DAY) });
    await seedDemoRegistrations();
    const count = (eventId: string, status?: "confirmed" | "waitlisted" | "cancelled") =>
      prisma.registration.count({ where: { eventId, ...(status ? { status } : {}) } });
    expect(await count(upcoming.id, "confirmed")).toBe(upcoming.capacity);
    expect(await count(upcoming.id, "waitlisted")).toBe(3);
    expect(await prisma.registrationNeeds.count({ where: { registration: { eventId: upcoming.id } } })).toBeGreaterThan(0);
    expect(await prisma.registrationChoice.count({ where: { registration: { eventId: upcoming.id } } })).toBeGreaterThan(0);
    expect(await count(past.id)).toBeGreaterThanOrEqual(18);
    expect(await count(past.id, "cancelled")).toBe(2);
    // Only the walk-in, registered at the door, came after the start.
    const registeredAfterStart = await prisma.registration.count({ where: { eventId: past.id, walkIn: false, createdAt: { gte: past.startsAt } } });
    expect(registeredAfterStart).toBe(0);
    // A second start adds nothing.
    expect(await seedDemoRegistrations()).toBe(0);
  });
});
