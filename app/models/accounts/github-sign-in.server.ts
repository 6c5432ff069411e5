import { createCookie } from "@remix-run/node";
import {
  ArcticFetchError,
  GitHub,
  OAuth2Client,
  OAuth2RequestError,
  UnexpectedErrorResponseBodyError,
  UnexpectedResponseError,
} from "arctic";
import type { OAuth2Tokens } from "arctic";
import { Authenticator } from "remix-auth";
import { GitHubStrategy } from "remix-auth-github";
import { z } from "zod";
import { resolveProviderSignIn } from "~/models/accounts/identity.server";
import type { ProviderProfile } from "~/models/accounts/identity.server";
import type { Actor } from "~/models/platform/actor";
import { conflict, DomainError, notFound } from "~/models/platform/errors";
import { getUser } from "~/services/auth.server";

// "Sign in with GitHub" and "Link GitHub", as the remix-auth strategy "github". remix-auth is
// used for providers only; email and password are checked by sign-in.server.ts.
//
// remix-auth-github 3 keeps the OAuth state in its own short-lived cookie and hands the verify
// callback arctic's tokens; it hard-codes github.com, so the client below takes its endpoints
// from GITHUB_OAUTH_URL (GitHub Enterprise Server, or the fake GitHub the tests start).
// Our own cookie beside it remembers what the person asked for: sign in (and where to go
// afterwards) or link GitHub to the account they are signed in to.

export const GITHUB_STRATEGY = "github";
const STATE_COOKIE = "nettle_github_state";
const FLOW_PATH = "/auth/github";
const FLOW_MINUTES = 10;

const secure = () => process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE !== "false";
const emptyAsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const configSchema = z.object({
  GITHUB_CLIENT_ID: z.string().trim().min(1),
  GITHUB_CLIENT_SECRET: z.preprocess(
    emptyAsUnset,
    z.string({ required_error: "must be set when GITHUB_CLIENT_ID is" }).trim(),
  ),
  GITHUB_OAUTH_URL: z.preprocess(emptyAsUnset, z.string().url().default("https://github.com")),
  GITHUB_API_URL: z.preprocess(emptyAsUnset, z.string().url().default("https://api.github.com")),
  PUBLIC_URL: z.preprocess(emptyAsUnset, z.string().url().optional()),
  PORT: z.preprocess(emptyAsUnset, z.string().optional()),
});

export interface GitHubConfig {
  clientId: string;
  clientSecret: string;
  oauthUrl: string;
  apiUrl: string;
  callbackUrl: string;
}

/** Whether this Nettle offers GitHub sign-in at all (the button and /auth/github*). */
export function githubSignInEnabled() {
  return Boolean(process.env.GITHUB_CLIENT_ID?.trim());
}

export function githubConfig(env: NodeJS.ProcessEnv = process.env): GitHubConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ");
    throw new Error(`GitHub sign-in is not configured correctly: ${problems}`);
  }
  const { GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, GITHUB_OAUTH_URL, GITHUB_API_URL, PUBLIC_URL, PORT } = parsed.data;
  const publicUrl = (PUBLIC_URL ?? `http://localhost:${PORT ?? 3000}`).replace(/\/+$/, "");
  return {
    clientId: GITHUB_CLIENT_ID,
    clientSecret: GITHUB_CLIENT_SECRET,
    oauthUrl: GITHUB_OAUTH_URL.replace(/\/+$/, ""),
    apiUrl: GITHUB_API_URL.replace(/\/+$/, ""),
    callbackUrl: `${publicUrl}${FLOW_PATH}/callback`,
  };
}

/** A 404 that says why, for the GitHub routes when GitHub sign-in is not set up. */
export function requireGitHubSignIn() {
  if (!githubSignInEnabled()) throw notFound("Signing in with GitHub is not set up on this Nettle.");
}

// ---------------------------------------------------------------------------------------
// The strategy
// ---------------------------------------------------------------------------------------

/** arctic's GitHub client with configurable endpoints. */
class ConfigurableGitHub extends GitHub {
  readonly #client: OAuth2Client;
  readonly #tokenEndpoint: string;
  readonly #authorizationEndpoint: string;

  constructor(config: GitHubConfig) {
    super(config.clientId, config.clientSecret, config.callbackUrl);
    this.#client = new OAuth2Client(config.clientId, config.clientSecret, config.callbackUrl);
    this.#authorizationEndpoint = `${config.oauthUrl}/login/oauth/authorize`;
    this.#tokenEndpoint = `${config.oauthUrl}/login/oauth/access_token`;
  }

