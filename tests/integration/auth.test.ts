import { describe, expect, test } from "vitest";
import { action as signInAction } from "~/routes/signin";
import { action as signOutAction } from "~/routes/signout";
import { action as signUpAction } from "~/routes/signup";
import { getUser } from "~/services/auth.server";
import { prisma } from "~/services/db.server";
import { hashPassword } from "~/services/password.server";
import { hit, RATE_LIMITS } from "~/models/platform/rate-limit.server";
import { context, cookieFrom, formReply, formRequest, settle, unwrap } from "../support/http";

const goodPassword = "kettle orbit meadow";

const signUp = (fields: Record<string, string>, ip = "198.51.100.1") =>
  settle(signUpAction({ request: formRequest("/signup", fields), params: {}, context: { ...context, clientIp: ip } }));

const signIn = (fields: Record<string, string>, ip = "198.51.100.2") =>
  settle(signInAction({ request: formRequest("/signin", fields), params: {}, context: { ...context, clientIp: ip } }));

async function makeUser(email: string, password = goodPassword) {
  return prisma.user.create({
    data: { email, displayName: "Ada Officer", kind: "council_staff", passwordHash: await hashPassword(password), emailVerifiedAt: new Date() },
  });
}

describe("sign-up", () => {
  test("creates an unverified account and sends a confirmation link", async () => {
    const response = await signUp({ displayName: "Sam Student", email: "Sam@Example.org", kind: "student", password: goodPassword });
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).headers.get("Location")).toBe("/check-your-email");
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "sam@example.org" } });
    expect(user).toMatchObject({ displayName: "Sam Student", kind: "student", emailVerifiedAt: null });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const mail = await prisma.mail.findMany({ where: { to: "sam@example.org" } });
    expect(mail.map((m) => m.template)).toEqual(["verify-email"]);
    expect(mail[0]!.text).toMatch(/\/verify-email\/[A-Za-z0-9_-]{43}/);
  });

  test("an address that already has an account gets the same answer, no new account, and a note", async () => {
    await makeUser("taken@example.org");
    const response = await signUp({ displayName: "Someone Else", email: "taken@example.org", kind: "volunteer", password: goodPassword });
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toBe("/check-your-email");
    expect(await prisma.user.count({ where: { email: "taken@example.org" } })).toBe(1);
    const mail = await prisma.mail.findMany({ where: { to: "taken@example.org" } });
    expect(mail.map((m) => m.template)).toEqual(["signup-existing"]);
  });

  test("a form sent twice at once (a double click) gets the same answer both times, and one account", async () => {
    for (const n of [1, 2, 3]) {
      const email = `double-${n}@example.org`;
      const fields = { displayName: "Double Click", email, kind: "volunteer", password: goodPassword };
      const responses = await Promise.all([signUp(fields, `198.51.100.${20 + n}`), signUp(fields, `198.51.100.${30 + n}`)]);
      for (const response of responses) {
        expect((response as Response).status).toBe(302);
        expect((response as Response).headers.get("Location")).toBe("/check-your-email");
      }
      expect(await prisma.user.count({ where: { email } })).toBe(1);
    }
  });

  test("a bot that fills the hidden field gets the same answer and nothing is created", async () => {
    const response = await signUp({ displayName: "Bot", email: "bot@example.org", kind: "volunteer", password: goodPassword, website: "http://spam.example" });
    expect((response as Response).headers.get("Location")).toBe("/check-your-email");
    expect(await prisma.user.count({ where: { email: "bot@example.org" } })).toBe(0);
  });

  test("bad input answers 400 with errors beside each field and keeps what was typed, except the password", async () => {
    const result = unwrap(await signUp({ displayName: "", email: "not-an-email", kind: "wizard", password: "password1234" }));
    expect(result.status).toBe(400);
    const body = formReply(result.body);
    expect(body.errors).toEqual({
      displayName: "Enter your name",
      email: "Enter an email address in the correct format, like name@example.org",
      kind: "Select what describes you best",
      password: "That password is too common and easy to guess – choose another",
    });
    // The empty name comes back empty (a conform reply leaves empty fields out); never the password.
    expect(body.values).toEqual({ email: "not-an-email", kind: "wizard" });
  });

  test("a short password is refused with advice", async () => {
    const result = unwrap(await signUp({ displayName: "Pat", email: "pat@example.org", kind: "volunteer", password: "short" }));
    expect(formReply(result.body).errors.password).toMatch(/12 characters or more/);
  });

  test("oversized or malformed posts answer 400, never 500", async () => {
    const huge = await signUp({ displayName: "x".repeat(100_000), email: "a@example.org", kind: "volunteer", password: goodPassword });
    expect((huge as Response).status).toBe(400);
    const json = await settle(
      signUpAction({
        request: new Request("http://localhost/signup", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }),
        params: {},
        context,
      }),
    );
    expect((json as Response).status).toBe(400);
  });
});

