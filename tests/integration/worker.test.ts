import { run, Logger, type Runner } from "graphile-worker";
import { afterAll, beforeAll, expect, test } from "vitest";
import { crontab, taskList } from "~/jobs/index";
import { createOrganisation, updateOrganisation } from "~/models/organisations/organisation.server";
import { prisma } from "~/services/db.server";
import { getSearch } from "~/services/search.server";
import { applySearchSettings } from "~/models/platform/search-reindex.server";
import type { Actor } from "~/models/platform/actor";
import { makeUser } from "../support/world";

// The worker, as `npm start` runs it, picks up search changes on its own once they commit.

let runners: Runner[] = [];
let admin: Actor;

beforeAll(async () => {
  admin = { ...(await makeUser("admin@example.org", { isAdmin: true })), sessionId: "" };
  await applySearchSettings(["organisations"]);
  // Two workers on one database, as in a scaled-out deployment.
  runners = await Promise.all(
    [1, 2].map(() =>
      run({
        connectionString: process.env.DATABASE_URL,
        concurrency: 2,
        noHandleSignals: true,
        pollInterval: 500,
        taskList,
        crontab,
        logger: new Logger(() => () => {}),
      }),
    ),
  );
});

afterAll(async () => {
  await Promise.all(runners.map((runner) => runner.stop()));
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting for the worker");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test("a committed change becomes searchable without anyone draining by hand", async () => {
  const org = await createOrganisation(admin, { name: "Lowland Data Cooperative", kind: "community" });
  const hit = await waitFor(async () => {
    const { hits } = await getSearch().index("organisations").search("lowland cooperative");
    return hits.find((h) => h.id === org.id);
  });
  expect(hit.name).toBe("Lowland Data Cooperative");

  await updateOrganisation(admin, org.id, { name: "Lowland Data Co-operative" });
  await waitFor(async () => {
    const { hits } = await getSearch().index("organisations").search("co-operative");
    return hits.find((h) => h.id === org.id && h.name === "Lowland Data Co-operative");
  });
});

test("many changes at once are each pushed exactly as the database has them", async () => {
  const orgs = await Promise.all(
    Array.from({ length: 30 }, (_, i) => createOrganisation(admin, { name: `Parish Data Group ${i + 1}`, kind: "community" })),
  );
  await waitFor(async () => ((await prisma.searchOutbox.count({ where: { processedAt: null } })) === 0 ? true : undefined));
  const { results } = await getSearch()
    .index("organisations")
    .getDocuments({ limit: 1000, fields: ["id", "name"] });
  const indexed = new Map(results.map((doc) => [doc.id, doc.name]));
  for (const org of orgs) expect(indexed.get(org.id)).toBe(org.name);
});
