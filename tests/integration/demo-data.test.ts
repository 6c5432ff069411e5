import { beforeAll, describe, expect, test } from "vitest";
import { listPublicChallengesForFeed } from "~/models/challenges/open-data.server";
import { drainSearchOutbox } from "~/models/platform/search-outbox.server";
import { DEMO_EMAIL_DOMAIN, demoDataWanted, listDemoAccounts, seedDemoData, seedReferenceData } from "~/models/platform/seed.server";
import { action as signInAction } from "~/routes/signin";
import { loader as challengesLoader } from "~/routes/challenges._index";
import * as allFeed from "~/routes/feeds.challenges[.]atom";
import { prisma } from "~/services/db.server";
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
});

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
    expect(await prisma.notification.count({ where: { userId: officer.id, kind: "interest.received" } })).toBe(1);
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
});
