import http from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createDraft } from "~/models/challenges/lifecycle.server";
import { safeRedirect } from "~/services/auth.server";
import { prisma } from "~/services/db.server";
import { ConfigError, parseEnv } from "~/services/env.server";
import { hashPassword } from "~/services/password.server";
import { bodyLimitFor, DEFAULT_BODY_LIMITS, redactPath } from "../../server/boundary";
import { startTestServer, type TestServer } from "../support/server";
import { buildWorld } from "../support/world";

// The HTTP boundary (server/app.ts, server/boundary.ts, app/services/form.server.ts), one
// class of bad input per block, through the real Express server: what a browser, a script or
// an attacker sends arrives exactly as sent.

let server: TestServer;
let world: Awaited<ReturnType<typeof buildWorld>>;
const password = "kettle orbit meadow";

beforeAll(async () => {
  world = await buildWorld();
  await prisma.user.update({ where: { id: world.users.participant.id }, data: { passwordHash: await hashPassword(password) } });
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

const isErrorPage = (body: string) => body.includes("Nettle could not use this address");

describe("methods", () => {
  test.each(["TRACE", "PUT", "DELETE", "PATCH", "PROPFIND"])("%s is answered 405 with the methods Nettle allows", async (method) => {
    for (const path of ["/", "/signin", "/organisations"]) {
      const response = await server.send(path, { method });
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe("GET, HEAD, POST");
    }
  });

  test("OPTIONS says which methods are allowed; HEAD works as GET without a body", async () => {
    const options = await server.send("/", { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe("GET, HEAD, POST");
    const head = await server.send("/about", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
  });
});

describe("addresses", () => {
  test.each([
    ["NUL in a path parameter", "/organisations/%00"],
    ["NUL in a challenge slug", "/challenges/a%00b"],
    ["NUL in a search", "/organisations?q=%00"],
    ["NUL in the mailbox filter", "/dev/mail?to=%00"],
    ["a control character", "/challenges?q=a%1Bb"],
    ["a leading backslash", "/%5C"],
    ["a backslash link to another site", "/%5Cevil.example"],
    ["a half percent-escape in a path", "/organisations/%E0%A4%A"],
    ["a lone percent sign in a query", "/challenges?q=100%"],
    ["a lone surrogate in a query", "/organisations?q=%ED%A0%80"],
    ["an overlong encoding", "/organisations/%C0%AF"],
  ])("%s is answered 400 with a page saying so", async (_label, path) => {
    const response = await server.send(path);
    expect(response.status).toBe(400);
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    expect(isErrorPage(response.body)).toBe(true);
  });

  test("under /api/ the refusal is JSON", async () => {
    const response = await server.send("/api/v1/challenges/%00");
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ error: expect.stringContaining("cannot read") });
  });

  test("tabs and line breaks in a search are fine, and so is any valid UTF-8", async () => {
    expect((await server.send("/organisations?q=a%09b%0Ac")).status).toBe(200);
    expect((await server.send(`/challenges?q=${encodeURIComponent("日本語 💩 ‮")}`)).status).toBe(200);
  });

  test("a Host header that is not a host name is answered 400", async () => {
    const response = await server.send("/", { headers: { host: "exa mple" } });
    expect(response.status).toBe(400);
  });
});

describe("form fields", () => {
  test("control characters are removed before anything is stored", async () => {
    const response = await server.post("/signup", [
      ["displayName", "Ada%00 Love%07lace"],
      ["email", "ada%00@example.org"],
      ["kind", "volunteer"],
      ["password", encodeURIComponent(password)],
    ]);
    expect(response.status).toBe(302);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "ada@example.org" } });
    expect(user.displayName).toBe("Ada Lovelace");
  });

  test("a field that is not UTF-8 is refused beside the field, keeping what was typed", async () => {
    const response = await server.post("/signup", [
      ["displayName", "Jos%E9 Garc%EDa"],
      ["email", "jose@example.org"],
      ["kind", "student"],
      ["password", encodeURIComponent("lantern harbour quince")],
    ]);
    expect(response.status).toBe(400);
    const group = formGroup(response.body, "displayName");
    expect(group).toContain("govuk-form-group--error");
    expect(group).toContain("Display name contains characters Nettle cannot read");
    expect(response.body).toContain('value="jose@example.org"');
    expect(group).toContain('value="Jos\uFFFD Garc\uFFFDa"');
    expect(response.body).not.toContain("lantern harbour quince");
    expect(await prisma.user.count({ where: { email: "jose@example.org" } })).toBe(0);
  });

  test("the same holds for a wizard step, and nothing is saved", async () => {
    const draft = await createDraft({ ...world.users.owner, sessionId: "" }, world.council.id);
    const response = await server.post(
      `/challenges/${draft.id}/edit/problem`,
      [
        ["title", "Potholes%20on%20Kirkstall%20Road"],
        ["problem", "Residents%20report%20%ED%A0%80%20potholes"],
      ],
      { cookie: world.cookies.owner },
    );
    expect(response.status).toBe(400);
    expect(formGroup(response.body, "problem")).toContain("Problem contains characters Nettle cannot read");
    expect(response.body).toContain('value="Potholes on Kirkstall Road"');
    expect((await prisma.challenge.findUniqueOrThrow({ where: { id: draft.id } })).title).not.toBe("Potholes on Kirkstall Road");
  });
});

