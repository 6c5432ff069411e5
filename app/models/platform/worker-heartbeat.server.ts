import { hostname } from "node:os";
import { prisma } from "~/services/db.server";

// Each worker process writes a heartbeat so /healthz can tell whether background work runs.

export const HEARTBEAT_SECONDS = 10;

export function workerId() {
  return `${hostname()}:${process.pid}`;
}

export async function beat(id: string, startedAt: Date) {
  await prisma.workerHeartbeat.upsert({
    where: { id },
    create: { id, startedAt, seenAt: new Date() },
    update: { seenAt: new Date() },
  });
  // Forget workers that vanished without saying goodbye an hour ago.
  await prisma.workerHeartbeat.deleteMany({ where: { seenAt: { lt: new Date(Date.now() - 3_600_000) } } });
}

export async function farewell(id: string) {
  await prisma.workerHeartbeat.deleteMany({ where: { id } });
}

/** Workers seen in the last three heartbeats, and the queue's backlog. */
export async function workerStatus() {
  const since = new Date(Date.now() - HEARTBEAT_SECONDS * 3 * 1000);
  const [alive, queue] = await Promise.all([
    prisma.workerHeartbeat.count({ where: { seenAt: { gte: since } } }),
    prisma.$queryRaw<{ ready: bigint; lag_seconds: number | null }[]>`
      SELECT count(*) AS ready, EXTRACT(EPOCH FROM now() - min(run_at))::float8 AS lag_seconds
      FROM graphile_worker.jobs
      WHERE locked_at IS NULL AND run_at <= now() AND attempts < max_attempts`.catch(() => null),
  ]);
  const row = queue?.[0];
  return {
    alive,
    queueReady: Number(row?.ready ?? 0),
    queueLagSeconds: Math.max(0, row?.lag_seconds ?? 0),
    queueInstalled: queue !== null,
  };
}
