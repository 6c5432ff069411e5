import { describe, expect, test } from "vitest";
import { describeDevice } from "~/models/accounts/account.server";
import { action as accountAction, loader as accountLoader } from "~/routes/account._index";
import { loader as dataLoader } from "~/routes/account.data";
import { action as deleteAction, loader as deleteLoader } from "~/routes/account.delete";
import { action as sessionsAction, loader as sessionsLoader } from "~/routes/account.sessions";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as signupAction } from "~/routes/signup";
import { getUser } from "~/services/auth.server";
import { prisma } from "~/services/db.server";
import { hashPassword } from "~/services/password.server";
import { createSession, hashToken } from "~/services/session.server";
import { context, cookieFrom, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";

const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const CHROME_MAC =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

let counter = 0;

/** A person with a password, signed in on one device; returns the user and that device's cookie. */
async function makeUser(overrides: { displayName?: string; email?: string; password?: boolean } = {}) {
  counter += 1;
  const user = await prisma.user.create({
    data: {
      email: overrides.email ?? `person${counter}@example.org`,
      displayName: overrides.displayName ?? `Person ${counter}`,
      passwordHash: overrides.password === false ? null : await hashPassword("kettle orbit meadow"),
      emailVerifiedAt: new Date(),
    },
  });
  const cookie = await signInOn(user.id, FIREFOX_WINDOWS);
  return { user, cookie };
}

async function signInOn(userId: string, userAgent: string) {
  return cookieFrom(
    await createSession(userId, new Request("http://localhost/signin", { headers: { "user-agent": userAgent } })),
  );
}

/** The session row's id for a cookie ("nettle_session=<encoded token>"). */
async function sessionIdOf(cookie: string) {
  return (await getUser(getRequest("/", cookie)))!.sessionId;
}

async function makeOrganisation(name: string) {
  counter += 1;
  return prisma.organisation.create({ data: { name, slug: `org-${counter}`, kind: "community" } });
}

const post = (action: typeof accountAction, path: string, fields: Record<string, string>, cookie: string) =>
  settle(action({ request: formRequest(path, fields, cookie), params: {}, context }));

describe("profile", () => {
  test("the account page needs a signed-in user", async () => {
    const response = await settle(accountLoader({ request: getRequest("/account"), params: {}, context }));
    expect((response as Response).headers.get("location")).toBe("/signin?redirectTo=%2Faccount");
  });

  test("saves name, kind and visibility", async () => {
    const { user, cookie } = await makeUser();
    const response = (await post(
      accountAction,
      "/account",
      { intent: "profile", displayName: "  Ada Lovelace ", kind: "academic", visibility: "public" },
      cookie,
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/account");
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
      displayName: "Ada Lovelace",
      kind: "academic",
      visibility: "public",
    });
  });

  test("bad values answer 400 with errors beside the fields and keep what was typed", async () => {
    const { user, cookie } = await makeUser({ displayName: "Before" });
    const result = unwrap(
      await post(
        accountAction,
        "/account",
        { intent: "profile", displayName: "Typed name", kind: "wizard", visibility: "everyone" },
        cookie,
      ),
    );
    expect(result.status).toBe(400);
    expect(formReply(result.body)).toMatchObject({
      errors: { kind: "Select what describes you best", visibility: "Select who can see your profile" },
      values: { displayName: "Typed name", kind: "wizard" },
    });
    const long = unwrap(
      await post(
        accountAction,
        "/account",
        { intent: "profile", displayName: "x".repeat(101), kind: "student", visibility: "members" },
        cookie,
      ),
    );
    expect(long.status).toBe(400);
    expect(formReply(long.body)).toMatchObject({ errors: { displayName: "Name must be 100 characters or fewer" } });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).displayName).toBe("Before");
  });

  test("an oversized form is refused with 400 before it is read", async () => {
    const { user, cookie } = await makeUser({ displayName: "Unchanged" });
    const response = (await post(
      accountAction,
      "/account",
      { intent: "profile", displayName: "y".repeat(70_000), kind: "student", visibility: "members" },
      cookie,
    )) as Response;
    expect(response.status).toBe(400);
    expect(await response.text()).toBe("The form was too large to accept.");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).displayName).toBe("Unchanged");
  });
});

