import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { loader as callbackLoader } from "~/routes/auth.github_.callback";
import { action as startAction, loader as startLoader } from "~/routes/auth.github";
import { getUser } from "~/services/auth.server";
import { prisma } from "~/services/db.server";
import { readFlash } from "~/services/flash.server";
import { hashPassword } from "~/services/password.server";
import { createSession } from "~/services/session.server";
import { CLIENT_ID, CLIENT_SECRET, FakeGitHub, type GitHubAccount } from "../mocks/github";
import { context, cookieFrom, formRequest, getRequest, settle, unwrap } from "../support/http";

// "Sign in with GitHub" end to end through the routes, against the fake GitHub of
// tests/mocks/github.ts on a local port.

const github = new FakeGitHub();

const octocat: GitHubAccount = {
  id: 583231,
  login: "octocat",
  name: "The Octocat",
  emails: [
    { email: "Octocat@GitHub.example", primary: true, verified: true, visibility: "public" },
    { email: "octo-old@example.net", primary: false, verified: true, visibility: null },
  ],
};
const adaOnGitHub: GitHubAccount = {
  id: 1001,
  login: "ada-codes",
  name: null,
  emails: [{ email: "Ada@Example.org", primary: true, verified: true, visibility: "private" }],
};

beforeAll(async () => {
  await github.start();
  for (const account of [octocat, adaOnGitHub]) github.accounts.set(account.id, account);
  Object.assign(process.env, {
    GITHUB_CLIENT_ID: CLIENT_ID,
    GITHUB_CLIENT_SECRET: CLIENT_SECRET,
    GITHUB_OAUTH_URL: github.url,
    GITHUB_API_URL: github.url,
    PUBLIC_URL: "http://localhost",
  });
});

afterAll(async () => {
  await github.stop();
});

beforeEach(() => {
  github.apiStatus = 200;
});

const setCookies = (response: Response) => response.headers.getSetCookie();
const cookieHeader = (...cookies: (string | undefined)[]) => cookies.filter(Boolean).join("; ");

