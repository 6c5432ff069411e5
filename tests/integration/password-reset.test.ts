import { Logger, runOnce } from "graphile-worker";
import { describe, expect, test } from "vitest";
import { taskList } from "~/jobs/index";
import { deliverMail, queueMail } from "~/models/platform/mail.server";
import { createUserToken } from "~/models/accounts/internal/tokens.server";
import { peekUserToken } from "~/models/accounts/user-token.server";
import { loader as mailboxLoader } from "~/routes/dev.mail._index";
import { loader as mailLoader } from "~/routes/dev.mail.$id";
import { loader as previewCssLoader } from "~/routes/dev.mail.$id_.preview[.]css";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token";
import { action as resendAction, loader as resendLoader } from "~/routes/verify-email";
import { action as confirmAction, loader as confirmLoader } from "~/routes/verify-email_.$token";
import { prisma } from "~/services/db.server";
import { hashPassword, verifyPassword } from "~/services/password.server";
import { context, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";
import { cookieFor } from "../support/world";

// Forgotten passwords, confirming an address again, and the development mailbox that holds
// the messages when no SMTP server is set (as in these tests).

const oldPassword = "old kettle orbit meadow";

async function makeUser(email: string, options: { verified?: boolean; deleted?: boolean } = {}) {
  return prisma.user.create({
    data: {
      email,
      displayName: "Jo Volunteer",
      passwordHash: await hashPassword(oldPassword),
      emailVerifiedAt: options.verified === false ? null : new Date(),
      deletedAt: options.deleted ? new Date() : null,
    },
  });
}

const forgot = (fields: Record<string, string>, ip: string) =>
  settle(
    forgotAction({
      request: formRequest("/forgot-password", fields),
      params: {},
      context: { ...context, clientIp: ip },
    }),
  );

const reset = (token: string, fields: Record<string, string>) =>
  settle(resetAction({ request: formRequest(`/reset-password/${token}`, fields), params: { token }, context }));

describe("asking for a reset link", () => {
  test("known and unknown addresses get the same answer; only the known one gets a message", async () => {
    await makeUser("known@example.org");
    await makeUser("gone@example.org", { deleted: true });
    const mailBefore = await prisma.mail.count();

    const known = unwrap(await forgot({ email: "  Known@Example.org " }, "198.51.100.10"));
    const unknown = unwrap(await forgot({ email: "nobody@example.org" }, "198.51.100.11"));
    const deleted = unwrap(await forgot({ email: "gone@example.org" }, "198.51.100.12"));

    for (const answer of [known, unknown, deleted]) expect(answer.status).toBe(200);
    const shape = (answer: typeof known) => ({
      ...(answer.body as object),
      email: "<typed>",
      headers: [...answer.headers],
    });
    expect(shape(unknown)).toEqual(shape(known));
    expect(shape(deleted)).toEqual(shape(known));
    expect(known.body).toEqual({ sent: true, email: "known@example.org" });
    expect(unknown.body).toEqual({ sent: true, email: "nobody@example.org" });

    const sent = await prisma.mail.findMany({ where: { createdAt: { gte: new Date(Date.now() - 60_000) } } });
    expect(await prisma.mail.count()).toBe(mailBefore + 1);
    expect(sent.map((m) => [m.to, m.template])).toEqual([["known@example.org", "reset-password"]]);
    expect(sent[0]!.subject).toBe("Reset your Nettle password");
    expect(sent[0]!.text).toMatch(/^http:\/\/localhost:\d+\/reset-password\/[A-Za-z0-9_-]{43}$/m);
  });

  test("a malformed address is refused beside the field, keeping what was typed", async () => {
    const answer = unwrap(await forgot({ email: "jo at example" }, "198.51.100.13"));
    expect(answer.status).toBe(400);
    expect(formReply(answer.body)).toEqual({
      errors: { email: "Enter an email address in the correct format, like name@example.org" },
      values: { email: "jo at example" },
    });
    const empty = unwrap(await forgot({}, "198.51.100.13"));
    expect(empty.status).toBe(400);
    expect(formReply(empty.body).errors).toEqual({ email: "Enter your email address" });
    const long = unwrap(await forgot({ email: `${"a".repeat(300)}@example.org` }, "198.51.100.13"));
    expect(long.status).toBe(400);
  });

  test("oversized or malformed posts answer 400, not 500", async () => {
    const huge = await forgot({ email: "known@example.org", padding: "x".repeat(100_000) }, "198.51.100.14");
    expect((huge as Response).status).toBe(400);
    const json = await settle(
      forgotAction({
        request: new Request("http://localhost/forgot-password", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "known@example.org" }),
        }),
        params: {},
        context,
      }),
    );
    expect((json as Response).status).toBe(400);
    const token = "A".repeat(43);
    expect(((await reset(token, { password: "x".repeat(100_000) })) as Response).status).toBe(400);
  });

  test("too many requests for one address answer 429 with Retry-After, from any address", async () => {
    for (let i = 0; i < 3; i++)
      expect(unwrap(await forgot({ email: "busy@example.org" }, `192.0.2.${i + 1}`)).status).toBe(200);
    const blocked = (await forgot({ email: "busy@example.org" }, "192.0.2.99")) as Response;
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await blocked.text()).toMatch(/^We have already sent several password reset emails to this address/);
  });

  test("mistyped addresses do not count towards the limit", async () => {
    for (let i = 0; i < 12; i++) expect(unwrap(await forgot({ email: "careful-at-example.org" }, "192.0.2.120")).status).toBe(400);
    expect(unwrap(await forgot({ email: "careful@example.org" }, "192.0.2.120")).status).toBe(200);
  });

  test("asking again retires the earlier link", async () => {
    const user = await makeUser("twice@example.org");
    const first = await createUserToken(prisma, user.id, "reset_password", 60);
    const second = await createUserToken(prisma, user.id, "reset_password", 60);
    expect(await peekUserToken(first, "reset_password")).toBe(false);
    expect(await peekUserToken(second, "reset_password")).toBe(true);
    // A token for one purpose does nothing for the other.
    expect(await peekUserToken(second, "verify_email")).toBe(false);
  });
});