describe("GitHub on the account page", () => {
  test("someone who signs in only with GitHub cannot unlink it; with a password they can", async () => {
    const { user, cookie } = await makeUser({ password: false });
    await prisma.identity.create({
      data: { userId: user.id, provider: "github", providerUserId: "777", username: "only-gh" },
    });
    const page = unwrap(await accountLoader({ request: getRequest("/account", cookie), params: {}, context }));
    expect(page.body).toMatchObject({ hasPassword: false, github: { username: "only-gh" } });

    const refused = unwrap(await post(accountAction, "/account", { intent: "unlink-github" }, cookie));
    expect(refused.status).toBe(400);
    expect(formReply(refused.body)).toMatchObject({
      errors: { github: expect.stringContaining("unlinking it would lock you out") },
    });
    expect(await prisma.identity.count({ where: { userId: user.id } })).toBe(1);

    await prisma.user.update({
      where: { id: user.id },
      data: { passwordHash: await hashPassword("kettle orbit meadow") },
    });
    const done = (await post(accountAction, "/account", { intent: "unlink-github" }, cookie)) as Response;
    expect(done.status).toBe(302);
    expect(await prisma.identity.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { actorId: user.id, action: "identity.unlink" } })).toBe(1);
  });
});

describe("sessions", () => {
  test("lists this person's devices in plain words, with this device marked", async () => {
    const { user, cookie } = await makeUser();
    await signInOn(user.id, SAFARI_IPHONE);
    await makeUser(); // someone else's session must not appear
    const { sessions } = await sessionsLoader({
      request: getRequest("/account/sessions", cookie),
      params: {},
      context,
    });
    expect(sessions.map((s) => [s.device, s.current])).toEqual([
      ["Firefox on Windows", true],
      ["Safari on an iPhone", false],
    ]);
  });

  test("revoking someone else's session answers 404 and deletes nothing", async () => {
    const { cookie } = await makeUser();
    const { cookie: otherCookie } = await makeUser();
    const theirs = await sessionIdOf(otherCookie);
    const response = (await post(
      sessionsAction,
      "/account/sessions",
      { intent: "revoke", sessionId: theirs },
      cookie,
    )) as Response;
    expect(response.status).toBe(404);
    expect(await prisma.session.findUnique({ where: { id: theirs } })).not.toBeNull();
    expect(await getUser(getRequest("/", otherCookie))).not.toBeNull();
  });

  test("revoking one of your own other sessions signs that device out", async () => {
    const { user, cookie } = await makeUser();
    const phone = await signInOn(user.id, SAFARI_IPHONE);
    const response = (await post(
      sessionsAction,
      "/account/sessions",
      { intent: "revoke", sessionId: await sessionIdOf(phone) },
      cookie,
    )) as Response;
    expect(response.status).toBe(302);
    expect(await getUser(getRequest("/", phone))).toBeNull();
    expect(await getUser(getRequest("/", cookie))).not.toBeNull();
  });

  test('"Sign out everywhere else" keeps only the current session', async () => {
    const { user, cookie } = await makeUser();
    const phone = await signInOn(user.id, SAFARI_IPHONE);
    const laptop = await signInOn(user.id, CHROME_MAC);
    const { cookie: bystander } = await makeUser();
    const response = (await post(sessionsAction, "/account/sessions", { intent: "others" }, cookie)) as Response;
    expect(response.status).toBe(302);
    const remaining = await prisma.session.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(remaining).toEqual([{ id: await sessionIdOf(cookie) }]);
    expect(await getUser(getRequest("/", phone))).toBeNull();
    expect(await getUser(getRequest("/", laptop))).toBeNull();
    expect(await getUser(getRequest("/", bystander))).not.toBeNull();
  });
});

