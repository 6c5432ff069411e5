import { run, type Logger } from "graphile-worker";
import { Logger as GraphileLogger } from "graphile-worker";
import { crontab, taskList } from "~/jobs/index";
import { beat, farewell, HEARTBEAT_SECONDS, workerId } from "~/models/platform/worker-heartbeat.server";
import { prisma } from "~/services/db.server";
import { getEnv } from "~/services/env.server";

// The worker process: runs queued jobs and schedules from app/jobs over PostgreSQL
// (graphile-worker; see docs/decisions/003-job-queue.md). Any number of these may run against
// one database: jobs are claimed with SKIP LOCKED, so no job runs twice at once.

const env = getEnv();
const id = workerId();
const startedAt = new Date();

const levels = ["debug", "info", "warning", "error"] as const;
const minimum = levels.indexOf(env.LOG_LEVEL === "warn" ? "warning" : env.LOG_LEVEL);
const logger: Logger = new GraphileLogger(() => (rawLevel, message) => {
  // graphile-worker reports every finished job at info; that is debug detail for us.
  const level = rawLevel === "info" && message.startsWith("Completed task") ? "debug" : rawLevel;
  if (levels.indexOf(level as (typeof levels)[number]) < minimum) return;
  const line = `[worker] ${level === "warning" ? "warn" : level}: ${message}`;
  if (level === "error" || level === "warning") console.error(line);
  else console.log(line);
});

const runner = await run({
  connectionString: env.DATABASE_URL,
  concurrency: env.WORKER_CONCURRENCY,
  noHandleSignals: true,
  pollInterval: 2_000,
  taskList,
  crontab,
  logger,
});

await beat(id, startedAt);
const heartbeat = setInterval(() => {
  beat(id, startedAt).catch((error: unknown) => logger.warn(`heartbeat failed: ${String(error)}`));
}, HEARTBEAT_SECONDS * 1000);
console.log(`[worker] ready (${id}, concurrency ${env.WORKER_CONCURRENCY})`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal} received, finishing running jobs`);
  clearInterval(heartbeat);
  const force = setTimeout(() => {
    console.error("[worker] jobs did not finish within 20 s, exiting");
    process.exit(1);
  }, 20_000);
  force.unref();
  await runner.stop();
  await farewell(id).catch(() => {});
  await prisma.$disconnect();
  process.exit(0);
}

process.on("SIGTERM", () => void shutdown("SIGTERM"));
// Started by `npm start`: if the supervisor vanishes (killed outright), stop too.
process.on("disconnect", () => void shutdown("supervisor gone"));
process.on("SIGINT", () => void shutdown("SIGINT"));
await runner.promise;