  override createAuthorizationURL(state: string, scopes: string[]) {
    return this.#client.createAuthorizationURL(this.#authorizationEndpoint, state, scopes);
  }

  override async validateAuthorizationCode(code: string) {
    return rejectErrorBody(await this.#client.validateAuthorizationCode(this.#tokenEndpoint, code, null));
  }

  override async refreshAccessToken(refreshToken: string) {
    return rejectErrorBody(await this.#client.refreshAccessToken(this.#tokenEndpoint, refreshToken, []));
  }
}

/** GitHub answers a bad or reused code with 200 and an error body, not with a 400. */
function rejectErrorBody(tokens: OAuth2Tokens) {
  const body = tokens.data as { error?: unknown; error_description?: unknown; error_uri?: unknown };
  if (typeof body.error === "string") {
    const text = (value: unknown) => (typeof value === "string" ? value : null);
    throw new OAuth2RequestError(body.error, text(body.error_description), text(body.error_uri), null);
  }
  return tokens;
}

class NettleGitHubStrategy extends GitHubStrategy<string> {
  constructor(config: GitHubConfig) {
    super(
      {
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        redirectURI: config.callbackUrl,
        scopes: ["user:email"],
        cookie: {
          name: STATE_COOKIE,
          path: FLOW_PATH,
          httpOnly: true,
          sameSite: "Lax",
          maxAge: FLOW_MINUTES * 60,
          ...(secure() ? { secure: true } : {}),
        },
      },
      ({ request, tokens }) => verifyGitHubSignIn(request, tokens, config),
    );
    this.client = new ConfigurableGitHub(config);
  }
}

/** Resolves to the id of the account signed in to (or linked). */
const authenticator = new Authenticator<string>();

let registered: string | null = null;

/**
 * Registers (or re-registers, when the configuration changed) the "github" strategy on the
 * shared authenticator. Called on every use, so settings read at request time always apply.
 */
export function registerGitHubStrategy() {
  if (!githubSignInEnabled()) {
    authenticator.unuse(GITHUB_STRATEGY);
    registered = null;
    return;
  }
  const config = githubConfig();
  const key = JSON.stringify(config);
  if (registered === key && authenticator.get(GITHUB_STRATEGY)) return;
  authenticator.use(new NettleGitHubStrategy(config), GITHUB_STRATEGY);
  registered = key;
}

try {
  registerGitHubStrategy();
} catch (error) {
  // Said once at start; the GitHub routes then fail with the same message until it is fixed.
  console.error(error instanceof Error ? error.message : error);
}

// ---------------------------------------------------------------------------------------
// What the person asked for, kept between the start and the callback
// ---------------------------------------------------------------------------------------

const flowSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("signin"), redirectTo: z.string() }),
  z.object({ intent: z.literal("link"), redirectTo: z.string(), userId: z.string() }),
]);

export type GitHubFlow = z.infer<typeof flowSchema>;

const flowCookie = createCookie("nettle_github_flow", {
  httpOnly: true,
  sameSite: "lax",
  path: FLOW_PATH,
  maxAge: FLOW_MINUTES * 60,
  get secure() {
    return secure();
  },
});

export async function readGitHubFlow(request: Request): Promise<GitHubFlow | null> {
  const parsed = flowSchema.safeParse(await flowCookie.parse(request.headers.get("cookie")));
  return parsed.success ? parsed.data : null;
}

/** Set-Cookie headers that remove the state and flow cookies once the callback is done. */
export async function clearGitHubFlowCookies() {
  const state = `${STATE_COOKIE}=; Max-Age=0; Path=${FLOW_PATH}; HttpOnly; SameSite=Lax${secure() ? "; Secure" : ""}`;
  return [state, await flowCookie.serialize("", { maxAge: 0 })];
}