describe("download my data", () => {
  test("is a JSON attachment with this person's data and nobody else's", async () => {
    const { user, cookie } = await makeUser({ displayName: "Dana Data", email: "dana@example.org" });
    const { user: other } = await makeUser({ displayName: "Otto Other", email: "otto@example.org" });
    const mine = await makeOrganisation("Dana's Data Collective");
    const theirs = await makeOrganisation("Otto's Secret Society");
    await prisma.membership.createMany({
      data: [
        { userId: user.id, organisationId: mine.id, role: "owner" },
        { userId: other.id, organisationId: theirs.id, role: "owner" },
      ],
    });
    await prisma.invitation.createMany({
      data: [
        {
          organisationId: mine.id,
          email: "friend@example.org",
          tokenHash: hashToken("a"),
          invitedById: user.id,
          expiresAt: new Date(Date.now() + 86_400_000),
        },
        {
          organisationId: theirs.id,
          email: "otto-friend@example.org",
          tokenHash: hashToken("b"),
          invitedById: other.id,
          expiresAt: new Date(Date.now() + 86_400_000),
        },
      ],
    });
    await prisma.identity.create({
      data: { userId: user.id, provider: "github", providerUserId: "4242", username: "dana-gh" },
    });
    await prisma.auditLog.createMany({
      data: [
        {
          actorId: user.id,
          action: "membership.add",
          subjectType: "membership",
          subjectId: "m1",
          organisationId: mine.id,
        },
        {
          actorId: other.id,
          action: "membership.add",
          subjectType: "membership",
          subjectId: "otto-membership-entry",
          organisationId: theirs.id,
        },
      ],
    });
    await prisma.mail.createMany({
      data: [
        {
          to: "dana@example.org",
          subject: "Confirm your email address",
          text: "Hello Dana",
          html: "<p>Hello Dana</p>",
          template: "verify-email",
        },
        {
          to: "otto@example.org",
          subject: "Otto's reset",
          text: "Hello Otto",
          html: "<p>Hello Otto</p>",
          template: "reset-password",
        },
      ],
    });

    const response = await dataLoader({ request: getRequest("/account/data", cookie), params: {}, context });
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="nettle-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const text = await response.text();
    const exported = JSON.parse(text) as Record<string, unknown>;
    expect(exported).toMatchObject({
      profile: { id: user.id, displayName: "Dana Data", hasPassword: true },
      email: "dana@example.org",
      sessions: [{ device: "Firefox on Windows" }],
      identities: [{ provider: "github", providerUserId: "4242", username: "dana-gh" }],
      memberships: [{ organisation: { name: "Dana's Data Collective" }, role: "owner" }],
      invitationsSent: [{ email: "friend@example.org", organisation: { name: "Dana's Data Collective" } }],
      auditEntries: [{ action: "membership.add", subjectId: "m1" }],
      mail: [{ subject: "Confirm your email address", text: "Hello Dana" }],
    });
    // No session ids (they would let nobody in, but they are not the person's data), no hash.
    expect(text).not.toContain(await sessionIdOf(cookie));
    expect(text).not.toContain("passwordHash");
    expect(text).not.toContain("$argon2");
    for (const foreign of ["Otto", "otto@example.org", "otto-friend", other.id, "otto-membership-entry"])
      expect(text).not.toContain(foreign);
  });

  test("needs a signed-in user", async () => {
    const response = await settle(dataLoader({ request: getRequest("/account/data"), params: {}, context }));
    expect((response as Response).status).toBe(302);
  });
});

