import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedMeilisearch, resolveMeilisearchBinary } from "../../server/embedded/meilisearch";
import { startEmbeddedPostgres } from "../../server/embedded/postgres";
import { applyMigrations } from "../../server/migrate";
import { installJobQueue } from "../../server/queue";

// Starts one real PostgreSQL and one real Meilisearch for the whole run, on free ports, in a
// throwaway folder. Each test file then gets its own database cloned from a migrated template
// and its own index prefix (tests/support/setup-each-file.ts), so files never see each other.

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    meiliUrl: string;
    meiliKey: string;
    meiliBinary: string;
  }
}

export const TEMPLATE_DB = "nettle_template";

export default async function setup(project: TestProject) {
  const started = performance.now();
  const root = mkdtempSync(path.join(tmpdir(), "nettle-test-"));
  const [pg, meiliBinary] = await Promise.all([
    startEmbeddedPostgres({ dataDir: path.join(root, "postgres"), database: TEMPLATE_DB, persistent: false }),
    resolveMeilisearchBinary({ env: process.env, cacheDir: path.join(tmpdir(), "nettle-meili-bin") }),
  ]);
  const meili = await startEmbeddedMeilisearch({
    dataDir: path.join(root, "meilisearch"),
    keyFile: path.join(root, "meili-key"),
    binary: meiliBinary.path,
    persistent: false,
  });
  await applyMigrations(pg.url);
  await installJobQueue(pg.url);

  project.provide("pgAdminUrl", pg.adminUrl);
  project.provide("pgTemplate", TEMPLATE_DB);
  project.provide("meiliUrl", meili.url);
  project.provide("meiliKey", meili.masterKey);
  project.provide("meiliBinary", meiliBinary.path);
  process.env.NETTLE_TEST_PG_ADMIN_URL = pg.adminUrl;
  console.log(`test services ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  return async () => {
    await meili.stop();
    await pg.stop();
    rmSync(root, { recursive: true, force: true });
  };
}