describe("sign-up limits count accounts created and mails sent, not mistakes", () => {
  test("five mistyped forms, then a good one, creates the account", async () => {
    const ip = "198.51.100.50";
    for (const mistake of [
      { email: "mistyped-at-example.org" },
      { password: "short" },
      { displayName: "" },
      { email: "mistyped@example" },
      { password: "password1234" },
    ]) {
      const fields = { displayName: "Mo Mistake", email: "mistyped@example.org", kind: "volunteer", password: goodPassword, ...mistake };
      expect(unwrap(await signUp(fields, ip)).status).toBe(400);
    }
    const good = (await signUp({ displayName: "Mo Mistake", email: "mistyped@example.org", kind: "volunteer", password: goodPassword }, ip)) as Response;
    expect(good.status).toBe(302);
    expect(good.headers.get("Location")).toBe("/check-your-email");
    expect(await prisma.user.count({ where: { email: "mistyped@example.org" } })).toBe(1);
  });

  test("forty people in one room, behind one address, can all sign up", async () => {
    const ip = "198.51.100.60";
    for (let n = 0; n < 40; n++) {
      const response = (await signUp({ displayName: `Hack Day ${n}`, email: `hackday-${n}@example.org`, kind: "student", password: goodPassword }, ip)) as Response;
      expect(response.status, `sign-up number ${n + 1}`).toBe(302);
    }
    expect(await prisma.user.count({ where: { email: { startsWith: "hackday-" } } })).toBe(40);
  });

  test("mass creation from one address is still stopped, and the page says why", async () => {
    const ip = "198.51.100.70";
    // The address has already created as many accounts as an hour allows.
    for (let n = 0; n < RATE_LIMITS.signup.ip.limit; n++) await hit(`signup:ip:${ip}`, RATE_LIMITS.signup.ip);
    const blocked = (await signUp({ displayName: "Bulk", email: "bulk-1@example.org", kind: "volunteer", password: goodPassword }, ip)) as Response;
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await blocked.text()).toMatch(/^Too many accounts have been created from your network in the last hour\. Try again in \d+ minutes?\.$/);
    expect(await prisma.user.count({ where: { email: "bulk-1@example.org" } })).toBe(0);
  });

  test("one address gets at most three mails an hour from sign-up, and the 429 says so", async () => {
    await makeUser("popular@example.org");
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let n = 0; n < 4; n++) {
      const answer = await signUp({ displayName: "Someone", email: "popular@example.org", kind: "volunteer", password: goodPassword }, `198.51.100.${80 + n}`);
      statuses.push(unwrap(answer).status);
      last = answer as Response;
    }
    expect(statuses).toEqual([302, 302, 302, 429]);
    expect(await last!.text()).toMatch(/already sent several emails to this address/);
    expect(await prisma.mail.count({ where: { to: "popular@example.org" } })).toBe(3);
  });
});

describe("sign-in", () => {
  test("the right password starts a session in an HttpOnly, SameSite=Lax cookie", async () => {
    await makeUser("officer@example.org");
    const response = (await signIn({ email: "Officer@example.org", password: goodPassword, redirectTo: "/organisations" })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/organisations");
    const setCookie = response.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const user = await getUser(new Request("http://localhost/", { headers: { cookie: cookieFrom(setCookie) } }));
    expect(user?.email).toBe("officer@example.org");
  });

  test("a wrong password and an unknown address get the same message, and the email is kept", async () => {
    await makeUser("known@example.org");
    const wrong = unwrap(await signIn({ email: "known@example.org", password: "not the password at all" }));
    const unknown = unwrap(await signIn({ email: "nobody@example.org", password: "not the password at all" }));
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(formReply(wrong.body).errors).toEqual(formReply(unknown.body).errors);
    expect(formReply(wrong.body).values.email).toBe("known@example.org");
  });

  test("an offsite redirectTo is ignored", async () => {
    await makeUser("redirect@example.org");
    const response = (await signIn({ email: "redirect@example.org", password: goodPassword, redirectTo: "//evil.example/steal" })) as Response;
    expect(response.headers.get("Location")).toBe("/");
  });

  test("too many attempts on one account answer 429 with Retry-After, whatever the address", async () => {
    await makeUser("target@example.org");
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(unwrap(await signIn({ email: "target@example.org", password: `guess number ${i}` }, `192.0.2.${i}`)).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    const blocked = (await signIn({ email: "target@example.org", password: goodPassword }, "192.0.2.200")) as Response;
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    const reason = await blocked.text();
    expect(reason).toMatch(/Too many attempts/);
    expect(reason).toMatch(/guessing passwords/);
  });

  test("signing out ends the session", async () => {
    await makeUser("leaver@example.org");
    const response = (await signIn({ email: "leaver@example.org", password: goodPassword }, "192.0.2.250")) as Response;
    const cookie = cookieFrom(response.headers.get("Set-Cookie"));
    expect(await prisma.session.count()).toBeGreaterThan(0);
    const before = await prisma.session.count();
    const out = (await signOutAction({ request: formRequest("/signout", {}, cookie), params: {}, context })) as Response;
    expect(out.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    expect(await prisma.session.count()).toBe(before - 1);
    expect(await getUser(new Request("http://localhost/", { headers: { cookie } }))).toBeNull();
  });
});