/** Presses "Sign in with GitHub" (or "Link GitHub"); returns GitHub's authorize URL and our cookies. */
async function pressGitHubButton(fields: Record<string, string> = {}, sessionCookie?: string) {
  const response = await settle(
    startAction({ request: formRequest("/auth/github", fields, sessionCookie), params: {}, context }),
  );
  expect(response).toBeInstanceOf(Response);
  const redirect = response as Response;
  expect(redirect.status).toBe(302);
  const authorize = new URL(redirect.headers.get("location")!);
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${github.url}/login/oauth/authorize`);
  expect(authorize.searchParams.get("client_id")).toBe(CLIENT_ID);
  expect(authorize.searchParams.get("redirect_uri")).toBe("http://localhost/auth/github/callback");
  expect(authorize.searchParams.get("scope")).toBe("user:email");
  expect(authorize.searchParams.get("state")).toMatch(/^[\w-]{20,}$/);
  const flowCookies = setCookies(redirect).map(cookieFrom);
  expect(flowCookies.map((c) => c.split("=")[0]).sort()).toEqual(["nettle_github_flow", "nettle_github_state"]);
  return { authorize, flowCookies };
}

/** GitHub sends the browser back to the callback, with our cookies (and session, if any). */
async function comeBack(callbackUrl: string, cookies: (string | undefined)[]) {
  const result = await settle(
    callbackLoader({
      request: getRequest(new URL(callbackUrl).pathname + new URL(callbackUrl).search, cookieHeader(...cookies)),
      params: {},
      context,
    }),
  );
  return result;
}

async function signInWithGitHub(
  account: GitHubAccount | "deny",
  fields: Record<string, string> = {},
  sessionCookie?: string,
) {
  const { authorize, flowCookies } = await pressGitHubButton(fields, sessionCookie);
  const callbackUrl = await github.consent(authorize, account);
  return comeBack(callbackUrl, [...flowCookies, sessionCookie]);
}

function sessionCookieFrom(response: Response) {
  const cookie = setCookies(response).find((c) => c.startsWith("nettle_session=") && !/Max-Age=0/i.test(c));
  return cookie ? cookieFrom(cookie) : undefined;
}

async function flashOf(response: Response) {
  const flash = setCookies(response).find((c) => c.startsWith("nettle_flash="));
  return (await readFlash(getRequest("/", flash ? cookieFrom(flash) : undefined))).flash;
}

async function makePasswordUser(email: string, displayName: string) {
  const user = await prisma.user.create({
    data: { email, displayName, passwordHash: await hashPassword("kettle orbit meadow"), emailVerifiedAt: new Date() },
  });
  const cookie = cookieFrom(await createSession(user.id, getRequest("/")));
  return { user, cookie };
}

describe("signing in with GitHub", () => {
  test("a new person gets an account with their verified GitHub address, a linked identity and a session", async () => {
    const response = (await signInWithGitHub(octocat, { redirectTo: "/organisations?q=leeds" })) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/organisations?q=leeds");
    expect((await flashOf(response))?.title).toBe("You are signed in with GitHub");

    const session = sessionCookieFrom(response);
    const signedIn = await getUser(getRequest("/", session));
    const user = await prisma.user.findUniqueOrThrow({ where: { id: signedIn!.id }, include: { identities: true } });
    expect(user).toMatchObject({ email: "octocat@github.example", displayName: "The Octocat", passwordHash: null });
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(user.identities).toMatchObject([{ provider: "github", providerUserId: "583231", username: "octocat" }]);
    const actions = await prisma.auditLog.findMany({ where: { actorId: user.id }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["user.create_account", "identity.link"]);

    // The one-time state and flow cookies are removed.
    const cleared = setCookies(response).filter((c) => c.startsWith("nettle_github_"));
    expect(cleared).toHaveLength(2);
    expect(cleared.every((c) => /Max-Age=0/i.test(c))).toBe(true);
    // The code went to GitHub with the app's credentials and the same redirect_uri.
    const exchange = github.tokenRequests.at(-1)!;
    expect(exchange.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`);
    expect(exchange.body.get("redirect_uri")).toBe("http://localhost/auth/github/callback");
  });

  test("coming back signs in to the same account without creating anything, and follows a renamed login", async () => {
    const before = { users: await prisma.user.count(), identities: await prisma.identity.count() };
    const existing = await prisma.identity.findUniqueOrThrow({
      where: { provider_providerUserId: { provider: "github", providerUserId: "583231" } },
    });
    const renamed = { ...octocat, login: "octocat-renamed" };
    github.accounts.set(octocat.id, renamed);
    try {
      const response = (await signInWithGitHub(renamed)) as Response;
      expect(response.headers.get("location")).toBe("/");
      const signedIn = await getUser(getRequest("/", sessionCookieFrom(response)));
      expect(signedIn?.id).toBe(existing.userId);
    } finally {
      github.accounts.set(octocat.id, octocat);
    }
    expect({ users: await prisma.user.count(), identities: await prisma.identity.count() }).toEqual(before);
    expect((await prisma.identity.findUniqueOrThrow({ where: { id: existing.id } })).username).toBe("octocat-renamed");
  });

  test("refusing consent on GitHub returns to the sign-in page with a message", async () => {
    const users = await prisma.user.count();
    const response = (await signInWithGitHub("deny")) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/signin");
    expect((await flashOf(response))?.title).toBe("You did not give Nettle access to your GitHub account");
    expect(sessionCookieFrom(response)).toBeUndefined();
    expect(await prisma.user.count()).toBe(users);
  });

  test("a GitHub address that already has a password account is refused, not silently linked", async () => {
    const { user: ada } = await makePasswordUser("ada@example.org", "Ada Lovelace");
    const result = unwrap(await signInWithGitHub(adaOnGitHub));
    expect(result.status).toBe(409);
    expect(result.body).toEqual({
      linking: false,
      message:
        "An account already uses ada@example.org. Sign in with your password, then link GitHub in your account settings.",
    });
    expect(result.headers.getSetCookie().some((c) => c.startsWith("nettle_session="))).toBe(false);
    expect(await prisma.identity.count({ where: { providerUserId: String(adaOnGitHub.id) } })).toBe(0);
    expect(await prisma.user.count({ where: { email: "ada@example.org" } })).toBe(1);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: ada.id } })).passwordHash).not.toBeNull();
  });

  test("a signed-in person links GitHub to their account from account settings", async () => {
    const ada = await prisma.user.findUniqueOrThrow({ where: { email: "ada@example.org" } });
    const cookie = cookieFrom(await createSession(ada.id, getRequest("/")));
    const sessionsBefore = await prisma.session.count({ where: { userId: ada.id } });

    const response = (await signInWithGitHub(adaOnGitHub, { intent: "link" }, cookie)) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/account");
    expect((await flashOf(response))?.title).toBe("Your GitHub account is linked");
    expect(sessionCookieFrom(response)).toBeUndefined();
    expect(await prisma.session.count({ where: { userId: ada.id } })).toBe(sessionsBefore);
    expect(
      await prisma.identity.findMany({
        where: { userId: ada.id },
        select: { provider: true, providerUserId: true, username: true },
      }),
    ).toEqual([{ provider: "github", providerUserId: "1001", username: "ada-codes" }]);
    expect(await prisma.auditLog.count({ where: { actorId: ada.id, action: "identity.link" } })).toBe(1);

    // From now on, GitHub signs Ada in to her own account.
    const again = (await signInWithGitHub(adaOnGitHub)) as Response;
    expect((await getUser(getRequest("/", sessionCookieFrom(again))))?.id).toBe(ada.id);
  });

  test("linking a GitHub account that belongs to someone else is refused", async () => {
    const { user: bob, cookie } = await makePasswordUser("bob@example.org", "Bob");
    const result = unwrap(await signInWithGitHub(adaOnGitHub, { intent: "link" }, cookie));
    expect(result.status).toBe(409);
    expect(result.body).toMatchObject({
      linking: true,
      message: expect.stringContaining("@ada-codes is already linked to a different Nettle account"),
    });
    expect(await prisma.identity.count({ where: { userId: bob.id } })).toBe(0);
    const ada = await prisma.user.findUniqueOrThrow({
      where: { email: "ada@example.org" },
      include: { identities: true },
    });
    expect(ada.identities).toHaveLength(1);
  });

  test("linking needs the session that started it", async () => {
    const { user: carol, cookie } = await makePasswordUser("carol@example.org", "Carol");
    const { authorize, flowCookies } = await pressGitHubButton({ intent: "link" }, cookie);
    const callbackUrl = await github.consent(authorize, octocat);
    // Signed out (or a different account) by the time GitHub sends them back.
    const result = unwrap(await comeBack(callbackUrl, flowCookies));
    expect(result.status).toBe(409);
    expect(result.body).toMatchObject({
      linking: true,
      message: expect.stringContaining("You were signed out before GitHub finished"),
    });
    expect(await prisma.identity.count({ where: { userId: carol.id } })).toBe(0);
  });

  test('"Link GitHub" without a session goes to the sign-in page', async () => {
    const response = await settle(
      startAction({ request: formRequest("/auth/github", { intent: "link" }), params: {}, context }),
    );
    expect((response as Response).headers.get("location")).toBe("/signin?redirectTo=%2Faccount");
  });
});

