import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { deliverMail, MAIL_MAX_ATTEMPTS, queueMail } from "~/models/platform/mail.server";
import { sendVerificationEmail } from "~/models/accounts/internal/tokens.server";
import { requestPasswordReset } from "~/models/accounts/user-token.server";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token";
import { action as confirmAction, loader as confirmLoader } from "~/routes/verify-email_.$token";
import { prisma } from "~/services/db.server";
import { hashPassword, verifyPassword } from "~/services/password.server";
import { context, formRequest, getRequest, settle, unwrap } from "../support/http";

// Mail goes out over real SMTP, to a real SMTP server running in this test process, and the
// links in what arrives do what they say.

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const received: Received[] = [];
let server: SMTPServer;
let smtpUrl: string;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  process.env.SMTP_URL = smtpUrl;
  process.env.PUBLIC_URL = "https://nettle.example.org/";
  process.env.MAIL_FROM = "Nettle Test <robot@nettle.example.org>";
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.PUBLIC_URL;
  delete process.env.MAIL_FROM;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

// ---- A small MIME reader: enough for what nodemailer writes ---------------------------

function splitHead(raw: string) {
  const at = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, at).replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(at + 4) };
}

function decodeBody(body: string, encoding = "7bit") {
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const bytes = body
      .replace(/=\r\n/g, "")
      .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, "latin1").toString("utf8");
  }
  return body;
}

function parseMessage(raw: string) {
  const { headers, body } = splitHead(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get("content-type") ?? "")?.[1];
  const parts = new Map<string, string>();
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1, -1)) {
      const part = splitHead(chunk.replace(/^\r\n/, ""));
      const type = (part.headers.get("content-type") ?? "").split(";")[0]!.trim();
      parts.set(type, decodeBody(part.body, part.headers.get("content-transfer-encoding")));
    }
  } else {
    parts.set(
      (headers.get("content-type") ?? "").split(";")[0]!.trim(),
      decodeBody(body, headers.get("content-transfer-encoding")),
    );
  }
  return { headers, text: parts.get("text/plain"), html: parts.get("text/html") };
}

const tokenLink = (text: string, route: string) => {
  const match = new RegExp(`^https://nettle\\.example\\.org/${route}/([A-Za-z0-9_-]{43})$`, "m").exec(text);
  if (!match) throw new Error(`no ${route} link in:\n${text}`);
  return { url: new URL(match[0]), token: match[1]! };
};

async function makeUser(email: string, verified: boolean) {
  return prisma.user.create({
    data: {
      email,
      displayName: "Priya Analyst",
      passwordHash: await hashPassword("old kettle orbit meadow"),
      emailVerifiedAt: verified ? new Date() : null,
    },
  });
}

async function deliverAllQueued() {
  const queued = await prisma.mail.findMany({ where: { status: "queued" }, orderBy: { createdAt: "asc" } });
  for (const mail of queued) expect(await deliverMail(mail.id)).toBe("sent");
  return queued;
}