describe("choosing a new password", () => {
  test("a weak, common or personal password is refused beside the field; the link still works", async () => {
    const user = await makeUser("sam.jones@example.org");
    const token = await createUserToken(prisma, user.id, "reset_password", 60);
    const page = unwrap(
      await resetLoader({ request: getRequest(`/reset-password/${token}`), params: { token }, context }),
    );
    expect(page.body).toEqual({ valid: true, email: "sam.jones@example.org" });

    const cases: [string, RegExp][] = [
      ["short", /12 characters or more/],
      ["password1234", /too common/],
      ["sam.jones rides again", /must not contain your email address/],
      ["", /Enter a new password/],
    ];
    for (const [password, message] of cases) {
      const answer = unwrap(await reset(token, { username: "sam.jones@example.org", password }));
      expect(answer.status).toBe(400);
      expect(formReply(answer.body).errors.password).toMatch(message);
      // The password typed is never sent back.
      expect(JSON.stringify(answer.body)).not.toContain(password || "\u0000");
    }
    // The page shows the account's address again with the errors, for password managers too.
    const again = unwrap(
      await resetLoader({ request: getRequest(`/reset-password/${token}`), params: { token }, context }),
    );
    expect(again.body).toEqual({ valid: true, email: "sam.jones@example.org" });
    expect(await peekUserToken(token, "reset_password")).toBe(true);
    const unchanged = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(unchanged.passwordHash!, oldPassword)).toBe(true);
  });

  test("an expired, unknown or mangled link shows the expired page", async () => {
    const user = await makeUser("late@example.org");
    const token = await createUserToken(prisma, user.id, "reset_password", 60);
    await prisma.userToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    for (const candidate of [token, "A".repeat(43), "not-a-token", "%00".repeat(200)]) {
      const page = unwrap(
        await resetLoader({ request: getRequest("/reset-password/x"), params: { token: candidate }, context }),
      );
      expect(page).toMatchObject({ status: 410, body: { valid: false } });
      const post = unwrap(await reset(candidate, { password: "tawny lantern quarry" }));
      expect(post).toMatchObject({ status: 410, body: { valid: false } });
    }
    const unchanged = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(unchanged.passwordHash!, oldPassword)).toBe(true);
  });

  test("a deleted account's link does not work", async () => {
    const user = await makeUser("deleting@example.org");
    const token = await createUserToken(prisma, user.id, "reset_password", 60);
    await prisma.user.update({ where: { id: user.id }, data: { deletedAt: new Date() } });
    expect(unwrap(await reset(token, { password: "tawny lantern quarry" })).status).toBe(410);
  });

  test("a new password signs the person out everywhere and clears this browser's cookie", async () => {
    const user = await makeUser("everywhere@example.org");
    const cookie = await cookieFor(user.id);
    await cookieFor(user.id);
    const token = await createUserToken(prisma, user.id, "reset_password", 60);
    const response = (await settle(
      resetAction({
        request: formRequest(`/reset-password/${token}`, { password: "tawny lantern quarry" }, cookie),
        params: { token },
        context,
      }),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/signin");
    const cookies = response.headers.get("Set-Cookie") ?? "";
    expect(cookies).toContain("nettle_flash=");
    expect(cookies).toMatch(/nettle_session=;/);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("confirming an address again", () => {
  test("a signed-in, unconfirmed person can send a new link; the old one stops working", async () => {
    const user = await makeUser("unconfirmed@example.org", { verified: false });
    const cookie = await cookieFor(user.id);
    const oldToken = await createUserToken(prisma, user.id, "verify_email", 24 * 60);

    const page = await resendLoader({ request: getRequest("/verify-email", cookie), params: {}, context });
    expect(page).toEqual({ email: "unconfirmed@example.org" });
    const sent = (await settle(
      resendAction({ request: formRequest("/verify-email", {}, cookie), params: {}, context }),
    )) as Response;
    expect(sent.status).toBe(302);
    expect(sent.headers.get("Location")).toBe("/verify-email");
    expect(await peekUserToken(oldToken, "verify_email")).toBe(false);

    const mail = await prisma.mail.findFirstOrThrow({ where: { to: "unconfirmed@example.org" } });
    const token = /\/verify-email\/([A-Za-z0-9_-]{43})$/m.exec(mail.text)![1]!;
    const confirm = unwrap(
      await confirmLoader({ request: getRequest(`/verify-email/${token}`), params: { token }, context }),
    );
    expect(confirm.body).toEqual({ valid: true });
    const confirmed = (await settle(
      confirmAction({ request: formRequest(`/verify-email/${token}`, {}, cookie), params: { token }, context }),
    )) as Response;
    // Signed in on this browser: on to their account, with the news.
    expect(confirmed.headers.get("Location")).toBe("/account");
    expect(confirmed.headers.get("Set-Cookie")).toContain("nettle_flash=");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerifiedAt).toBeInstanceOf(Date);
  });

  test("sending new links is rate limited", async () => {
    const user = await makeUser("impatient@example.org", { verified: false });
    const cookie = await cookieFor(user.id);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const answer = (await settle(
        resendAction({
          request: formRequest("/verify-email", {}, cookie),
          params: {},
          context: { ...context, clientIp: `192.0.2.${50 + i}` },
        }),
      )) as Response;
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([302, 302, 302, 302, 302, 429]);
    const blocked = (await settle(
      resendAction({ request: formRequest("/verify-email", {}, cookie), params: {}, context: { ...context, clientIp: "192.0.2.70" } }),
    )) as Response;
    expect(await blocked.text()).toMatch(/^We have already sent several confirmation emails to this address/);
  });

  test("signed-out people are sent to sign in; confirmed people are sent home", async () => {
    const signedOut = (await settle(
      resendLoader({ request: getRequest("/verify-email"), params: {}, context }),
    )) as Response;
    expect(signedOut.headers.get("Location")).toBe("/signin?redirectTo=%2Fverify-email");
    const confirmed = await makeUser("done@example.org");
    const cookie = await cookieFor(confirmed.id);
    const home = (await settle(
      resendAction({ request: formRequest("/verify-email", {}, cookie), params: {}, context }),
    )) as Response;
    expect(home.headers.get("Location")).toBe("/");
    expect(await prisma.mail.count({ where: { to: "done@example.org" } })).toBe(0);
  });
});

describe("the development mailbox", () => {
  test("the worker's mail:send job puts queued messages in the mailbox, once", async () => {
    const { id } = await queueMail(prisma, "worker@example.org", "verify-email", {
      name: "Wendy",
      link: "/verify-email/abc",
    });
    const lines: string[] = [];
    const originalLog = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      await runOnce({ connectionString: process.env.DATABASE_URL, taskList, logger: new Logger(() => () => {}) });
    } finally {
      console.log = originalLog;
    }
    const mail = await prisma.mail.findUniqueOrThrow({ where: { id } });
    expect(mail).toMatchObject({ status: "sent", attempts: 1 });
    expect(lines).toContain(
      `[mail] to worker@example.org: Confirm your email address (development mailbox: /dev/mail/${id})`,
    );
    expect(await deliverMail(id)).toBe("already-sent");
  });

  test("lists messages newest first, a page at a time, and filters by recipient", async () => {
    for (let i = 1; i <= 23; i++) {
      await queueMail(prisma, "pages@example.org", "signup-existing", {
        name: `Person ${i}`,
        signInLink: "/signin",
        resetLink: "/forgot-password",
      });
    }
    const first = await mailboxLoader({ request: getRequest("/dev/mail?to=Pages@example.org"), params: {}, context });
    expect(first.total).toBe(23);
    expect(first.totalPages).toBe(2);
    expect(first.items).toHaveLength(20);
    const second = await mailboxLoader({
      request: getRequest("/dev/mail?to=pages@example.org&page=2"),
      params: {},
      context,
    });
    expect(second.items).toHaveLength(3);
    const all = [...first.items, ...second.items].map((m) => m.createdAt);
    expect(all).toEqual([...all].sort().reverse());
    const nonsense = await mailboxLoader({
      request: getRequest(`/dev/mail?page=-3&to=${"x".repeat(400)}`),
      params: {},
      context,
    });
    expect(nonsense.page).toBe(1);
  });

  test("shows one message with its text, and its HTML in a sandboxed frame styled from this origin", async () => {
    const { id } = await queueMail(prisma, "show@example.org", "reset-password", {
      name: "Shona <script>",
      link: "/reset-password/abc",
    });
    const page = await mailLoader({ request: getRequest(`/dev/mail/${id}`), params: { id }, context });
    expect(page.subject).toBe("Reset your Nettle password");
    expect(page.text).toContain("Hello Shona <script>,");
    expect(page.html).toContain("Hello Shona &lt;script&gt;,");
    expect(page.preview).not.toMatch(/\sstyle="/);
    expect(page.preview).toContain(`<base target="_blank"><link rel="stylesheet" href="/dev/mail/${id}/preview.css">`);
    const css = (await previewCssLoader({
      request: getRequest(`/dev/mail/${id}/preview.css`),
      params: { id },
      context,
    })) as Response;
    expect(css.headers.get("Content-Type")).toBe("text/css; charset=utf-8");
    expect(await css.text()).toContain('[data-preview-style="0"] { margin: 0; padding: 0; background: #ffffff; }');

    const missing = (await settle(
      mailLoader({ request: getRequest("/dev/mail/nope"), params: { id: "nope" }, context }),
    )) as Response;
    expect(missing.status).toBe(404);
  });

  test("is not there in production, or when a real mail server is set", async () => {
    const { id } = await queueMail(prisma, "hidden@example.org", "verify-email", {
      name: "Hidden",
      link: "/verify-email/abc",
    });
    const env = {
      NODE_ENV: process.env.NODE_ENV,
      NETTLE_DEV_MAILBOX: process.env.NETTLE_DEV_MAILBOX,
      SMTP_URL: process.env.SMTP_URL,
    };
    const status = (answer: unknown) => (answer instanceof Response ? answer.status : 200);
    const statuses = async () => [
      status(await settle(mailboxLoader({ request: getRequest("/dev/mail"), params: {}, context }))),
      status(await settle(mailLoader({ request: getRequest(`/dev/mail/${id}`), params: { id }, context }))),
      status(
        await settle(previewCssLoader({ request: getRequest(`/dev/mail/${id}/preview.css`), params: { id }, context })),
      ),
    ];
    try {
      process.env.NODE_ENV = "production";
      expect(await statuses()).toEqual([404, 404, 404]);
      // `npm start` on localhost without SMTP_URL turns it on.
      process.env.NETTLE_DEV_MAILBOX = "true";
      expect(await statuses()).toEqual([200, 200, 200]);
      process.env.SMTP_URL = "smtp://127.0.0.1:1";
      expect(await statuses()).toEqual([404, 404, 404]);

      // Production without SMTP or mailbox: nowhere to deliver, so the message fails at once.
      delete process.env.SMTP_URL;
      delete process.env.NETTLE_DEV_MAILBOX;
      const lines: string[] = [];
      expect(await deliverMail(id, { log: (line) => lines.push(line) })).toBe("undeliverable");
      expect(await prisma.mail.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: "failed",
        lastError: "SMTP_URL is not set",
      });
      expect(lines.join("\n")).not.toContain("/verify-email/");
    } finally {
      for (const [key, value] of Object.entries(env)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  test("in production mode the mailbox log line names no message and no link", async () => {
    const { id } = await queueMail(prisma, "quiet@example.org", "reset-password", {
      name: "Quiet",
      link: "/reset-password/secret-token",
    });
    const previous = { NODE_ENV: process.env.NODE_ENV, NETTLE_DEV_MAILBOX: process.env.NETTLE_DEV_MAILBOX };
    process.env.NODE_ENV = "production";
    process.env.NETTLE_DEV_MAILBOX = "true";
    const lines: string[] = [];
    try {
      expect(await deliverMail(id, { log: (line) => lines.push(line) })).toBe("mailbox");
    } finally {
      process.env.NODE_ENV = previous.NODE_ENV;
      if (previous.NETTLE_DEV_MAILBOX === undefined) delete process.env.NETTLE_DEV_MAILBOX;
      else process.env.NETTLE_DEV_MAILBOX = previous.NETTLE_DEV_MAILBOX;
    }
    expect(lines).toEqual(["[mail] to quiet@example.org: Reset your Nettle password (development mailbox: /dev/mail)"]);
  });

  test("mail to the demo's people stays in the mailbox without a log line, so the start-up banner stays on screen", async () => {
    const demo = await queueMail(prisma, "ifeoma.okonkwo@people.demo.nettle.invalid", "reset-password", { name: "Ifeoma", link: "/reset-password/x" });
    const real = await queueMail(prisma, "someone-real@example.org", "reset-password", { name: "Someone", link: "/reset-password/y" });
    const lines: string[] = [];
    expect(await deliverMail(demo.id, { log: (line) => lines.push(line) })).toBe("mailbox");
    expect(await deliverMail(real.id, { log: (line) => lines.push(line) })).toBe("mailbox");
    expect(lines).toEqual([expect.stringContaining("[mail] to someone-real@example.org")]);
    expect(await prisma.mail.findUniqueOrThrow({ where: { id: demo.id } })).toMatchObject({ status: "sent" });
  });
});
