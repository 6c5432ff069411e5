import type { DomainJobs } from "~/models/platform/jobs.server";
import { pruneRateLimits } from "~/models/platform/rate-limit.server";
import { pruneExpiredSessions } from "~/services/session.server";

// The accounts domain's background work.
export const accountJobs: DomainJobs = {
  tasks: {
    // Expired sessions and old rate-limit windows are of no use to anyone: remove them daily.
    "accounts:prune": async (_payload, helpers) => {
      const [sessions, limits] = await Promise.all([pruneExpiredSessions(), pruneRateLimits()]);
      if (sessions + limits > 0) helpers.logger.info(`accounts: pruned ${sessions} expired session(s), ${limits} rate-limit row(s)`);
    },
  },
  schedules: ["27 3 * * * accounts:prune ?max=3"],
};
