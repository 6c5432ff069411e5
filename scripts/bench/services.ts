import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { resolveMeilisearchBinary, startEmbeddedMeilisearch } from "../../server/embedded/meilisearch";
import { startEmbeddedPostgres } from "../../server/embedded/postgres";
import { applyMigrations } from "../../server/migrate";
import { installJobQueue } from "../../server/queue";

/** Throwaway PostgreSQL + Meilisearch for a benchmark; sets the env vars the app reads. */
export async function startBenchServices() {
  const root = mkdtempSync(path.join(tmpdir(), "nettle-bench-"));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(root, "pg"), database: "bench", persistent: false });
  const binary = await resolveMeilisearchBinary({ env: process.env, cacheDir: path.join(tmpdir(), "nettle-meili-bin") });
  const meili = await startEmbeddedMeilisearch({
    dataDir: path.join(root, "meili"),
    keyFile: path.join(root, "key"),
    binary: binary.path,
    persistent: false,
  });
  await applyMigrations(pg.url);
  await installJobQueue(pg.url);
  Object.assign(process.env, {
    NODE_ENV: "test",
    DATABASE_URL: pg.url,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    MEILI_INDEX_PREFIX: "bench_",
  });
  return {
    /** Meilisearch's process, to read its memory. */
    meiliPid: meili.pid,
    async stop() {
      await meili.stop();
      await pg.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export function summarise(label: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const line = `${label.padEnd(44)} n=${sorted.length}  p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms  max ${sorted.at(-1)!.toFixed(1)} ms`;
  console.log(line);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)! };
}
