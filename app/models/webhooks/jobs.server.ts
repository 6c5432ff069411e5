import { z } from "zod";
import type { DomainJobs } from "~/models/platform/jobs.server";
import { processDelivery, prunePayloads } from "~/models/webhooks/process.server";
import { PROCESS_TASK, PRUNE_TASK } from "~/models/webhooks/tasks";

// GitHub deliveries are queued one job each by the receiver; a failure throws so the queue
// retries with back-off, and the last attempt marks the delivery failed for /healthz.
export const webhookJobs: DomainJobs = {
  tasks: {
    [PROCESS_TASK]: async (payload, helpers) => {
      const parsed = z.object({ id: z.string().min(1).max(100) }).safeParse(payload);
      if (!parsed.success) {
        helpers.logger.error(`${PROCESS_TASK}: ignoring a job without a delivery id`);
        return;
      }
      const finalAttempt = helpers.job.attempts >= helpers.job.max_attempts;
      const result = await processDelivery(parsed.data.id, { finalAttempt });
      if (result) helpers.logger.debug(`webhook delivery ${parsed.data.id}: ${result}`);
    },
    [PRUNE_TASK]: async (_payload, helpers) => {
      const pruned = await prunePayloads(30);
      if (pruned > 0) helpers.logger.info(`webhooks: dropped ${pruned} old payload(s)`);
    },
  },
  schedules: [`41 3 * * * ${PRUNE_TASK} ?max=3`],
};
