import crypto from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { resolveMeilisearchBinary, startEmbeddedMeilisearch } from "../../server/embedded/meilisearch";
import { startEmbeddedPostgres } from "../../server/embedded/postgres";
import { applyMigrations } from "../../server/migrate";
import { installJobQueue } from "../../server/queue";

// One real PostgreSQL and one real Meilisearch for the whole run. By default both are started
// on free ports in a throwaway folder. With DATABASE_URL / MEILI_URL set, the servers they
// point at are used instead (the database user needs CREATEDB): every database and index the
// run creates carries a random name and is removed afterwards. Each test file then gets its own
// database cloned from a migrated template, and its own index prefix (setup-each-file.ts).

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    meiliUrl: string;
    meiliKey: string;
    meiliBinary: string;
  }
}

const withDatabase = (url: string, database: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

export default async function setup(project: TestProject) {
  const started = performance.now();
  const root = mkdtempSync(path.join(tmpdir(), "nettle-test-"));
  const template = `nettle_template_${crypto.randomBytes(4).toString("hex")}`;
  const stops: (() => Promise<void>)[] = [];

  let adminUrl: string;
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${template}"`);
    await admin.end();
    stops.push(async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await client.end();
    });
  } else {
    const server = await startEmbeddedPostgres({ dataDir: path.join(root, "postgres"), database: template, persistent: false });
    adminUrl = server.adminUrl;
    stops.push(server.stop);
  }

  // The outbox tests stop and restart a Meilisearch of their own, so a binary is always needed.
  const binary = await resolveMeilisearchBinary({ env: process.env, cacheDir: path.join(tmpdir(), "nettle-meili-bin") });
  let meiliUrl: string;
  let meiliKey: string;
  if (process.env.MEILI_URL) {
    meiliUrl = process.env.MEILI_URL;
    meiliKey = process.env.MEILI_MASTER_KEY ?? "";
  } else {
    const meili = await startEmbeddedMeilisearch({
      dataDir: path.join(root, "meilisearch"),
      keyFile: path.join(root, "meili-key"),
      binary: binary.path,
      persistent: false,
    });
    meiliUrl = meili.url;
    meiliKey = meili.masterKey;
    stops.push(meili.stop);
  }

  const templateUrl = withDatabase(adminUrl, template);
  await applyMigrations(templateUrl);
  await installJobQueue(templateUrl);

  project.provide("pgAdminUrl", adminUrl);
  project.provide("pgTemplate", template);
  project.provide("meiliUrl", meiliUrl);
  project.provide("meiliKey", meiliKey);
  project.provide("meiliBinary", binary.path);
  process.env.NETTLE_TEST_PG_ADMIN_URL = adminUrl;
  const where = `${process.env.DATABASE_URL ? "DATABASE_URL" : "embedded PostgreSQL"}, ${process.env.MEILI_URL ? "MEILI_URL" : "embedded Meilisearch"}`;
  console.log(`test services ready in ${((performance.now() - started) / 1000).toFixed(1)} s (${where})`);

  return async () => {
    for (const stop of stops.reverse()) await stop();
    rmSync(root, { recursive: true, force: true });
  };
}
