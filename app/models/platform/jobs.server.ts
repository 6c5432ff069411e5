import type { TaskList } from "graphile-worker";
import { z } from "zod";
import { deliverMail, MAIL_TASK } from "~/models/platform/mail.server";
import { DRAIN_TASK, drainSearchOutbox, pruneSearchOutbox } from "~/models/platform/search-outbox.server";

// The platform's background work: keeping search in step and delivering mail. Tasks must be
// safe to run twice: the queue guarantees at-least-once delivery, not exactly-once.

export interface DomainJobs {
  tasks: TaskList;
  /** graphile-worker crontab lines. */
  schedules: string[];
}

export const platformJobs: DomainJobs = {
  tasks: {
    [DRAIN_TASK]: async (_payload, helpers) => {
      const result = await drainSearchOutbox({ log: (line) => helpers.logger.debug(line) });
      if (result.processed > 0) {
        helpers.logger.info(`search: ${result.upserted} updated, ${result.deleted} removed`);
      }
    },
    "search:prune-outbox": async (_payload, helpers) => {
      const removed = await pruneSearchOutbox(7);
      if (removed > 0) helpers.logger.info(`search outbox: pruned ${removed} processed row(s)`);
    },
    // Sends one queued message; a message already sent is left alone, so a repeat is harmless.
    // A failure throws, and graphile-worker retries with back-off (see MAIL_MAX_ATTEMPTS).
    [MAIL_TASK]: async (payload, helpers) => {
      const parsed = z.object({ id: z.string().min(1).max(100) }).safeParse(payload);
      if (!parsed.success) {
        helpers.logger.error(`${MAIL_TASK}: ignoring a job without a mail id`);
        return;
      }
      await deliverMail(parsed.data.id);
    },
  },
  // The drain runs every minute as well as on demand, to catch up after an outage (rows whose
  // retry time has come) or a process that died between commit and job pickup.
  schedules: [
    `* * * * * ${DRAIN_TASK} ?max=3&jobKey=${DRAIN_TASK}&jobKeyMode=preserve_run_at`,
    "17 3 * * * search:prune-outbox ?max=3",
  ],
};
