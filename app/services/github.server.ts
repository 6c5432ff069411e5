import { App, Octokit, RequestError } from "octokit";

// The one adapter to GitHub's REST API (repository tracking; sign-in has its own OAuth code).
// Octokit with its throttling and retry plugins, pointed at GITHUB_API_URL (GitHub Enterprise,
// or a fake in tests), read when a client is made so tests can change it.
//
// Credentials, most capable first: a GitHub App installation (GITHUB_APP_ID, its private key,
// GITHUB_APP_INSTALLATION_ID) reaches private repositories it is installed on; GITHUB_TOKEN
// raises the limit to 5,000 an hour; with neither, public repositories still work at 60 an hour.
//
// Nothing here knows about Nettle's tables: callers pass `observe` to keep the rate-limit state
// each answer reports. Tokens never reach a log: Octokit's own log is quietened, and errors it
// raises already redact the Authorization header.

export const DEFAULT_GITHUB_API_URL = "https://api.github.com";
const USER_AGENT = "Nettle (regional public data hubs; https://github.com/nettle-hub/nettle)";

export interface RateLimitObservation {
  resource: string;
  limit: number;
  remaining: number;
  resetAt: Date;
  /** Set when GitHub asked us to wait (secondary limit, or retry-after on 403/429). */
  pausedUntil?: Date;
}

export interface GitHubClientOptions {
  /** Called with the rate-limit headers of every answer, including 304s and errors. */
  observe?: (observation: RateLimitObservation) => void | Promise<void>;
  /** Reach a repository through this App installation rather than the configured one. */
  installationId?: bigint | number | null;
  /** Base of the retry plugin's back-off (ms): retries wait 1, 4, 9 × this. */
  retryBaseMs?: number;
  /** How many times a 5xx or network failure is retried. */
  retries?: number;
}

export type GitHubAuth = "app" | "token" | "none";

function apiUrl() {
  const url = process.env.GITHUB_API_URL?.trim();
  return (url || DEFAULT_GITHUB_API_URL).replace(/\/+$/, "");
}

/** Which credentials the configuration gives, in the order Nettle prefers them. */
export function gitHubAuthMode(env: NodeJS.ProcessEnv = process.env): GitHubAuth {
  if (env.GITHUB_APP_ID?.trim() && env.GITHUB_APP_PRIVATE_KEY?.trim()) return "app";
  if (env.GITHUB_TOKEN?.trim()) return "token";
  return "none";
}

/** A PEM pasted into one line of an .env file arrives with literal "\n"s. */
export function normalisePrivateKey(key: string) {
  return key.includes("\\n") ? key.replace(/\\n/g, "\n") : key;
}

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

/** The rate-limit state an answer's headers report, if they report one. */
export function rateLimitFromHeaders(headers: Record<string, unknown> | undefined, status?: number): RateLimitObservation | null {
  const limit = Number(header(headers, "x-ratelimit-limit"));
  const remaining = Number(header(headers, "x-ratelimit-remaining"));
  const reset = Number(header(headers, "x-ratelimit-reset"));
  const retryAfter = Number(header(headers, "retry-after"));
  const paused =
    (status === 403 || status === 429) && Number.isFinite(retryAfter) && retryAfter > 0 ? new Date(Date.now() + retryAfter * 1000) : undefined;
  if (!Number.isFinite(limit) || !Number.isFinite(remaining) || !Number.isFinite(reset) || header(headers, "x-ratelimit-limit") === undefined) {
    return paused ? { resource: header(headers, "x-ratelimit-resource") ?? "core", limit: 0, remaining: 0, resetAt: paused, pausedUntil: paused } : null;
  }
  return {
    resource: header(headers, "x-ratelimit-resource") ?? "core",
    limit,
    remaining,
    resetAt: new Date(reset * 1000),
    ...(paused ? { pausedUntil: paused } : {}),
  };
}

const quietLog = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

// One App per configuration: it caches installation tokens until they expire.
let cachedApp: { key: string; app: App } | null = null;

function appFor(baseUrl: string, NettleOctokit: typeof Octokit) {
  const appId = process.env.GITHUB_APP_ID!.trim();
  const privateKey = normalisePrivateKey(process.env.GITHUB_APP_PRIVATE_KEY!);
  const key = `${baseUrl}\n${appId}\n${privateKey}`;
  if (cachedApp?.key !== key) {
    cachedApp = { key, app: new App({ appId, privateKey, Octokit: NettleOctokit, log: quietLog }) };
  }
  return cachedApp.app;
}

export type GitHubClient = Octokit;