describe("when GitHub sign-in goes wrong", () => {
  test("a state that does not match the browser's cookie is refused with a page, not a 500", async () => {
    const first = await pressGitHubButton();
    const second = await pressGitHubButton();
    const callbackUrl = await github.consent(first.authorize, octocat);
    const result = unwrap(await comeBack(callbackUrl, second.flowCookies));
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ message: expect.stringContaining("Start again") });
  });

  test("a code used twice is refused by GitHub and explained", async () => {
    const { authorize, flowCookies } = await pressGitHubButton();
    const callbackUrl = await github.consent(authorize, octocat);
    const first = (await comeBack(callbackUrl, flowCookies)) as Response;
    expect(first.status).toBe(302);
    const replay = unwrap(await comeBack(callbackUrl, flowCookies));
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({
      message: "GitHub did not accept the sign-in (bad_verification_code). Start again.",
    });
  });

  test("GitHub's API failing gives a 502 page", async () => {
    github.apiStatus = 503;
    const result = unwrap(await signInWithGitHub(octocat));
    expect(result.status).toBe(502);
    expect(result.body).toMatchObject({ message: "Nettle could not reach GitHub. Try again in a few minutes." });
  });

  test("a GitHub account without a verified primary address cannot create an account", async () => {
    const unverified: GitHubAccount = {
      id: 2002,
      login: "newbie",
      name: "New Bie",
      emails: [{ email: "newbie@example.org", primary: true, verified: false, visibility: null }],
    };
    github.accounts.set(unverified.id, unverified);
    const result = unwrap(await signInWithGitHub(unverified));
    expect(result.status).toBe(409);
    expect(result.body).toMatchObject({ message: expect.stringContaining("no verified primary email address") });
    expect(await prisma.user.count({ where: { email: "newbie@example.org" } })).toBe(0);
  });

  test("an unsafe redirectTo is replaced by the home page", async () => {
    const response = (await signInWithGitHub(octocat, { redirectTo: "//evil.example/steal" })) as Response;
    expect(response.headers.get("location")).toBe("/");
  });

  test("opening the callback without coming from GitHub explains itself", async () => {
    const result = unwrap(
      await settle(callbackLoader({ request: getRequest("/auth/github/callback"), params: {}, context })),
    );
    expect(result.status).toBe(400);
  });

  test("GET /auth/github shows a button and starts nothing", async () => {
    const result = await settle(
      startLoader({ request: getRequest("/auth/github?redirectTo=/about"), params: {}, context }),
    );
    expect(result).toEqual({ redirectTo: "/about" });
  });

  test("without GITHUB_CLIENT_ID the routes answer 404 with a reason", async () => {
    const saved = process.env.GITHUB_CLIENT_ID;
    delete process.env.GITHUB_CLIENT_ID;
    try {
      const start = (await settle(
        startAction({ request: formRequest("/auth/github", {}), params: {}, context }),
      )) as Response;
      expect(start.status).toBe(404);
      expect(await start.text()).toBe("Signing in with GitHub is not set up on this Nettle.");
      const back = (await settle(
        callbackLoader({ request: getRequest("/auth/github/callback?code=x&state=y"), params: {}, context }),
      )) as Response;
      expect(back.status).toBe(404);
      const { githubSignInEnabled } = await import("~/models/accounts/github-sign-in.server");
      expect(githubSignInEnabled()).toBe(false);
    } finally {
      process.env.GITHUB_CLIENT_ID = saved;
    }
  });
});