describe("an address is compared whole, never as a pattern", () => {
  // `_` and `%` are wildcards in SQL LIKE: "_ictim@…" must not count as "victim@…".
  test("signing up as _ictim@… gives no access to victim@…'s reset link, and deleting that account leaves their mail", async () => {
    const { user: victim } = await makeUser({ displayName: "Vic Tim", email: "victim@example.org" });
    const club = await makeOrganisation("Victim's Club");
    await prisma.invitation.create({
      data: {
        organisationId: club.id,
        email: "victim@example.org",
        tokenHash: hashToken("to-victim"),
        invitedById: victim.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const signedUp = await settle(
      signupAction({
        request: formRequest("/signup", {
          displayName: "Mallory",
          email: "_ictim@example.org",
          kind: "volunteer",
          password: "quartz lantern willow",
        }),
        params: {},
        context: { ...context, clientIp: "198.51.100.40" },
      }),
    );
    expect((signedUp as Response).status).toBe(302);
    const attacker = await prisma.user.findUniqueOrThrow({ where: { email: "_ictim@example.org" } });
    expect(attacker.emailVerifiedAt).toBeNull();
    const cookie = await signInOn(attacker.id, FIREFOX_WINDOWS);
    await settle(
      forgotAction({
        request: formRequest("/forgot-password", { email: "victim@example.org" }),
        params: {},
        context: { ...context, clientIp: "198.51.100.41" },
      }),
    );
    const resetMail = await prisma.mail.findFirstOrThrow({ where: { to: "victim@example.org", template: "reset-password" } });
    const resetLink = /\/reset-password\/[A-Za-z0-9_-]+/.exec(resetMail.text)![0];

    const response = await dataLoader({ request: getRequest("/account/data", cookie), params: {}, context });
    const text = await response.text();
    const exported = JSON.parse(text) as { mail: { to: string; template: string }[] };
    expect(exported.mail.map((m) => [m.to, m.template])).toEqual([["_ictim@example.org", "verify-email"]]);
    expect(text).not.toContain(resetLink);
    expect(text).not.toContain("victim@example.org");

    const deleted = (await post(deleteAction, "/account/delete", { confirm: "delete" }, cookie)) as Response;
    expect(deleted.status).toBe(302);
    expect(await prisma.mail.count({ where: { to: "_ictim@example.org" } })).toBe(0);
    expect(await prisma.mail.count({ where: { to: "victim@example.org", template: "reset-password" } })).toBe(1);
    expect(await prisma.invitation.count({ where: { email: "victim@example.org" } })).toBe(1);
  });
});

describe("deleting an account", () => {
  test("needs the email address or the word delete typed to confirm", async () => {
    const { user, cookie } = await makeUser();
    const result = unwrap(await post(deleteAction, "/account/delete", { confirm: "yes please" }, cookie));
    expect(result.status).toBe(400);
    expect(formReply(result.body)).toMatchObject({
      errors: { confirm: "Type your email address or the word delete to confirm" },
      values: { confirm: "yes please" },
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).deletedAt).toBeNull();
  });

  test("removes personal data, keeps the row as a former member and ends every session", async () => {
    const { user, cookie } = await makeUser({ displayName: "Erin Leaving", email: "erin@example.org" });
    const phone = await signInOn(user.id, SAFARI_IPHONE);
    const { user: colleague } = await makeUser();
    const shared = await makeOrganisation("Shared Hub");
    await prisma.membership.createMany({
      data: [
        { userId: user.id, organisationId: shared.id, role: "owner" },
        { userId: colleague.id, organisationId: shared.id, role: "owner" },
      ],
    });
    await prisma.identity.create({
      data: { userId: user.id, provider: "github", providerUserId: "5151", username: "erin-gh" },
    });
    await prisma.userToken.create({
      data: {
        userId: user.id,
        purpose: "reset_password",
        tokenHash: hashToken("erin-token"),
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    const sent = await prisma.invitation.create({
      data: {
        organisationId: shared.id,
        email: "newcomer@example.org",
        tokenHash: hashToken("inv"),
        invitedById: user.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    await prisma.invitation.create({
      data: {
        organisationId: shared.id,
        email: "erin@example.org",
        tokenHash: hashToken("to-erin"),
        invitedById: colleague.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    await prisma.auditLog.create({
      data: {
        actorId: user.id,
        action: "membership.add",
        subjectType: "membership",
        subjectId: "x",
        organisationId: shared.id,
      },
    });
    await prisma.mail.createMany({
      data: [
        { to: "erin@example.org", subject: "Hello", text: "Hi Erin", html: "<p>Hi Erin</p>", template: "verify-email" },
        { to: "someone@example.org", subject: "Keep", text: "Hi", html: "<p>Hi</p>", template: "verify-email" },
      ],
    });

    const page = await deleteLoader({ request: getRequest("/account/delete", cookie), params: {}, context });
    expect(page.blocked).toBeNull();
    const response = (await post(
      deleteAction,
      "/account/delete",
      { confirm: " Erin@Example.org " },
      cookie,
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
    expect(response.headers.getSetCookie().some((c) => c.startsWith("nettle_session=;") && /Max-Age=0/i.test(c))).toBe(
      true,
    );
    expect(response.headers.getSetCookie().some((c) => c.startsWith("nettle_flash="))).toBe(true);

    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({
      email: null,
      displayName: "Former member",
      passwordHash: null,
      emailVerifiedAt: null,
      isAdmin: false,
    });
    expect(after.deletedAt).toBeInstanceOf(Date);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await getUser(getRequest("/", cookie))).toBeNull();
    expect(await getUser(getRequest("/", phone))).toBeNull();
    expect(await prisma.identity.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.userToken.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.membership.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.mail.count({ where: { to: "erin@example.org" } })).toBe(0);
    expect(await prisma.mail.count({ where: { to: "someone@example.org" } })).toBe(1);
    expect(await prisma.invitation.count({ where: { email: "erin@example.org" } })).toBe(0);
    // What they did stays, credited to the emptied row.
    expect((await prisma.invitation.findUniqueOrThrow({ where: { id: sent.id } })).invitedById).toBe(user.id);
    expect(await prisma.auditLog.count({ where: { actorId: user.id, action: "membership.add" } })).toBe(1);
    expect(
      await prisma.auditLog.count({ where: { actorId: user.id, action: "user.delete_account", subjectId: user.id } }),
    ).toBe(1);
    expect(await prisma.membership.count({ where: { organisationId: shared.id } })).toBe(1);
    // The organisation's own history says the member left.
    expect(await prisma.auditLog.count({ where: { action: "membership.remove", organisationId: shared.id } })).toBe(1);
  });

  test("the only owner of an organisation is asked to hand it over first, and nothing changes", async () => {
    const { user, cookie } = await makeUser({ email: "olive@example.org" });
    const { user: member } = await makeUser();
    const org = await makeOrganisation("Olive's Open Data Group");
    await prisma.membership.createMany({
      data: [
        { userId: user.id, organisationId: org.id, role: "owner" },
        { userId: member.id, organisationId: org.id, role: "member" },
      ],
    });

    const page = await deleteLoader({ request: getRequest("/account/delete", cookie), params: {}, context });
    expect(page.blocked?.organisations).toEqual([{ name: "Olive's Open Data Group", slug: org.slug }]);

    const result = unwrap(await post(deleteAction, "/account/delete", { confirm: "delete" }, cookie));
    expect(result.status).toBe(409);
    expect(formReply(result.body)).toMatchObject({
      errors: {
        confirm: expect.stringContaining(
          "You are the only owner of Olive's Open Data Group. Make another member an owner first",
        ),
      },
    });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after).toMatchObject({ email: "olive@example.org", deletedAt: null });
    expect(await prisma.membership.count({ where: { userId: user.id } })).toBe(1);
    expect(await getUser(getRequest("/", cookie))).not.toBeNull();
  });
});

describe("describing devices", () => {
  test.each([
    [FIREFOX_WINDOWS, "Firefox on Windows"],
    [SAFARI_IPHONE, "Safari on an iPhone"],
    [CHROME_MAC, "Chrome on a Mac"],
    [
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0",
      "Edge on Windows",
    ],
    [
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
      "Chrome on Android",
    ],
    ["curl/8.5.0", "A program (curl)"],
    [null, "Unknown device"],
  ])("%s", (userAgent, expected) => {
    expect(describeDevice(userAgent)).toBe(expected);
  });
});

describe("the accounts model refuses anyone but the account's own person, whoever calls it", () => {
  test("another person, even an administrator, cannot change, read, sign out, unlink, export or delete someone's account", async () => {
    const { user: owner, cookie: ownerCookie } = await makeUser({ displayName: "Orla Owner" });
    const { cookie: otherCookie } = await makeUser({ displayName: "Mallory" });
    const { user: admin, cookie: adminCookie } = await makeUser({ displayName: "Ada Admin" });
    await prisma.user.update({ where: { id: admin.id }, data: { isAdmin: true } });
    await prisma.user.update({ where: { id: owner.id }, data: { emailVerifiedAt: null } });
    await prisma.identity.create({ data: { userId: owner.id, provider: "github", providerUserId: "9090", username: "orla-gh" } });
    const ownerSession = await sessionIdOf(ownerCookie);
    const { updateProfile, listSessions, revokeSession, signOutOtherDevices, accountOverview } = await import(
      "~/models/accounts/account.server"
    );
    const { unlinkProvider } = await import("~/models/accounts/identity.server");
    const { deleteAccount, exportUserData, accountDeletionBlock } = await import("~/models/accounts/privacy.server");
    const { resendVerificationEmail } = await import("~/models/accounts/user-token.server");
    const { DomainError } = await import("~/models/platform/errors");
    const kindOf = async (attempt: Promise<unknown>) => {
      const error: unknown = await attempt.then(() => null, (thrown: unknown) => thrown);
      return DomainError.is(error) ? error.kind : error;
    };

    for (const cookie of [otherCookie, adminCookie]) {
      const actor = (await getUser(getRequest("/", cookie)))!;
      const attempts = {
        updateProfile: updateProfile(actor, owner.id, { displayName: "Taken over", kind: "student", visibility: "public" }),
        accountOverview: accountOverview(actor, owner.id),
        listSessions: listSessions(actor, owner.id),
        signOutOtherDevices: signOutOtherDevices(actor, owner.id),
        unlinkProvider: unlinkProvider(actor, owner.id, "github"),
        exportUserData: exportUserData(actor, owner.id),
        accountDeletionBlock: accountDeletionBlock(actor, owner.id),
        deleteAccount: deleteAccount(actor, owner.id, "delete"),
        resendVerificationEmail: resendVerificationEmail(actor, owner.id),
      };
      for (const [name, attempt] of Object.entries(attempts)) expect([name, await kindOf(attempt)]).toEqual([name, "forbidden"]);
      // Someone else's session is not found, as if it did not exist.
      expect(await kindOf(revokeSession(actor, ownerSession))).toBe("not_found");
    }

    const after = await prisma.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(after).toMatchObject({ displayName: "Orla Owner", kind: "volunteer", deletedAt: null });
    expect(await prisma.identity.count({ where: { userId: owner.id } })).toBe(1);
    expect(await getUser(getRequest("/", ownerCookie))).not.toBeNull();
    expect(await prisma.mail.count({ where: { to: owner.email! } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { subjectId: owner.id } })).toBe(0);
  });
});
