// How long after a write commits is it searchable? Target: under 2 s (p95).
//   npx tsx scripts/bench/search-freshness.ts [rounds]
// Measures a create and an edit going through the real path (transaction + outbox row +
// graphile-worker job + drain + Meilisearch task), and as a baseline in the same process the
// floor: pushing the same document straight to Meilisearch and waiting for its task.
import { Logger, run } from "graphile-worker";
import { startBenchServices, summarise } from "./services";

const rounds = Number(process.argv[2] ?? 40);
const services = await startBenchServices();
const { taskList, crontab } = await import("~/jobs/index");
const { applySearchSettings } = await import("~/models/platform/search-reindex.server");
const { createOrganisation, updateOrganisation } = await import("~/models/organisations/organisation.server");
const { seedReferenceData } = await import("~/models/platform/seed.server");
const { drainSearchOutbox } = await import("~/models/platform/search-outbox.server");
const { getSearch } = await import("~/services/search.server");
const { prisma } = await import("~/services/db.server");

const search = getSearch();
await applySearchSettings(undefined, undefined, search);
await seedReferenceData();
await drainSearchOutbox();
// Organisations are added by platform administrators: the bench acts as one.
const benchAdmin = await prisma.user.upsert({
  where: { email: "bench-admin@example.org" },
  create: { email: "bench-admin@example.org", displayName: "Bench admin", isAdmin: true, emailVerifiedAt: new Date() },
  update: {},
});
const admin = { ...benchAdmin, sessionId: "bench" };
const index = search.index("organisations");
const runner = await run({
  connectionString: process.env.DATABASE_URL,
  concurrency: 4,
  noHandleSignals: true,
  pollInterval: 2_000,
  taskList,
  crontab,
  logger: new Logger(() => () => {}),
});

async function until(check: () => Promise<boolean>) {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > 30_000) throw new Error("not searchable after 30 s");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const creates: number[] = [];
const edits: number[] = [];
const baseline: number[] = [];
for (let i = 0; i < rounds; i++) {
  const name = `Freshness Trust ${i} ${Math.random().toString(36).slice(2, 8)}`;
  let t = performance.now();
  const org = await createOrganisation(admin, { name, kind: "community" });
  await until(async () => (await index.getDocument(org.id).then(() => true).catch(() => false)));
  creates.push(performance.now() - t);

  t = performance.now();
  await updateOrganisation(admin, org.id, { name: `${name} renamed` });
  await until(async () => ((await index.getDocument(org.id)) as { name: string }).name.endsWith("renamed"));
  edits.push(performance.now() - t);

  t = performance.now();
  const task = await index.addDocuments([{ id: `baseline-${i}`, name, kind: "community" }]).waitTask({ interval: 10 });
  if (task.status !== "succeeded") throw new Error("baseline push failed");
  baseline.push(performance.now() - t);
}

console.log(`search freshness, ${rounds} rounds, 397 councils indexed (Meilisearch with 256 MiB indexing cap)`);
const c = summarise("create → searchable (outbox + worker)", creates);
const e = summarise("edit → searchable (outbox + worker)", edits);
const b = summarise("baseline: direct push + wait (same doc)", baseline);
console.log(`ratio p50 create/baseline ${(c.p50 / b.p50).toFixed(2)}x, edit/baseline ${(e.p50 / b.p50).toFixed(2)}x`);
console.log(`target p95 < 2000 ms: ${Math.max(c.p95, e.p95) < 2000 ? "met" : "NOT met"}`);

await runner.stop();
await prisma.$disconnect();
await services.stop();