/** The GOV.UK form group holding the field with this id. */
function formGroup(html: string, id: string) {
  const at = html.indexOf(`id="${id}"`);
  expect(at).toBeGreaterThan(-1);
  const start = html.lastIndexOf('<div class="govuk-form-group', at);
  return html.slice(start, html.indexOf("</div>", at) + 6);
}

/**
 * Streams a chunked body (no Content-Length) until the server answers or `max` bytes are
 * sent; returns the answer and how much had been sent by then.
 */
function streamUntilAnswered(target: TestServer, path: string, max: number) {
  return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, "a");
    const req = http.request(
      { host: "127.0.0.1", port: target.port, method: "POST", path, headers: { "content-type": "application/x-www-form-urlencoded" } },
      (res) => {
        answered = true;
        const at = sent;
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sent: at }));
      },
    );
    // Writing into a connection the server has closed fails; the answer is what counts.
    req.on("error", (error) => (answered ? undefined : reject(error)));
    req.write("displayName=");
    const pump = () => {
      while (!answered && sent < max) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

describe("request bodies", () => {
  test("a form without a length stops being read at the form limit: 400 before it is all sent", async () => {
    const result = await streamUntilAnswered(server, "/signup", 200 * 1024 * 1024);
    expect(result.status).toBe(400);
    expect(result.body).toContain("The form was too large to accept.");
    expect(result.sent).toBeLessThan(20 * 1024 * 1024);
  });

  test("a body declared larger than the server's limit is refused with 413 before any is read", async () => {
    const response = await server.send("/about", {
      method: "POST",
      headers: { "content-type": "application/octet-stream", "content-length": 2 * 1024 * 1024 },
      body: "",
    });
    expect(response.status).toBe(413);
  });

  test("a chunked body over the server's limit is answered 413 the moment it passes it", async () => {
    const small = await startTestServer({ bodyLimits: { "/": 16 * 1024 } });
    try {
      const result = await streamUntilAnswered(small, "/signup", 200 * 1024 * 1024);
      expect(result.status).toBe(413);
      expect(result.body).toContain("too large");
      expect(result.sent).toBeLessThan(20 * 1024 * 1024);
    } finally {
      await small.stop();
    }
  });

  test("limits are per path prefix, so webhooks may be larger than forms", () => {
    expect(bodyLimitFor(DEFAULT_BODY_LIMITS, "/signup")).toBe(1024 * 1024);
    expect(bodyLimitFor(DEFAULT_BODY_LIMITS, "/webhooks/github")).toBe(25 * 1024 * 1024);
    expect(bodyLimitFor({ ...DEFAULT_BODY_LIMITS, "/imports/": 5 }, "/imports/x")).toBe(5);
  });
});

describe("redirect targets", () => {
  test.each([
    ["/account", "/account"],
    ["/organisations?q=leeds#results", "/organisations?q=leeds#results"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/日本", "/%E6%97%A5%E6%9C%AC"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/a\r\nSet-Cookie: owned=1", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/..//evil.example", "/"],
    ["/./\\/evil.example", "/"],
    ["https://evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    [" /account", "/"],
    ["", "/"],
  ])("%j goes to %j", (given, expected) => {
    expect(safeRedirect(given)).toBe(expected);
  });

  async function signIn(redirectWire: string) {
    return server.post("/signin", [
      ["email", encodeURIComponent(world.users.participant.email!)],
      ["password", encodeURIComponent(password)],
      ["redirectTo", redirectWire],
    ]);
  }

  test("after sign-in a tab cannot turn the target into another site", async () => {
    const response = await signIn("/%09/evil.example");
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("/");
  });

  test("a line break in the target signs in normally to the home page, with one session", async () => {
    const before = await prisma.session.count({ where: { userId: world.users.participant.id } });
    const response = await signIn("/account%0D%0ASet-Cookie:%20owned=1");
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe("/");
    expect(String(response.headers["set-cookie"])).not.toContain("owned");
    expect(await prisma.session.count({ where: { userId: world.users.participant.id } })).toBe(before + 1);
  });
});

describe("client addresses", () => {
  const signInAttempt = (target: TestServer, forwardedFor: string) =>
    target.post("/signin", [["email", ""], ["password", "x"]], { headers: { "x-forwarded-for": forwardedFor } });

  test("without TRUST_PROXY, X-Forwarded-For does not choose the rate-limit bucket", async () => {
    await prisma.$executeRaw`DELETE FROM rate_limits`;
    for (let i = 0; i < 30; i++) expect((await signInAttempt(server, `198.51.100.${i}`)).status).toBe(400);
    expect((await signInAttempt(server, "198.51.100.200")).status).toBe(429);
  });

  test("with TRUST_PROXY, a forwarded address counts, and anything that is not an address counts as the proxy", async () => {
    await prisma.$executeRaw`DELETE FROM rate_limits`;
    const proxied = await startTestServer({ trustProxy: ["loopback"] });
    try {
      for (let i = 0; i < 30; i++) expect((await signInAttempt(proxied, "203.0.113.7")).status).toBe(400);
      expect((await signInAttempt(proxied, "203.0.113.7")).status).toBe(429);
      expect((await signInAttempt(proxied, "203.0.113.8")).status).toBe(400);
      for (let i = 0; i < 30; i++) expect((await signInAttempt(proxied, `not-an-address-${i}`)).status).toBe(400);
      expect((await signInAttempt(proxied, "'; DROP TABLE rate_limits; --")).status).toBe(429);
      const keys = await prisma.$queryRaw<{ key: string }[]>`SELECT key FROM rate_limits`;
      expect(keys.map((row) => row.key).sort()).toEqual(["signin:ip:127.0.0.1", "signin:ip:203.0.113.7", "signin:ip:203.0.113.8"]);
    } finally {
      await proxied.stop();
    }
  });

  test("TRUST_PROXY takes false, true, a hop count or proxy addresses, and refuses anything else", () => {
    const env = { NODE_ENV: "test", DATABASE_URL: "postgresql://localhost/x", MEILI_URL: "http://localhost:7700" } as const;
    expect(parseEnv(env).TRUST_PROXY).toBe(false);
    expect(parseEnv({ ...env, TRUST_PROXY: "false" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ ...env, TRUST_PROXY: "true" }).TRUST_PROXY).toBe(true);
    expect(parseEnv({ ...env, TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(parseEnv({ ...env, TRUST_PROXY: "loopback, 10.0.0.0/8,fd00::1" }).TRUST_PROXY).toEqual(["loopback", "10.0.0.0/8", "fd00::1"]);
    for (const bad of ["yes", "10.0.0.0/33", "proxy.internal"]) {
      expect(() => parseEnv({ ...env, TRUST_PROXY: bad })).toThrow(ConfigError);
      expect(() => parseEnv({ ...env, TRUST_PROXY: bad })).toThrow(/TRUST_PROXY must be false, true, a number/);
    }
  });
});

describe("request log", () => {
  test("tokens in paths never reach the log, for today's token links and any added later", async () => {
    const tokens = ["Ab3_xY9-kLmN0pQrStUvWxYz1234567890abcdefGHI", "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "q8Zt2LmVx4Rk9WsNa7"];
    const paths = [
      `/verify-email/${tokens[0]}`,
      `/reset-password/${tokens[0]}`,
      `/invitations/${tokens[0]}`,
      `/unsubscribe/${tokens[1]}/confirm`,
      `/share/${tokens[2]}?token=${tokens[0]}`,
    ];
    for (const path of paths) await server.send(path);
    await server.send(`/organisations/${world.council.slug}`);
    const logged = server.log.join("\n");
    for (const token of tokens) expect(logged).not.toContain(token);
    expect(logged).toContain("GET /verify-email/[redacted]");
    expect(logged).toContain("GET /unsubscribe/[redacted]/confirm");
    expect(logged).toContain(`GET /organisations/${world.council.slug} 200`);
  });

  test("slugs and words stay readable", () => {
    expect(redactPath("/challenges/bus-stop-accessibility-in-leeds-city-centre/review")).toBe(
      "/challenges/bus-stop-accessibility-in-leeds-city-centre/review",
    );
    expect(redactPath("/feeds/councils/leeds-city-council.atom")).toBe("/feeds/councils/leeds-city-council.atom");
    expect(redactPath("/dev/mail/cmabc123xyz0000abcdefghij")).toBe("/dev/mail/[redacted]");
    // A ticket's code is short but opens a person's check-in: the request log never holds one.
    expect(redactPath("/events/open-data-day/check-in/K7QM3XPA")).toBe("/events/open-data-day/check-in/[redacted]");
    expect(redactPath("/events/open-data-day/check-in")).toBe("/events/open-data-day/check-in");
  });
});
