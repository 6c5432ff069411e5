import { beforeAll, describe, expect, test } from "vitest";
import type { Organisation, User } from "~/generated/prisma/client";
import { addHubOrganiser } from "~/models/organisations/hub.server";
import { makePlatformAdmin } from "~/models/organisations/membership.server";
import { DomainError } from "~/models/platform/errors";
import { seedReferenceData } from "~/models/platform/seed.server";
import { loader as auditLoader } from "~/routes/admin.audit";
import { action as hubCouncilsAction, loader as hubCouncilsLoader } from "~/routes/hub.$slug.councils";
import { action as hubAction, loader as hubLoader } from "~/routes/hub._index";
import { action as invitationAction, loader as invitationLoader } from "~/routes/invitations.$token";
import { action as organisationAction, loader as organisationLoader } from "~/routes/organisations.$slug";
import { action as membersAction, loader as membersLoader } from "~/routes/organisations.$slug_.members";
import { prisma } from "~/services/db.server";
import { context, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";
import { cookieFor, makeUser } from "../support/world";

// The council lifecycle and memberships, through the routes a person uses: claim, verify or
// reject by a hub organiser, invitations, roles, leaving. Real PostgreSQL, real Requests.

let york: Organisation;
let bradford: Organisation;
let cardiff: Organisation;
let yorkshireHub: Organisation;
let walesHub: Organisation;
const users: Record<string, User> = {};
const cookies: Record<string, string> = {};

async function person(key: string, email: string, options: { verified?: boolean; isAdmin?: boolean } = {}) {
  users[key] = await makeUser(email, { ...options, displayName: key.replace(/^\w/, (c) => c.toUpperCase()) });
  cookies[key] = await cookieFor(users[key].id);
}

beforeAll(async () => {
  await seedReferenceData();
  york = await prisma.organisation.findUniqueOrThrow({ where: { localAuthorityCode: "YOR" } });
  bradford = await prisma.organisation.findUniqueOrThrow({ where: { localAuthorityCode: "BRD" } });
  cardiff = await prisma.organisation.findUniqueOrThrow({ where: { localAuthorityCode: "CRF" } });
  yorkshireHub = await prisma.organisation.create({
    data: { slug: "yorkshire-hub", name: "Yorkshire Hub", kind: "hub", servesRegions: ["Yorkshire and The Humber"] },
  });
  walesHub = await prisma.organisation.create({
    data: { slug: "wales-hub", name: "Wales Hub", kind: "hub", servesRegions: ["Wales"] },
  });
  await person("officer", "officer@york.gov.uk");
  await person("colleague", "colleague@york.gov.uk");
  await person("stranger", "stranger@example.org");
  await person("unconfirmed", "unconfirmed@york.gov.uk", { verified: false });
  await person("organiser", "organiser@yorkshire-hub.example");
  await person("welshOrganiser", "organiser@wales-hub.example");
  await person("cardiffOwner", "owner@cardiff.gov.uk");
  await person("admin", "admin@example.org", { isAdmin: true });
  await prisma.membership.createMany({
    data: [
      { userId: users.organiser!.id, organisationId: yorkshireHub.id, role: "owner" },
      { userId: users.welshOrganiser!.id, organisationId: walesHub.id, role: "owner" },
      { userId: users.cardiffOwner!.id, organisationId: cardiff.id, role: "owner" },
    ],
  });
  await prisma.organisation.update({
    where: { id: cardiff.id },
    data: { claimedAt: new Date(), claimedById: users.cardiffOwner!.id, verifiedAt: new Date() },
  });
});

const as = (key: string) => cookies[key];

const orgPage = (slug: string, key?: string, search = "") =>
  settle(
    organisationLoader({
      request: getRequest(`/organisations/${slug}${search}`, key && as(key)),
      params: { slug },
      context,
    }),
  );
const claim = (slug: string, key: string) =>
  settle(
    organisationAction({
      request: formRequest(`/organisations/${slug}`, { intent: "claim" }, as(key)),
      params: { slug },
      context,
    }),
  );
const hubPost = (key: string, fields: Record<string, string>) =>
  settle(hubAction({ request: formRequest("/hub?index", fields, as(key)), params: {}, context }));
const members = (slug: string, key: string) =>
  settle(membersLoader({ request: getRequest(`/organisations/${slug}/members`, as(key)), params: { slug }, context }));
const membersPost = (slug: string, key: string, fields: Record<string, string>) =>
  settle(
    membersAction({
      request: formRequest(`/organisations/${slug}/members`, fields, as(key)),
      params: { slug },
      context,
    }),
  );
const invitationPage = (token: string, key?: string) =>
  settle(
    invitationLoader({ request: getRequest(`/invitations/${token}`, key && as(key)), params: { token }, context }),
  );
const accept = (token: string, key?: string) =>
  settle(
    invitationAction({ request: formRequest(`/invitations/${token}`, {}, key && as(key)), params: { token }, context }),
  );

async function expectForbidden(result: unknown, explanation: string | RegExp) {
  expect(result).toBeInstanceOf(Response);
  const response = result as Response;
  expect(response.status).toBe(403);
  const text = await response.text();
  if (typeof explanation === "string") expect(text).toBe(explanation);
  else expect(text).toMatch(explanation);
}

function expectRedirect(result: unknown, location: string | RegExp) {
  expect(result).toBeInstanceOf(Response);
  const response = result as Response;
  expect(response.status).toBe(302);
  if (typeof location === "string") expect(response.headers.get("Location")).toBe(location);
  else expect(response.headers.get("Location")).toMatch(location);
}

const actions = async (organisationId: string) =>
  (await prisma.auditLog.findMany({ where: { organisationId }, orderBy: { id: "asc" } })).map((entry) => entry.action);

const membershipOf = (key: string, organisationId: string) =>
  prisma.membership.findUnique({ where: { userId_organisationId: { userId: users[key]!.id, organisationId } } });

async function lastInvitationToken(to: string) {
  const mail = await prisma.mail.findFirstOrThrow({
    where: { to, template: "invitation" },
    orderBy: { createdAt: "desc" },
  });
  const token = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
  if (!token) throw new Error("no invitation link in the message");
  return token;
}

describe("claiming and verifying a council", () => {
  test("an officer claims York; an organiser of a hub serving its region verifies it", async () => {
    const before = unwrap(await orgPage(york.slug, "officer")).body as Awaited<ReturnType<typeof organisationLoader>>;
    expect(before.council?.state).toBe("unclaimed");
    expect(before.canClaim).toBe(true);
    const confirming = unwrap(await orgPage(york.slug, "officer", "?claim=confirm")).body as typeof before;
    expect(confirming.confirmingClaim).toBe(true);

    expectRedirect(await claim(york.slug, "officer"), `/organisations/${york.slug}`);
    const claimed = await prisma.organisation.findUniqueOrThrow({ where: { id: york.id } });
    expect(claimed.claimedById).toBe(users.officer!.id);
    expect(claimed.claimedAt).not.toBeNull();
    expect(claimed.verifiedAt).toBeNull();
    expect((await membershipOf("officer", york.id))?.role).toBe("owner");
    expect(await actions(york.id)).toEqual(["council.claim", "membership.add"]);
    const waiting = unwrap(await orgPage(york.slug, "officer")).body as typeof before;
    expect(waiting.council).toMatchObject({ state: "claimed", claimedByYou: true });
    const publicView = unwrap(await orgPage(york.slug)).body as typeof before;
    expect(publicView.council).toMatchObject({ state: "claimed", claimedByYou: false });

    // The organiser's dashboard lists the claim.
    const dashboard = unwrap(
      await settle(hubLoader({ request: getRequest("/hub", as("organiser")), params: {}, context })),
    ).body as Awaited<ReturnType<typeof hubLoader>>;
    expect(dashboard.claims.map((c) => c.name)).toContain("York");
    expect(dashboard.claims.find((c) => c.name === "York")?.claimant?.email).toBe("officer@york.gov.uk");

    const outboxBefore = await prisma.searchOutbox.count({ where: { documentId: york.id, processedAt: null } });
    expectRedirect(await hubPost("organiser", { intent: "verify", councilId: york.id }), "/hub");
    const verified = await prisma.organisation.findUniqueOrThrow({ where: { id: york.id } });
    expect(verified.verifiedAt).not.toBeNull();
    expect(verified.verifiedById).toBe(users.organiser!.id);
    // The search document says "verified", so the change is queued for Meilisearch.
    expect(
      await prisma.searchOutbox.count({
        where: { indexName: "organisations", documentId: york.id, processedAt: null },
      }),
    ).toBe(outboxBefore + 1);
    const entry = await prisma.auditLog.findFirstOrThrow({
      where: { organisationId: york.id, action: "organisation.verify" },
    });
    expect(entry.actorId).toBe(users.organiser!.id);
    const mail = await prisma.mail.findFirstOrThrow({
      where: { to: "officer@york.gov.uk", template: "claim-decision" },
    });
    expect(mail.subject).toContain("approved");

    const after = unwrap(await orgPage(york.slug)).body as typeof before;
    expect(after.council).toMatchObject({ state: "verified", verifiedByName: "Organiser" });
  });

  test("an organiser of a hub that does not serve the council gets 403 saying what is needed", async () => {
    expectRedirect(await claim(bradford.slug, "officer"), `/organisations/${bradford.slug}`);
    await expectForbidden(
      await hubPost("welshOrganiser", { intent: "verify", councilId: bradford.id }),
      "You need to be an organiser of a hub that serves Bradford to verify it.",
    );
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: bradford.id } })).verifiedAt).toBeNull();
    // Nor can they see its members; and the dashboard only shows their own hubs' councils.
    await expectForbidden(await members(bradford.slug, "welshOrganiser"), /member of Bradford/);
    const dashboard = unwrap(
      await settle(hubLoader({ request: getRequest("/hub", as("welshOrganiser")), params: {}, context })),
    ).body as Awaited<ReturnType<typeof hubLoader>>;
    expect(dashboard.claims.map((c) => c.name)).not.toContain("Bradford");
    // Someone who organises no hub cannot open the dashboard at all.
    await expectForbidden(
      await settle(hubLoader({ request: getRequest("/hub", as("stranger")), params: {}, context })),
      /organiser of a data hub/,
    );
  });

  test("a second claim on a claimed council is refused, as is a claim without a confirmed email", async () => {
    await expectForbidden(
      await claim(bradford.slug, "colleague"),
      /can only be claimed .* while nobody else represents it/,
    );
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: bradford.id } })).claimedById).toBe(
      users.officer!.id,
    );
    expect(await membershipOf("colleague", bradford.id)).toBeNull();
    const leeds = await prisma.organisation.findUniqueOrThrow({ where: { localAuthorityCode: "LDS" } });
    await expectForbidden(await claim(leeds.slug, "unconfirmed"), /confirmed email address/);
    // Signed out, claiming asks you to sign in first.
    expectRedirect(
      await settle(
        organisationAction({
          request: formRequest(`/organisations/${leeds.slug}`, { intent: "claim" }),
          params: { slug: leeds.slug },
          context,
        }),
      ),
      /^\/signin\?redirectTo=/,
    );
  });

  test("rejecting needs a comment of sensible length, then removes the claimant and clears the claim", async () => {
    const empty = unwrap(await hubPost("organiser", { intent: "reject", councilId: bradford.id, comment: "  " }));
    expect(empty.status).toBe(400);
    expect(formReply(empty.body).errors).toEqual({
      comment: "Say why the claim is rejected",
    });
    const long = unwrap(
      await hubPost("organiser", { intent: "reject", councilId: bradford.id, comment: "x".repeat(2001) }),
    );
    expect(long.status).toBe(400);
    expect(formReply(long.body).errors.comment).toMatch(/2000 characters or fewer/);
    const badId = unwrap(await hubPost("organiser", { intent: "verify", councilId: "" }));
    expect(badId.status).toBe(400);
    expect(formReply(badId.body).errors).toHaveProperty("councilId");

    const comment = "We could not confirm that you work for Bradford. Please claim again with your council email.";
    expectRedirect(await hubPost("organiser", { intent: "reject", councilId: bradford.id, comment }), "/hub");
    const rejected = await prisma.organisation.findUniqueOrThrow({ where: { id: bradford.id } });
    expect(rejected).toMatchObject({ claimedById: null, claimedAt: null, verifiedAt: null });
    expect(await membershipOf("officer", bradford.id)).toBeNull();
    const entry = await prisma.auditLog.findFirstOrThrow({
      where: { organisationId: bradford.id, action: "organisation.reject_claim" },
    });
    expect(entry.details).toMatchObject({ comment, claimantId: users.officer!.id });
    expect(await actions(bradford.id)).toEqual([
      "council.claim",
      "membership.add",
      "organisation.reject_claim",
      "membership.remove",
    ]);
    const mail = await prisma.mail.findFirstOrThrow({
      where: { to: "officer@york.gov.uk", template: "claim-decision", subject: { contains: "not approved" } },
    });
    expect(mail.text).toContain(comment);
    // Deciding again on a claim that is gone explains itself instead of failing.
    const again = unwrap(await hubPost("organiser", { intent: "verify", councilId: bradford.id }));
    expect(again.status).toBe(409);
    // The council can be claimed again.
    expect((unwrap(await orgPage(bradford.slug, "colleague")).body as { canClaim: boolean }).canClaim).toBe(true);
  });

  test("nobody verifies their own claim; a platform admin may verify any council", async () => {
    const wakefield = await prisma.organisation.findUniqueOrThrow({ where: { localAuthorityCode: "WKF" } });
    expectRedirect(await claim(wakefield.slug, "organiser"), `/organisations/${wakefield.slug}`);
    await expectForbidden(await hubPost("organiser", { intent: "verify", councilId: wakefield.id }), /another hub organiser must decide/);
    expectRedirect(await hubPost("admin", { intent: "verify", councilId: wakefield.id }), "/hub");
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: wakefield.id } })).verifiedById).toBe(
      users.admin!.id,
    );
  });

  test("claiming a council that was verified with nobody on it puts it back to unverified", async () => {
    const leeds = await prisma.organisation.update({
      where: { localAuthorityCode: "LDS" },
      data: { verifiedAt: new Date() },
    });
    const pending = () => prisma.searchOutbox.count({ where: { documentId: leeds.id, processedAt: null } });
    const before = await pending();
    expectRedirect(await claim(leeds.slug, "stranger"), `/organisations/${leeds.slug}`);
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: leeds.id } })).verifiedAt).toBeNull();
    // The search document loses its "verified" mark: the claim queued exactly one change for it.
    expect(await pending()).toBe(before + 1);
  });

  test("a claimant withdraws their own undecided claim; nobody else can", async () => {
    const calderdale = await prisma.organisation.findUniqueOrThrow({ where: { localAuthorityCode: "CLD" } });
    const withdraw = (key: string) =>
      settle(
        organisationAction({
          request: formRequest(`/organisations/${calderdale.slug}`, { intent: "withdraw-claim" }, as(key)),
          params: { slug: calderdale.slug },
          context,
        }),
      );
    expectRedirect(await claim(calderdale.slug, "colleague"), `/organisations/${calderdale.slug}`);

    const notTheirs = unwrap(await withdraw("stranger"));
    expect(notTheirs.status).toBe(409);
    expect(formReply(notTheirs.body).errors.form).toBe(
      `You have no claim to ${calderdale.name} waiting for a decision.`,
    );
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: calderdale.id } })).claimedById).toBe(
      users.colleague!.id,
    );

    expectRedirect(await withdraw("colleague"), `/organisations/${calderdale.slug}`);
    const after = await prisma.organisation.findUniqueOrThrow({ where: { id: calderdale.id } });
    expect(after.claimedById).toBeNull();
    expect(await membershipOf("colleague", calderdale.id)).toBeNull();
    const logged = await prisma.auditLog.findMany({ where: { organisationId: calderdale.id }, orderBy: { id: "asc" } });
    expect(logged.map((entry) => entry.action)).toEqual([
      "council.claim",
      "membership.add",
      "council.withdraw_claim",
      "membership.remove",
    ]);
    // It can be claimed again.
    expect((unwrap(await orgPage(calderdale.slug, "stranger")).body as { canClaim: boolean }).canClaim).toBe(true);
  });
});

