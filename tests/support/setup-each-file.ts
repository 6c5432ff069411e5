import crypto from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, inject } from "vitest";

// Runs before each test file is imported: gives the file its own database (a copy of the
// migrated template) and its own Meilisearch index prefix, then removes both afterwards.
// It also fails any test during which pg warns that a query was sent on a connection that was
// still answering another (two queries at once in one transaction): pg 9 makes that an error.

const id = `t${crypto.randomBytes(5).toString("hex")}`;
const adminUrl = inject("pgAdminUrl");
const databaseUrl = new URL(adminUrl);
databaseUrl.pathname = `/${id}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${id}" TEMPLATE "${inject("pgTemplate")}"`);
await admin.end();

process.env.NODE_ENV = "test";
process.env.DATABASE_URL = databaseUrl.toString();
process.env.DATABASE_POOL_SIZE = "4";
process.env.MEILI_URL = inject("meiliUrl");
process.env.MEILI_MASTER_KEY = inject("meiliKey");
process.env.MEILI_INDEX_PREFIX = `${id}_`;
process.env.NETTLE_TEST_PG_ADMIN_URL = adminUrl;

const CONCURRENT_QUERY = "already executing a query";
const concurrentQueries: string[] = [];
process.on("warning", (warning) => {
  if (warning.name === "DeprecationWarning" && warning.message.includes(CONCURRENT_QUERY)) {
    concurrentQueries.push(warning.message);
  }
});
function failOnConcurrentQueries() {
  // pg emits the warning on the next tick after the query that caused it.
  return new Promise<void>((resolve, reject) =>
    setImmediate(() => {
      if (concurrentQueries.length === 0) return resolve();
      reject(new Error(`pg: two queries at once on one connection (in a transaction?): ${concurrentQueries.splice(0).join("; ")}`));
    }),
  );
}
afterEach(failOnConcurrentQueries);

afterAll(async () => {
  const { prisma } = await import("~/services/db.server");
  await prisma.$disconnect();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${id}" WITH (FORCE)`);
  await client.end();
  const headers = { authorization: `Bearer ${inject("meiliKey")}`, "accept-encoding": "identity" };
  const response = await fetch(`${inject("meiliUrl")}/indexes?limit=1000`, { headers }).catch(() => null);
  if (response?.ok) {
    const { results } = (await response.json()) as { results: { uid: string }[] };
    await Promise.all(
      results
        .filter((index) => index.uid.startsWith(`${id}_`))
        .map((index) => fetch(`${inject("meiliUrl")}/indexes/${index.uid}`, { method: "DELETE", headers })),
    );
  }
  await failOnConcurrentQueries();
});