/** The redirect to GitHub's consent page, with the state and flow cookies set. */
export async function startGitHubSignIn(request: Request, flow: GitHubFlow): Promise<Response> {
  requireGitHubSignIn();
  registerGitHubStrategy();
  // A clean GET without a query: the strategy starts a new flow only when there is no `state`.
  const start = new Request(new URL(FLOW_PATH, request.url), {
    headers: { cookie: request.headers.get("cookie") ?? "" },
  });
  let response: Response;
  try {
    await authenticator.authenticate(GITHUB_STRATEGY, start);
    throw new Error("The GitHub strategy did not redirect to GitHub");
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  const headers = new Headers(response.headers);
  headers.append("Set-Cookie", await flowCookie.serialize(flow));
  return new Response(null, { status: response.status, headers });
}

/**
 * Completes the flow: checks the state, exchanges the code and signs in (or links) the account.
 * The id of the account, or what to tell the person when it failed.
 */
export async function finishGitHubSignIn(request: Request): Promise<{ userId: string } | GitHubSignInProblem> {
  requireGitHubSignIn();
  registerGitHubStrategy();
  try {
    return { userId: await authenticator.authenticate(GITHUB_STRATEGY, request) };
  } catch (thrown) {
    if (thrown instanceof Response) throw thrown;
    return describeGitHubSignInError(thrown);
  }
}

async function verifyGitHubSignIn(request: Request, tokens: OAuth2Tokens, config: GitHubConfig) {
  const profile = await fetchGitHubProfile(tokens.accessToken(), config.apiUrl);
  const flow = await readGitHubFlow(request);
  let linkTo: Actor | undefined;
  if (flow?.intent === "link") {
    // Link only to the account that asked, and only while it is still signed in here.
    const user = await getUser(request);
    if (!user || user.id !== flow.userId) {
      throw conflict("You were signed out before GitHub finished. Sign in again, then link GitHub from your account settings.");
    }
    linkTo = user;
  }
  const { userId } = await resolveProviderSignIn(profile, { linkTo });
  return userId;
}

// ---------------------------------------------------------------------------------------
// GitHub's API
// ---------------------------------------------------------------------------------------

/** GitHub could not be reached or answered something unexpected. */
export class GitHubApiError extends Error {
  override name = "GitHubApiError";
}

const githubUser = z.object({
  id: z.number().int().positive(),
  login: z.string().min(1),
  name: z.string().nullish(),
});

const githubEmails = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }));

async function githubGet(apiUrl: string, path: string, accessToken: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}${path}`, {
      headers: {
        Accept: "application/vnd.github+json",
        Authorization: `Bearer ${accessToken}`,
        "X-GitHub-Api-Version": "2022-11-28",
        "User-Agent": "Nettle",
      },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new GitHubApiError(`GitHub could not be reached (GET ${path})`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new GitHubApiError(`GitHub answered ${response.status} to GET ${path}`);
  }
  return response.json().catch((error: unknown) => {
    throw new GitHubApiError(`GitHub sent a response to GET ${path} that is not JSON`, { cause: error });
  });
}

/** The signed-in GitHub user and their primary address, if GitHub has verified it. */
export async function fetchGitHubProfile(
  accessToken: string,
  apiUrl = githubConfig().apiUrl,
): Promise<ProviderProfile> {
  const [userBody, emailsBody] = await Promise.all([
    githubGet(apiUrl, "/user", accessToken),
    githubGet(apiUrl, "/user/emails", accessToken),
  ]);
  const user = githubUser.safeParse(userBody);
  const emails = githubEmails.safeParse(emailsBody);
  if (!user.success || !emails.success) throw new GitHubApiError("GitHub's user profile was not in the expected shape");
  const primary = emails.data.find((entry) => entry.primary && entry.verified);
  return {
    provider: "github",
    providerUserId: String(user.data.id),
    username: user.data.login,
    name: user.data.name ?? null,
    verifiedEmail: primary ? primary.email.trim().toLowerCase() : null,
  };
}

// ---------------------------------------------------------------------------------------
// Failures, in words for the person
// ---------------------------------------------------------------------------------------

export interface GitHubSignInProblem {
  status: number;
  message: string;
}

/** What to tell someone whose GitHub sign-in failed; logs what they cannot act on. */
function describeGitHubSignInError(error: unknown): GitHubSignInProblem {
  if (DomainError.is(error)) return { status: error.status, message: error.message };
  // The strategy's own checks of the state cookie against the `state` GitHub sent back.
  if (error instanceof RangeError || error instanceof ReferenceError) {
    return {
      status: 400,
      message:
        "This sign-in took too long or was finished in a different browser from the one that started it. Start again.",
    };
  }
  if (error instanceof OAuth2RequestError) {
    return { status: 400, message: `GitHub did not accept the sign-in (${error.code}). Start again.` };
  }
  if (
    error instanceof GitHubApiError ||
    error instanceof ArcticFetchError ||
    error instanceof UnexpectedResponseError ||
    error instanceof UnexpectedErrorResponseBodyError
  ) {
    console.error(`GitHub sign-in: ${error.message}`);
    return { status: 502, message: "Nettle could not reach GitHub. Try again in a few minutes." };
  }
  console.error("GitHub sign-in failed:", error);
  return { status: 502, message: "Something went wrong while signing you in with GitHub. Try again in a few minutes." };
}
