import { isIP } from "node:net";
import { rateLimited } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";

// Fixed-window rate limits kept in PostgreSQL, so every web process shares the same counts.
// Each rule limits both the client's address and, where there is one, the account (email)
// being tried, so neither one busy address nor a spread-out attack on one account gets far.
//
// Each rule counts what it protects, nothing else: sign-in counts password guesses; sign-up
// counts accounts created and mails sent, so a form sent back with a typo costs nothing; reset
// and verification count emails sent. Per-address limits leave room for a hack-day room or an
// office behind one address; what else stops mass sign-up is that each account must confirm
// a working mailbox, and no more than 3 mails an hour go to any one address.

export type RateLimitRule = "signin" | "signup" | "reset" | "verify" | "webhook" | "propose" | "judge";

interface Limit {
  limit: number;
  windowSeconds: number;
}

export const RATE_LIMITS: Record<RateLimitRule, { ip: Limit; account?: Limit }> = {
  signin: { ip: { limit: 30, windowSeconds: 15 * 60 }, account: { limit: 10, windowSeconds: 15 * 60 } },
  signup: { ip: { limit: 150, windowSeconds: 60 * 60 }, account: { limit: 3, windowSeconds: 60 * 60 } },
  reset: { ip: { limit: 50, windowSeconds: 60 * 60 }, account: { limit: 3, windowSeconds: 60 * 60 } },
  verify: { ip: { limit: 50, windowSeconds: 60 * 60 }, account: { limit: 5, windowSeconds: 60 * 60 } },
  webhook: { ip: { limit: 600, windowSeconds: 60 } },
  // Skill proposals sent (each lands in the hub organisers' queue).
  propose: { ip: { limit: 60, windowSeconds: 60 * 60 }, account: { limit: 10, windowSeconds: 60 * 60 } },
  // Requests to a judge's link (/judge/<token>), which needs no account: room for a panel of
  // judges on one venue network, not for guessing links.
  judge: { ip: { limit: 600, windowSeconds: 15 * 60 } },
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

/** What each limit stopped, in words for the person who met it: 429 pages say this first. */
const reasons: Record<RateLimitRule, { ip: string; account: string }> = {
  signin: {
    ip: "Too many attempts to sign in from your network.",
    account: "Too many attempts to sign in to this account. This protects it from people guessing passwords.",
  },
  signup: {
    ip: "Too many accounts have been created from your network in the last hour.",
    account: "We have already sent several emails to this address in the last hour.",
  },
  reset: {
    ip: "We have sent too many password reset emails to people on your network in the last hour.",
    account: "We have already sent several password reset emails to this address in the last hour.",
  },
  verify: {
    ip: "We have sent too many confirmation emails to people on your network in the last hour.",
    account: "We have already sent several confirmation emails to this address in the last hour.",
  },
  webhook: { ip: "Too many requests.", account: "Too many requests." },
  judge: { ip: "Too many judging pages have been asked for from your network.", account: "Too many requests." },
  propose: {
    ip: "Too many skills have been proposed from your network in the last hour.",
    account: "You have proposed several skills in the last hour.",
  },
};

/** "… Try again in 3 minutes.": what a 429 page says, after the reason. */
function tooManyRequests(retryAfterSeconds: number, reason = "Too many attempts.") {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return rateLimited(`${reason} Try again in ${minutes === 1 ? "1 minute" : `${minutes} minutes`}.`, retryAfterSeconds);
}

/**
 * Counts one of what `rule` protects (a sign-in attempt, an account created, an email sent)
 * for the client's address and (if given) the account; throws a "rate limited" DomainError
 * (answered 429 with Retry-After) saying which limit it met, when either is over its limit. Call it once the
 * input is valid, just before the thing counted happens.
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
  const checks: Promise<{ allowed: boolean; retryAfterSeconds: number; by: "ip" | "account" }>[] = [
    hit(`${rule}:ip:${ip}`, limits.ip).then((r) => ({ ...r, by: "ip" as const })),
  ];
  if (account && limits.account) {
    checks.push(
      hit(`${rule}:account:${account.trim().toLowerCase()}`, limits.account).then((r) => ({ ...r, by: "account" as const })),
    );
  }
  const results = await Promise.all(checks);
  const blocked = results.filter((r) => !r.allowed);
  if (blocked.length > 0) {
    // The account's limit is the more specific explanation when both are met.
    const by = blocked.some((r) => r.by === "account") ? "account" : "ip";
    throw tooManyRequests(Math.max(...blocked.map((r) => r.retryAfterSeconds)), reasons[rule][by]);
  }
}

export async function pruneRateLimits() {
  return prisma.$executeRaw`DELETE FROM rate_limits WHERE window_start < now() - interval '1 day'`;
}
