import { z } from "zod";
import type { DomainJobs } from "~/models/platform/jobs.server";
import { SYNC_DUE_TASK, SYNC_TASK, syncDueRepositories, syncRepository } from "~/models/repositories/sync.server";

// The repositories domain's background work: one repository's sync when it is linked or a
// lead asks ("Sync now"), and every 5 minutes the repositories whose time has come (active
// ones hourly, quiet ones daily, failures with back-off; webhooks bring a repository forward).
// Both are safe to run twice: a sync reads GitHub's current state and records each fact once.

export const repositoryJobs: DomainJobs = {
  tasks: {
    [SYNC_TASK]: async (payload, helpers) => {
      const parsed = z.object({ id: z.string().min(1).max(100) }).safeParse(payload);
      if (!parsed.success) {
        helpers.logger.error(`${SYNC_TASK}: ignoring a job without a repository id`);
        return;
      }
      const outcome = await syncRepository(parsed.data.id, { ignoreReserve: true });
      helpers.logger.debug(`${SYNC_TASK}: ${parsed.data.id} ${outcome}`);
    },
    [SYNC_DUE_TASK]: async (_payload, helpers) => {
      const result = await syncDueRepositories();
      if (result.looked > 0 || result.stoppedUntil) {
        const counts = Object.entries(result.outcomes)
          .filter(([, n]) => n > 0)
          .map(([outcome, n]) => `${n} ${outcome}`)
          .join(", ");
        helpers.logger.info(
          `repositories: ${counts || "none synced"}${result.stoppedUntil ? `; GitHub's limit reached, waiting until ${result.stoppedUntil.toISOString()}` : ""}`,
        );
      }
    },
  },
  schedules: [`*/5 * * * * ${SYNC_DUE_TASK} ?max=1&jobKey=${SYNC_DUE_TASK}&jobKeyMode=preserve_run_at`],
};
