import { isIP } from "node:net";
import { prisma } from "~/services/db.server";

// Fixed-window rate limits kept in PostgreSQL, so every web process shares the same counts.
// Each rule limits both the client's address and, where there is one, the account (email)
// being tried, so neither one busy address nor a spread-out attack on one account gets far.

export type RateLimitRule = "signin" | "signup" | "reset" | "verify" | "webhook";

interface Limit {
  limit: number;
  windowSeconds: number;
}

export const RATE_LIMITS: Record<RateLimitRule, { ip: Limit; account?: Limit }> = {
  signin: { ip: { limit: 30, windowSeconds: 15 * 60 }, account: { limit: 10, windowSeconds: 15 * 60 } },
  signup: { ip: { limit: 10, windowSeconds: 60 * 60 }, account: { limit: 3, windowSeconds: 60 * 60 } },
  reset: { ip: { limit: 10, windowSeconds: 60 * 60 }, account: { limit: 3, windowSeconds: 60 * 60 } },
  verify: { ip: { limit: 20, windowSeconds: 60 * 60 }, account: { limit: 5, windowSeconds: 60 * 60 } },
  webhook: { ip: { limit: 600, windowSeconds: 60 } },
};

/** Counts one hit on `key`; returns whether it is within `limit`, and when to retry if not. */
export async function hit(key: string, { limit, windowSeconds }: Limit) {
  const [row] = await prisma.$queryRaw<{ count: number; window_start: Date }[]>`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE rate_limits.count + 1 END,
      window_start = CASE WHEN rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE rate_limits.window_start END
    RETURNING count, window_start`;
  const count = row?.count ?? 1;
  const resetsAt = (row?.window_start ?? new Date()).getTime() + windowSeconds * 1000;
  return { allowed: count <= limit, retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - Date.now()) / 1000)) };
}

export function tooManyRequests(retryAfterSeconds: number) {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new Response(`Too many attempts. Try again in ${minutes === 1 ? "1 minute" : `${minutes} minutes`}.`, {
    status: 429,
    statusText: "Too Many Requests",
    headers: { "Retry-After": String(retryAfterSeconds), "Content-Type": "text/plain; charset=utf-8" },
  });
}

/**
 * Counts this request against `rule` for the client's address and (if given) the account;
 * throws a 429 response with Retry-After when either is over its limit.
 */
export async function enforceRateLimit(
  _request: Request,
  context: { clientIp?: string },
  rule: RateLimitRule,
  account?: string,
) {
  const limits = RATE_LIMITS[rule];
  // The server passes only IP addresses; anything else must not become a key of its own.
  const ip = context.clientIp && isIP(context.clientIp) ? context.clientIp : "unknown";
  const checks = [hit(`${rule}:ip:${ip}`, limits.ip)];
  if (account && limits.account) checks.push(hit(`${rule}:account:${account.trim().toLowerCase()}`, limits.account));
  const results = await Promise.all(checks);
  const blocked = results.filter((r) => !r.allowed);
  if (blocked.length > 0) throw tooManyRequests(Math.max(...blocked.map((r) => r.retryAfterSeconds)));
}

export async function pruneRateLimits() {
  return prisma.$executeRaw`DELETE FROM rate_limits WHERE window_start < now() - interval '1 day'`;
}
