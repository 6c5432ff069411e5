import type { RateLimitObservation } from "~/services/github.server";
import { prisma } from "~/services/db.server";

// GitHub's rate-limit state as its answers report it, kept per resource in github_rate_limits
// so every process (web, workers) respects the same numbers and /healthz can show them.

/** Requests left unspent for people: the scheduled sync stops here and waits for the reset. */
export const RATE_LIMIT_RESERVE = 50;

const lastWritten = new Map<string, { at: number; resetAt: number }>();
const pending = new Map<string, RateLimitObservation>();

/** Writes the latest state that was held back, so the stored state is exact after a sync. */
export async function flushRateLimits() {
  const held = [...pending.values()];
  pending.clear();
  for (const observation of held) {
    lastWritten.delete(observation.resource);
    await recordRateLimit(observation);
  }
}

/**
 * Stores what one answer said. Answers arrive out of order when requests run side by side, so
 * a stored state is replaced only by a newer window or a lower count in the same window; a
 * pause is kept until it has passed.
 */
export async function recordRateLimit(observation: RateLimitObservation) {
  const { resource, limit, remaining, resetAt } = observation;
  // Most answers only move the count down by one: writing each would cost a database write
  // per request. Write at most once a second per resource, and always near the end, on a new
  // window or a pause.
  const last = lastWritten.get(resource);
  const now = Date.now();
  if (
    last &&
    !observation.pausedUntil &&
    now - last.at < 1000 &&
    last.resetAt === resetAt.getTime() &&
    remaining > RATE_LIMIT_RESERVE * 4
  ) {
    pending.set(resource, observation);
    return;
  }
  pending.delete(resource);
  lastWritten.set(resource, { at: now, resetAt: resetAt.getTime() });
  const pausedUntil = observation.pausedUntil ?? null;
  await prisma.$executeRaw`
    INSERT INTO github_rate_limits (resource, "limit", remaining, reset_at, paused_until, updated_at)
    VALUES (${resource}, ${limit}, ${remaining}, ${resetAt}, ${pausedUntil}, now())
    ON CONFLICT (resource) DO UPDATE SET
      "limit" = CASE WHEN EXCLUDED."limit" > 0 THEN EXCLUDED."limit" ELSE github_rate_limits."limit" END,
      remaining = CASE
        WHEN EXCLUDED."limit" = 0 THEN github_rate_limits.remaining
        WHEN EXCLUDED.reset_at > github_rate_limits.reset_at + interval '1 second' THEN EXCLUDED.remaining
        ELSE LEAST(github_rate_limits.remaining, EXCLUDED.remaining) END,
      reset_at = CASE WHEN EXCLUDED."limit" = 0 THEN github_rate_limits.reset_at ELSE GREATEST(github_rate_limits.reset_at, EXCLUDED.reset_at) END,
      paused_until = CASE
        WHEN EXCLUDED.paused_until IS NOT NULL THEN GREATEST(EXCLUDED.paused_until, COALESCE(github_rate_limits.paused_until, EXCLUDED.paused_until))
        WHEN github_rate_limits.paused_until > now() THEN github_rate_limits.paused_until
        ELSE NULL END,
      updated_at = now()`;
}

/**
 * Until when GitHub should not be asked (a pause it asked for, or the core limit spent down to
 * the reserve), or null when requests may go. `reserve` 0 is for a person's own request.
 */
export async function gitHubBlockedUntil(now = new Date(), reserve = RATE_LIMIT_RESERVE): Promise<Date | null> {
  const core = await prisma.gitHubRateLimit.findUnique({ where: { resource: "core" } });
  if (!core) return null;
  if (core.pausedUntil && core.pausedUntil > now) return core.pausedUntil;
  if (core.resetAt > now && core.remaining <= reserve) return core.resetAt;
  return null;
}

/** Every resource's state, for /healthz. */
export async function rateLimitStates() {
  const rows = await prisma.gitHubRateLimit.findMany({ orderBy: { resource: "asc" } });
  return rows.map((row) => ({
    resource: row.resource,
    limit: row.limit,
    remaining: row.remaining,
    resetAt: row.resetAt.toISOString(),
    pausedUntil: row.pausedUntil && row.pausedUntil > new Date() ? row.pausedUntil.toISOString() : null,
  }));
}

/** The sync queue for /healthz: repositories tracked, due now, and failing. */
export async function syncQueueState(now = new Date()) {
  const [tracked, due, failing] = await Promise.all([
    prisma.repository.count(),
    prisma.repository.count({ where: { nextSyncAt: { lte: now } } }),
    prisma.repository.count({ where: { syncStatus: "failed" } }),
  ]);
  return { tracked, due, failing };
}