describe("delivery over SMTP", () => {
  test("a confirmation and a reset message arrive with both parts, and their links work once", async () => {
    const priya = await makeUser("priya@example.org", false);
    await sendVerificationEmail(prisma, priya.id);
    await requestPasswordReset("Priya@Example.org");
    const before = received.length;
    const queued = await deliverAllQueued();
    expect(queued.map((m) => m.template)).toEqual(["verify-email", "reset-password"]);

    const messages = received.slice(before).map((r) => ({ ...r, ...parseMessage(r.raw) }));
    expect(messages).toHaveLength(2);
    for (const message of messages) {
      expect(message.to).toEqual(["priya@example.org"]);
      expect(message.from).toBe("robot@nettle.example.org");
      expect(message.headers.get("from")).toContain("Nettle Test");
      expect(message.text).toContain("Hello Priya Analyst,");
      expect(message.html).toContain('<p style="margin: 0 0 20px;">Hello Priya Analyst,</p>');
    }
    const [confirm, reset] = messages as [(typeof messages)[0], (typeof messages)[0]];
    expect(confirm.headers.get("subject")).toBe("Confirm your email address");
    expect(reset.headers.get("subject")).toBe("Reset your Nettle password");

    // Confirm the address with the link exactly as it arrived.
    const verify = tokenLink(confirm.text!, "verify-email");
    expect(confirm.html).toContain(`href="${verify.url.toString()}"`);
    const params = { token: verify.token };
    const page = unwrap(await confirmLoader({ request: getRequest(verify.url.pathname), params, context }));
    expect(page.body).toEqual({ valid: true });
    // Opening the page used nothing up.
    expect((await prisma.user.findUniqueOrThrow({ where: { id: priya.id } })).emailVerifiedAt).toBeNull();
    const confirmed = await settle(confirmAction({ request: formRequest(verify.url.pathname, {}), params, context }));
    expect(confirmed).toBeInstanceOf(Response);
    expect((confirmed as Response).headers.get("Location")).toBe("/signin");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: priya.id } })).emailVerifiedAt).toBeInstanceOf(Date);
    const again = unwrap(await confirmAction({ request: formRequest(verify.url.pathname, {}), params, context }));
    expect(again).toMatchObject({ status: 410, body: { valid: false } });
    expect(unwrap(await confirmLoader({ request: getRequest(verify.url.pathname), params, context })).status).toBe(410);

    // Reset the password with the other link; every session ends.
    await prisma.session.create({
      data: { id: "a".repeat(64), userId: priya.id, expiresAt: new Date(Date.now() + 3600_000) },
    });
    const resetLink = tokenLink(reset.text!, "reset-password");
    const resetParams = { token: resetLink.token };
    const form = unwrap(
      await resetLoader({ request: getRequest(resetLink.url.pathname), params: resetParams, context }),
    );
    expect(form.body).toEqual({ valid: true, email: "priya@example.org" });
    const changed = await settle(
      resetAction({
        request: formRequest(resetLink.url.pathname, { password: "tawny lantern quarry" }),
        params: resetParams,
        context,
      }),
    );
    expect((changed as Response).status).toBe(302);
    expect((changed as Response).headers.get("Location")).toBe("/signin");
    const after = await prisma.user.findUniqueOrThrow({ where: { id: priya.id } });
    expect(await verifyPassword(after.passwordHash!, "tawny lantern quarry")).toBe(true);
    expect(await verifyPassword(after.passwordHash!, "old kettle orbit meadow")).toBe(false);
    expect(await prisma.session.count({ where: { userId: priya.id } })).toBe(0);

    const reused = unwrap(
      await resetAction({
        request: formRequest(resetLink.url.pathname, { password: "another fresh phrase" }),
        params: resetParams,
        context,
      }),
    );
    expect(reused).toMatchObject({ status: 410, body: { valid: false } });
    const still = await prisma.user.findUniqueOrThrow({ where: { id: priya.id } });
    expect(await verifyPassword(still.passwordHash!, "tawny lantern quarry")).toBe(true);
  });

  test("a reset link also confirms an unconfirmed address, since it reached it", async () => {
    const omar = await makeUser("omar@example.org", false);
    await requestPasswordReset("omar@example.org");
    const before = received.length;
    await deliverAllQueued();
    const { text } = parseMessage(received[before]!.raw);
    const link = tokenLink(text!, "reset-password");
    await settle(
      resetAction({
        request: formRequest(link.url.pathname, { password: "tawny lantern quarry" }),
        params: { token: link.token },
        context,
      }),
    );
    expect((await prisma.user.findUniqueOrThrow({ where: { id: omar.id } })).emailVerifiedAt).toBeInstanceOf(Date);
  });

  test("a message already sent is not sent again when its job runs twice", async () => {
    const { id } = await queueMail(prisma, "twice@example.org", "verify-email", {
      name: "Twice",
      link: "/verify-email/x",
    });
    const before = received.length;
    expect(await deliverMail(id)).toBe("sent");
    expect(await deliverMail(id)).toBe("already-sent");
    expect(received.length - before).toBe(1);
    const jobs = await prisma.$queryRaw<
      { count: bigint }[]
    >`SELECT count(*) FROM graphile_worker.jobs WHERE key = ${`mail:${id}`}`;
    expect(Number(jobs[0]!.count)).toBe(1);
  });

  test("when the SMTP server is down, delivery throws and the message records the attempt", async () => {
    const { id } = await queueMail(prisma, "down@example.org", "verify-email", {
      name: "Down",
      link: "/verify-email/x",
    });
    // A port nothing listens on: start a server, note its port, stop it.
    const probe = new SMTPServer({ authOptional: true, logger: false });
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const deadPort = (probe.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    process.env.SMTP_URL = `smtp://127.0.0.1:${deadPort}`;
    try {
      await expect(deliverMail(id)).rejects.toThrow(/Could not send mail .*attempt 1 of/);
      await expect(deliverMail(id)).rejects.toThrow(/attempt 2 of/);
      const row = await prisma.mail.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ status: "queued", attempts: 2, sentAt: null });
      expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);

      // The last allowed attempt gives up for good.
      await prisma.mail.update({ where: { id }, data: { attempts: MAIL_MAX_ATTEMPTS - 1 } });
      await expect(deliverMail(id)).rejects.toThrow();
      expect(await prisma.mail.findUniqueOrThrow({ where: { id } })).toMatchObject({
        status: "failed",
        attempts: MAIL_MAX_ATTEMPTS,
      });
    } finally {
      process.env.SMTP_URL = smtpUrl;
    }
    // Back up: a queued message that failed before goes out and clears its error.
    const { id: later } = await queueMail(prisma, "down@example.org", "verify-email", {
      name: "Down",
      link: "/verify-email/x",
    });
    await prisma.mail.update({ where: { id: later }, data: { attempts: 3, lastError: "connect ECONNREFUSED" } });
    expect(await deliverMail(later)).toBe("sent");
    expect(await prisma.mail.findUniqueOrThrow({ where: { id: later } })).toMatchObject({
      status: "sent",
      attempts: 4,
      lastError: null,
    });
  });
});

describe("queueing", () => {
  test("a message queued in a transaction that rolls back leaves no message and no job", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await queueMail(tx, "rollback@example.org", "verify-email", { name: "Rolled Back", link: "/verify-email/x" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma.mail.count({ where: { to: "rollback@example.org" } })).toBe(0);
  });

  test("user-supplied values are escaped in the HTML and links are absolute", async () => {
    const { id } = await queueMail(prisma, "Escape@Example.org", "claim-decision", {
      name: 'Eve <img src=x onerror="alert(1)">',
      organisationName: "Leeds & District",
      approved: false,
      comment: "Please send <b>proof</b>",
      link: "/organisations/leeds",
    });
    const mail = await prisma.mail.findUniqueOrThrow({ where: { id } });
    expect(mail.to).toBe("escape@example.org");
    expect(mail.subject).toBe("Your claim to represent Leeds & District was not approved");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).not.toContain("<b>");
    expect(mail.html).toContain("Eve &lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(mail.text).toContain("Please send <b>proof</b>");
    expect(mail.text).toMatch(/^https:\/\/nettle\.example\.org\/organisations\/leeds$/m);
  });
});
