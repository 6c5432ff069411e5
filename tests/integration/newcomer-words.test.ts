import { beforeAll, describe, expect, test } from "vitest";
import { auditLogPage } from "~/models/platform/audit-view.server";
import { createDraft, transitionChallenge } from "~/models/challenges/lifecycle.server";
import { exampleDate } from "~/models/challenges/wizard";
import { PASSWORD_EXAMPLE } from "~/models/accounts/schemas";
import { claimCouncil, rejectClaim } from "~/models/organisations/verification.server";
import { loader as accountLoader } from "~/routes/account._index";
import { action as editAction } from "~/routes/challenges_.$id.edit.$step/route";
import { loader as rootLoader } from "~/root";
import { action as signOutAction } from "~/routes/signout";
import { action as signUpAction } from "~/routes/signup";
import type { Actor } from "~/models/platform/actor";
import { prisma } from "~/services/db.server";
import { context, cookieFrom, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";
import { buildWorld, cookieFor, makeUser } from "../support/world";

// The words a newcomer meets: what forms accept and say, and what pages tell people afterwards.

let world: Awaited<ReturnType<typeof buildWorld>>;
const asCurrent = (user: { id: string; email: string | null; displayName: string; emailVerifiedAt: Date | null; isAdmin: boolean }) =>
  ({ ...user, kind: "council_staff", visibility: "members", sessionId: "" }) as Actor;

beforeAll(async () => {
  world = await buildWorld();
});

describe("forms", () => {
  test("a dataset link on the council's intranet (a single-label host) is accepted", async () => {
    const draft = await createDraft(asCurrent(world.users.owner), world.council.id);
    const fields = {
      intent: "save-dataset",
      title: "Flood reports",
      link: "http://intranet/floods",
      licence: "not_licensed",
      sensitivity: "official",
      personalData: "no",
      dpia: "not_needed",
      accessRoute: "on_request_dsa",
    };
    const request = formRequest(`/challenges/${draft.id}/edit/data`, fields, world.cookies.owner);
    const saved = unwrap(await settle(editAction({ request, params: { id: draft.id, step: "data" }, context })));
    expect(saved.status).toBe(302);
    expect((await prisma.dataset.findFirstOrThrow({ where: { challengeId: draft.id } })).link).toBe("http://intranet/floods");

    const bad = formRequest(`/challenges/${draft.id}/edit/data`, { ...fields, link: "intranet/floods" }, world.cookies.owner);
    const refused = unwrap(await settle(editAction({ request: bad, params: { id: draft.id, step: "data" }, context })));
    expect(refused.status).toBe(400);
    expect(formReply(refused.body).errors.link).toMatch(/^Enter a web address starting with https:\/\/ or http:\/\//);
  });

  test("date examples are in the future", () => {
    const [day, month, year] = exampleDate(6).split(" ").map(Number) as [number, number, number];
    expect(new Date(Date.UTC(year, month - 1, day)).getTime()).toBeGreaterThan(Date.now());
    expect(exampleDate(6, new Date("2026-11-30T12:00:00Z"))).toBe("27 5 2027");
  });

  test("the password hint's own example is refused as a password", async () => {
    const result = unwrap(
      await settle(
        signUpAction({
          request: formRequest("/signup", { displayName: "Copy Cat", email: "copycat@example.org", kind: "volunteer", password: PASSWORD_EXAMPLE }),
          params: {},
          context,
        }),
      ),
    );
    expect(result.status).toBe(400);
    expect(formReply(result.body).errors.password).toMatch(/example from the hint/);
  });
});

describe("what people are told afterwards", () => {
  test("signing out says so on the next page", async () => {
    const cookie = await cookieFor(world.users.participant.id);
    const out = (await signOutAction({ request: formRequest("/signout", {}, cookie), params: {}, context })) as Response;
    expect(out.headers.get("location")).toBe("/");
    const flashCookie = out.headers.getSetCookie().find((c) => c.startsWith("nettle_flash="))!;
    const home = unwrap(await rootLoader({ request: getRequest("/", cookieFrom(flashCookie)), params: {}, context }));
    expect((home.body as { flash: { title: string } }).flash.title).toBe("You have signed out");
    world.cookies.participant = await cookieFor(world.users.participant.id);
  });

  test("the audit log names challenges by their titles", async () => {
    const draft = await createDraft(asCurrent(world.users.owner), world.council.id);
    await prisma.challenge.update({ where: { id: draft.id }, data: { title: "Gritting routes that miss hills" } });
    await transitionChallenge(asCurrent(world.users.owner), draft.id, "withdraw");
    const page = await auditLogPage(asCurrent(world.users.admin), 1);
    const row = page.rows.find((r) => r.action === "Withdrew a challenge")!;
    expect(row.subject.text).toBe("Gritting routes that miss hills");
    expect(JSON.stringify(page.rows)).not.toContain(`challenge ${draft.id}`);
  });

  test("someone whose claim was rejected sees it, and the organiser's comment, on their account page", async () => {
    const claimant = await makeUser("hopeful@example.org");
    const york = await prisma.organisation.findUniqueOrThrow({ where: { localAuthorityCode: "YOR" } });
    await claimCouncil({ ...claimant, sessionId: "" }, york.id);
    await rejectClaim({ ...world.users.admin, sessionId: "" }, york.id, "Please claim with your council email address.");
    const page = unwrap(await settle(accountLoader({ request: getRequest("/account", await cookieFor(claimant.id)), params: {}, context })));
    const claims = (page.body as { rejectedClaims: { council: { name: string }; comment: string }[] }).rejectedClaims;
    expect(claims).toEqual([expect.objectContaining({ council: expect.objectContaining({ name: "York" }), comment: "Please claim with your council email address." })]);
  });
});