describe("members and invitations", () => {
  test("only members, organisers of hubs serving the council and admins see the members", async () => {
    const seen = unwrap(await members(york.slug, "organiser")).body as Awaited<ReturnType<typeof membersLoader>>;
    expect(seen.members.map((m) => [m.name, m.role])).toEqual([["Officer", "owner"]]);
    expect(seen.canInvite).toBe(false);
    expect(unwrap(await members(york.slug, "admin")).status).toBe(200);
    await expectForbidden(await members(york.slug, "stranger"), "You need to be a member of York to see its members.");
  });

  test("another council's owner can neither invite to nor remove members of this council", async () => {
    await expectForbidden(
      await membersPost(york.slug, "cardiffOwner", { intent: "invite", email: "friend@example.org", role: "owner" }),
      "You need to be an owner of York to do this. Ask one of its owners.",
    );
    const officerMembership = await membershipOf("officer", york.id);
    await expectForbidden(
      await membersPost(york.slug, "cardiffOwner", { intent: "remove", membershipId: officerMembership!.id }),
      /owner of York/,
    );
    expect(await membershipOf("officer", york.id)).not.toBeNull();
    expect(await prisma.invitation.count({ where: { organisationId: york.id } })).toBe(0);
  });

  test("bad invitation input answers 400 with field errors and keeps what was typed", async () => {
    const result = unwrap(
      await membersPost(york.slug, "officer", { intent: "invite", email: "not an email", role: "king" }),
    );
    expect(result.status).toBe(400);
    const body = formReply(result.body);
    expect(body.errors).toEqual({
      email: "Enter an email address in the correct format, like name@example.org",
      role: "Choose owner or member",
    });
    expect(body.values.email).toBe("not an email");
    const huge = unwrap(
      await membersPost(york.slug, "officer", {
        intent: "invite",
        email: `${"a".repeat(300)}@example.org`,
        role: "member",
      }),
    );
    expect(huge.status).toBe(400);
    expect(formReply(huge.body).errors.email).toMatch(/254 characters/);
    const unknown = await membersPost(york.slug, "officer", { intent: "promote-everyone" });
    expect(unwrap(unknown).status).toBe(400);
    // Names every object inherits are not intents either (they used to reach handler.run: 500).
    for (const intent of ["toString", "constructor", "__proto__", "hasOwnProperty"]) {
      for (const key of ["officer", "admin"]) {
        const inherited = await membersPost(york.slug, key, { intent });
        expect(unwrap(inherited).status, `${key} posting intent=${intent}`).toBe(400);
      }
    }
  });

  test("an invitation is accepted only by a signed-in person whose confirmed email it was sent to", async () => {
    expectRedirect(
      await membersPost(york.slug, "officer", { intent: "invite", email: "Colleague@York.gov.uk", role: "member" }),
      `/organisations/${york.slug}/members`,
    );
    const first = await lastInvitationToken("colleague@york.gov.uk");
    // Inviting the same address again replaces the first invitation.
    await membersPost(york.slug, "officer", { intent: "invite", email: "colleague@york.gov.uk", role: "member" });
    const token = await lastInvitationToken("colleague@york.gov.uk");
    expect(token).not.toBe(first);
    expect((unwrap(await invitationPage(first)).body as { status: string }).status).toBe("revoked");
    expect(
      await prisma.invitation.count({
        where: { organisationId: york.id, email: "colleague@york.gov.uk", revokedAt: null },
      }),
    ).toBe(1);

    const page = unwrap(await invitationPage(token)).body as Awaited<ReturnType<typeof invitationLoader>>;
    expect(page).toMatchObject({
      status: "pending",
      role: "member",
      inviterName: "Officer",
      organisation: { name: "York" },
      viewer: null,
    });
    expect(page.signInHref).toBe(`/signin?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`);
    expect(page.expiresAt.getTime() - Date.now()).toBeGreaterThan(13.9 * 24 * 3600 * 1000);

    // Signed out: sign in first, then come back.
    expectRedirect(await accept(token), `/signin?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`);
    // Signed in as someone else: refused, with the reason.
    await expectForbidden(await accept(token, "stranger"), /sent to a different email address/);
    expect(await membershipOf("stranger", york.id)).toBeNull();

    expectRedirect(await accept(token, "colleague"), `/organisations/${york.slug}`);
    expect((await membershipOf("colleague", york.id))?.role).toBe("member");
    expect((unwrap(await invitationPage(token)).body as { status: string }).status).toBe("accepted");
    const again = unwrap(await accept(token, "colleague"));
    expect(again.status).toBe(410);
    const log = await actions(york.id);
    expect(log.slice(-2)).toEqual(["invitation.accept", "membership.add"]);
    expect(log.filter((action) => action === "invitation.send")).toHaveLength(2);
  });

  test("an expired invitation is refused", async () => {
    await membersPost(york.slug, "officer", { intent: "invite", email: "stranger@example.org", role: "member" });
    const token = await lastInvitationToken("stranger@example.org");
    await prisma.invitation.updateMany({
      where: { email: "stranger@example.org", organisationId: york.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const page = unwrap(await invitationPage(token, "stranger")).body as { status: string; statusMessage: string };
    expect(page.status).toBe("expired");
    expect(page.statusMessage).toMatch(/expired/);
    const result = unwrap(await accept(token, "stranger"));
    expect(result.status).toBe(410);
    expect(formReply(result.body).errors.form).toMatch(/expired/);
    expect(await membershipOf("stranger", york.id)).toBeNull();
    const unknown = await invitationPage("A".repeat(43));
    expect((unknown as Response).status).toBe(404);
  });

  test("an owner revokes a pending invitation", async () => {
    await membersPost(york.slug, "officer", { intent: "invite", email: "later@example.org", role: "owner" });
    const token = await lastInvitationToken("later@example.org");
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { email: "later@example.org" } });
    expectRedirect(
      await membersPost(york.slug, "officer", { intent: "revoke", invitationId: invitation.id }),
      `/organisations/${york.slug}/members`,
    );
    expect((unwrap(await invitationPage(token)).body as { status: string }).status).toBe("revoked");
    expect((await actions(york.id)).at(-1)).toBe("invitation.revoke");
  });

  test("the last owner cannot leave; after transferring ownership they can", async () => {
    const refused = unwrap(await membersPost(york.slug, "officer", { intent: "leave" }));
    expect(refused.status).toBe(409);
    expect(formReply(refused.body).errors.form).toMatch(/only owner.*Transfer ownership/);
    expect(await membershipOf("officer", york.id)).not.toBeNull();
    const confirm = unwrap(
      await settle(
        membersLoader({
          request: getRequest(`/organisations/${york.slug}/members?confirm=leave`, as("officer")),
          params: { slug: york.slug },
          context,
        }),
      ),
    ).body as Awaited<ReturnType<typeof membersLoader>>;
    expect(confirm.confirm).toMatchObject({ kind: "leave", lastOwner: true });

    // A member cannot hand over ownership.
    const officerMembership = await membershipOf("officer", york.id);
    await expectForbidden(
      await membersPost(york.slug, "colleague", { intent: "transfer", membershipId: officerMembership!.id }),
      /owner of York/,
    );

    const colleagueMembership = await membershipOf("colleague", york.id);
    expectRedirect(
      await membersPost(york.slug, "officer", { intent: "transfer", membershipId: colleagueMembership!.id }),
      `/organisations/${york.slug}/members`,
    );
    expect((await membershipOf("colleague", york.id))?.role).toBe("owner");
    expect((await membershipOf("officer", york.id))?.role).toBe("member");
    const transfers = await prisma.auditLog.findMany({
      where: { organisationId: york.id, action: "membership.change_role" },
    });
    expect(transfers.map((entry) => entry.details)).toEqual([
      { userId: users.colleague!.id, from: "member", to: "owner", via: "transfer" },
      { userId: users.officer!.id, from: "owner", to: "member", via: "transfer" },
    ]);

    // The new owner cannot demote themselves while they are the only owner.
    const demote = unwrap(
      await membersPost(york.slug, "colleague", {
        intent: "role",
        membershipId: colleagueMembership!.id,
        role: "member",
      }),
    );
    expect(demote.status).toBe(409);

    expectRedirect(await membersPost(york.slug, "officer", { intent: "leave" }), `/organisations/${york.slug}`);
    expect(await membershipOf("officer", york.id)).toBeNull();
    expect((await actions(york.id)).at(-1)).toBe("membership.remove");
  });

  test("an owner changes roles and removes members; nobody removes the last owner", async () => {
    await prisma.membership.create({ data: { userId: users.officer!.id, organisationId: york.id, role: "member" } });
    const officerMembership = (await membershipOf("officer", york.id))!;
    expectRedirect(
      await membersPost(york.slug, "colleague", { intent: "role", membershipId: officerMembership.id, role: "owner" }),
      `/organisations/${york.slug}/members`,
    );
    expect((await membershipOf("officer", york.id))?.role).toBe("owner");
    const badRole = unwrap(
      await membersPost(york.slug, "colleague", {
        intent: "role",
        membershipId: officerMembership.id,
        role: "emperor",
      }),
    );
    expect(badRole.status).toBe(400);
    expectRedirect(
      await membersPost(york.slug, "colleague", { intent: "remove", membershipId: officerMembership.id }),
      `/organisations/${york.slug}/members`,
    );
    expect(await membershipOf("officer", york.id)).toBeNull();
    const gone = unwrap(
      await membersPost(york.slug, "colleague", { intent: "remove", membershipId: officerMembership.id }),
    );
    expect(gone.status).toBe(404);
    const self = unwrap(
      await membersPost(york.slug, "colleague", {
        intent: "remove",
        membershipId: (await membershipOf("colleague", york.id))!.id,
      }),
    );
    expect(self.status).toBe(409);
  });

  test("a claimed council cannot invite anyone until it is verified", async () => {
    // Leeds was claimed by "stranger" above and is waiting for a hub organiser.
    const leeds = await prisma.organisation.findUniqueOrThrow({ where: { localAuthorityCode: "LDS" } });
    const result = unwrap(
      await membersPost(leeds.slug, "stranger", { intent: "invite", email: "x@example.org", role: "member" }),
    );
    expect(result.status).toBe(409);
    expect(formReply(result.body).errors.form).toMatch(/must be verified by a hub organiser/);
  });
});

describe("hubs, admins and the audit log", () => {
  test("an organiser changes the regions and councils their hub serves; others get 403", async () => {
    const slug = yorkshireHub.slug;
    const load = (key: string, q = "") =>
      settle(
        hubCouncilsLoader({
          request: getRequest(`/hub/${slug}/councils${q ? `?q=${q}` : ""}`, as(key)),
          params: { slug },
          context,
        }),
      );
    const post = (key: string, fields: Record<string, string> | URLSearchParams) =>
      settle(
        hubCouncilsAction({
          request: new Request(`http://localhost/hub/${slug}/councils`, {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded", cookie: as(key)! },
            body: new URLSearchParams(fields).toString(),
          }),
          params: { slug },
          context,
        }),
      );
    await expectForbidden(
      await load("welshOrganiser"),
      "You need to be an organiser of Yorkshire Hub to change the councils it serves.",
    );
    await expectForbidden(
      await post("welshOrganiser", { intent: "add", councilId: cardiff.id }),
      /organiser of Yorkshire Hub/,
    );

    const page = unwrap(await load("organiser", "Cardiff")).body as Awaited<ReturnType<typeof hubCouncilsLoader>>;
    expect(page.regions).toContain("Wales");
    expect(page.results.map((c) => c.name)).toEqual(["Cardiff"]);
    // What the organiser types is looked for as written: % and _ are not wildcards, \ no error.
    for (const q of ["%25", "_", "%5C", "Cardi_f"]) {
      const searched = unwrap(await load("organiser", q));
      expect(searched.status, q).toBe(200);
      expect((searched.body as typeof page).results, q).toEqual([]);
    }
    expectRedirect(await post("organiser", { intent: "add", councilId: cardiff.id }), `/hub/${slug}/councils`);
    expect(await prisma.hubCouncil.count({ where: { hubId: yorkshireHub.id, councilId: cardiff.id } })).toBe(1);
    expectRedirect(await post("organiser", { intent: "remove", councilId: cardiff.id }), `/hub/${slug}/councils`);
    expect(await prisma.hubCouncil.count({ where: { hubId: yorkshireHub.id } })).toBe(0);

    const regions = new URLSearchParams([
      ["intent", "regions"],
      ["regions", "Yorkshire and The Humber"],
      ["regions", "North East"],
    ]);
    expectRedirect(await post("organiser", regions), `/hub/${slug}/councils`);
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: yorkshireHub.id } })).servesRegions).toEqual([
      "North East",
      "Yorkshire and The Humber",
    ]);
    const bad = unwrap(
      await post(
        "organiser",
        new URLSearchParams([
          ["intent", "regions"],
          ["regions", "Atlantis"],
        ]),
      ),
    );
    expect(bad.status).toBe(400);
    expect(formReply(bad.body).errors.regions).toMatch(/Atlantis/);
    expect(await actions(yorkshireHub.id)).toEqual(["hub.add_council", "hub.remove_council", "hub.change_regions"]);
  });

  test("the command-line tools explain unknown people and hubs, and write the audit log", async () => {
    await expect(makePlatformAdmin("nobody@example.org")).rejects.toThrow(/No Nettle account uses nobody@example.org/);
    await expect(addHubOrganiser("stranger@example.org", "no-such-hub")).rejects.toThrow(
      /no organisation with the slug “no-such-hub”.*yorkshire-hub/,
    );
    await expect(addHubOrganiser("stranger@example.org", york.slug)).rejects.toBeInstanceOf(DomainError);

    expect(await makePlatformAdmin(" Stranger@Example.org ")).toMatchObject({ changed: true });
    expect(await makePlatformAdmin("stranger@example.org")).toMatchObject({ changed: false });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: users.stranger!.id } })).isAdmin).toBe(true);
    const made = await prisma.auditLog.findMany({ where: { action: "user.make_admin" } });
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ actorId: null, subjectId: users.stranger!.id, details: { via: "command line" } });

    expect(await addHubOrganiser("colleague@york.gov.uk", walesHub.slug)).toMatchObject({
      changed: true,
      role: "owner",
    });
    const added = await prisma.auditLog.findFirstOrThrow({
      where: { organisationId: walesHub.id, action: "membership.add" },
    });
    expect(added).toMatchObject({
      actorId: null,
      details: { via: "command line", role: "owner", userId: users.colleague!.id },
    });
  });

  test("the audit log is for admins only, and reads in words", async () => {
    await expectForbidden(
      await settle(auditLoader({ request: getRequest("/admin/audit", as("organiser")), params: {}, context })),
      "You need to be a platform administrator to see this page.",
    );
    const page = unwrap(
      await settle(auditLoader({ request: getRequest("/admin/audit", as("admin")), params: {}, context })),
    ).body as Awaited<ReturnType<typeof auditLoader>>;
    expect(page.total).toBeGreaterThan(10);
    const verified = page.rows.find((row) => row.action === "Verified a council" && row.subject.text === "York");
    expect(verified).toMatchObject({ who: "Organiser", subject: { href: `/organisations/${york.slug}` } });
    const commandLine = page.rows.find((row) => row.action === "Made someone a platform administrator");
    expect(commandLine).toMatchObject({ who: "Command line", subject: { text: "Stranger" } });
    const rejected = page.rows.find((row) => row.action === "Rejected a claim to a council");
    expect(rejected?.details).toContainEqual({ label: "Claimant", value: "Officer" });

    await prisma.user.update({ where: { id: users.organiser!.id }, data: { deletedAt: new Date(), email: null } });
    const later = unwrap(
      await settle(auditLoader({ request: getRequest("/admin/audit", as("admin")), params: {}, context })),
    ).body as Awaited<ReturnType<typeof auditLoader>>;
    expect(later.rows.find((row) => row.action === "Verified a council" && row.subject.text === "York")?.who).toBe(
      "Former member",
    );
  });
});
