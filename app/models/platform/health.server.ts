import { outboxLag } from "~/models/platform/search-outbox.server";
import { rateLimitStates, syncQueueState } from "~/models/repositories/rate-limit.server";
import { workerStatus } from "~/models/platform/worker-heartbeat.server";
import { prisma } from "~/services/db.server";
import { getSearch } from "~/services/search.server";
import { webhookQueueStatus } from "~/models/webhooks/receive.server";

// How Nettle is, for load balancers and people (/healthz): "ok", "degraded" while the database
// answers but search or the worker does not, "down" when the database does not. Says nothing
// secret.

async function timed<T>(work: () => Promise<T>) {
  const started = performance.now();
  try {
    const value = await work();
    return { ok: true as const, value, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false as const, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function healthReport() {
  const [database, search] = await Promise.all([
    timed(() => prisma.$queryRaw`SELECT 1`),
    timed(async () => {
      if (!(await getSearch().isAvailable(1_500))) throw new Error("Meilisearch is not answering");
    }),
  ]);
  const [worker, outbox, github, webhooks] = database.ok
    ? await Promise.all([
        workerStatus().catch(() => null),
        outboxLag().catch(() => null),
        gitHubState().catch(() => null),
        webhookQueueStatus().catch(() => null),
      ])
    : [null, null, null, null];

  const workerOk = worker !== null && worker.alive > 0;
  const status = !database.ok ? "down" : search.ok && workerOk ? "ok" : "degraded";
  return {
    status,
    database: database.ok ? { status: "ok", latencyMs: database.ms } : { status: "down", error: "database not reachable" },
    search: search.ok ? { status: "ok", latencyMs: search.ms } : { status: "down", error: search.error },
    worker: worker
      ? {
          status: workerOk ? "ok" : "down",
          processes: worker.alive,
          queueReady: worker.queueReady,
          queueLagSeconds: Math.round(worker.queueLagSeconds * 10) / 10,
        }
      : { status: "unknown" },
    searchOutbox: outbox
      ? { pending: outbox.pending, failing: outbox.failing, oldestSeconds: Math.round(outbox.oldestSeconds * 10) / 10 }
      : null,
    github,
    // GitHub deliveries: waiting for the worker, failed in the last day, when the last arrived.
    webhooks,
  };
}

/** GitHub's rate limits as its answers last reported them, and the repository sync queue. */
async function gitHubState() {
  const [rateLimits, syncQueue] = await Promise.all([rateLimitStates(), syncQueueState()]);
  return { rateLimits, syncQueue };
}