/** An Octokit for the configured GitHub, with Nettle's throttling, retries and observation. */
export async function gitHubClient(options: GitHubClientOptions = {}): Promise<GitHubClient> {
  const baseUrl = apiUrl();
  const NettleOctokit = Octokit.defaults({
    baseUrl,
    userAgent: USER_AGENT,
    log: quietLog,
    // A 304 is not a failure to retry; 429 is the throttling plugin's to judge, not a retry.
    retry: { doNotRetry: [304, 400, 401, 403, 404, 410, 422, 429, 451], retries: options.retries ?? 2, retryAfterBaseValue: options.retryBaseMs ?? 1000 },
    throttle: {
      // Waiting an hour inside a request helps nobody: the caller records the limit and
      // postpones. A short secondary-limit pause is worth one wait.
      onRateLimit: () => false,
      onSecondaryRateLimit: (retryAfter: number, requestOptions: { request?: { retryCount?: number } }) =>
        retryAfter <= 5 && (requestOptions.request?.retryCount ?? 0) === 0,
    },
  }) as typeof Octokit;

  let client: Octokit;
  const mode = gitHubAuthMode();
  if (mode === "app") {
    const installation = options.installationId ?? process.env.GITHUB_APP_INSTALLATION_ID?.trim();
    client = await appFor(baseUrl, NettleOctokit).getInstallationOctokit(Number(installation));
  } else {
    client = new NettleOctokit(mode === "token" ? { auth: process.env.GITHUB_TOKEN!.trim() } : {});
  }

  const observe = options.observe;
  if (observe) {
    client.hook.after("request", async (response) => {
      const observation = rateLimitFromHeaders(response.headers as Record<string, unknown>, response.status);
      if (observation) await observe(observation);
    });
    client.hook.error("request", async (error) => {
      if (error instanceof RequestError) {
        const observation = rateLimitFromHeaders(error.response?.headers as Record<string, unknown> | undefined, error.status);
        if (observation) await observe(observation);
      }
      throw error;
    });
  }
  return client;
}

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type ConditionalResult<T> =
  | { changed: false }
  | { changed: true; data: T; status: number; headers: Record<string, string | number | undefined>; validators: Validators };

/**
 * GETs `route`, sending the validators from the last answer exactly as GitHub sent them
 * (If-None-Match keeps the ETag's quotes and any W/), so an unchanged resource answers 304,
 * which costs no rate limit. Octokit raises a 304 as an error; here it is "unchanged".
 */
export async function conditionalGet<T = unknown>(
  client: GitHubClient,
  route: string,
  params: Record<string, unknown>,
  validators: Validators | null,
): Promise<ConditionalResult<T>> {
  const headers: Record<string, string> = {};
  if (validators?.etag) headers["if-none-match"] = validators.etag;
  else if (validators?.lastModified) headers["if-modified-since"] = validators.lastModified;
  try {
    const response = await client.request(`GET ${route}`, { ...params, headers });
    const responseHeaders = response.headers as Record<string, string | number | undefined>;
    return {
      changed: true,
      data: response.data as T,
      status: response.status,
      headers: responseHeaders,
      validators: { etag: header(responseHeaders, "etag") ?? null, lastModified: header(responseHeaders, "last-modified") ?? null },
    };
  } catch (error) {
    if (error instanceof RequestError && error.status === 304) return { changed: false };
    throw error;
  }
}

/** The page number of rel="last" in a Link header: how many pages a list has. */
export function lastPageOf(link: string | number | undefined): number | null {
  if (typeof link !== "string") return null;
  const match = /<([^>]+)>;\s*rel="last"/.exec(link);
  if (!match) return null;
  const page = Number(new URL(match[1]!).searchParams.get("page"));
  return Number.isInteger(page) && page > 0 ? page : null;
}

export type GitHubFailure =
  | { kind: "not_found" }
  | { kind: "forbidden" }
  | { kind: "rate_limited"; until: Date }
  | { kind: "unavailable"; detail: string };

/** What went wrong in a GitHub call, in the terms callers decide on. Never includes a token. */
export function classifyGitHubError(error: unknown): GitHubFailure {
  if (error instanceof RequestError) {
    const headers = error.response?.headers as Record<string, unknown> | undefined;
    if (error.status === 404 || error.status === 410) return { kind: "not_found" };
    if (error.status === 403 || error.status === 429) {
      const observation = rateLimitFromHeaders(headers, error.status);
      if (observation?.pausedUntil) return { kind: "rate_limited", until: observation.pausedUntil };
      if (observation && observation.remaining === 0) return { kind: "rate_limited", until: observation.resetAt };
      if (error.status === 429 || /rate limit/i.test(error.message)) return { kind: "rate_limited", until: new Date(Date.now() + 60_000) };
      return { kind: "forbidden" };
    }
    if (error.status === 401) return { kind: "forbidden" };
    return { kind: "unavailable", detail: `GitHub answered ${error.status}` };
  }
  return { kind: "unavailable", detail: "GitHub could not be reached" };
}

export { RequestError };
