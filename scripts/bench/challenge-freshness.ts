// How soon is a published or edited challenge searchable? Target: within 2 s.
//   npx tsx scripts/bench/challenge-freshness.ts [rounds]
// Publishes challenges through the real lifecycle (submit → approve: transaction + outbox +
// graphile-worker job + drain) and edits them (recordEdit), timing until Meilisearch returns
// the new state; baseline in the same process: the same document pushed straight to
// Meilisearch and waited for.
import { Logger, run } from "graphile-worker";
import { startBenchServices, summarise } from "./services";

const rounds = Number(process.argv[2] ?? 30);
const services = await startBenchServices();
const { taskList, crontab } = await import("~/jobs/index");
const { applySearchSettings } = await import("~/models/platform/search-reindex.server");
const { seedReferenceData } = await import("~/models/platform/seed.server");
const { createDraft, transitionChallenge, recordEdit } = await import("~/models/challenges/lifecycle.server");
const { drainSearchOutbox } = await import("~/models/platform/search-outbox.server");
const { getSearch } = await import("~/services/search.server");
const { prisma } = await import("~/services/db.server");
const { getUser } = await import("~/services/auth.server");
const { createSession } = await import("~/services/session.server");

const search = getSearch();
await applySearchSettings(undefined, undefined, search);
await seedReferenceData();
await drainSearchOutbox();

const council = await prisma.organisation.update({ where: { localAuthorityCode: "LDS" }, data: { verifiedAt: new Date() } });
const hub = await prisma.organisation.create({ data: { slug: "bench-hub", name: "Bench Hub", kind: "hub", servesRegions: [council.region!] } });
async function userWith(email: string, organisationId: string) {
  const user = await prisma.user.create({ data: { email, displayName: email, emailVerifiedAt: new Date() } });
  await prisma.membership.create({ data: { userId: user.id, organisationId, role: "owner" } });
  const cookie = (await createSession(user.id, new Request("http://bench/"))).split(";")[0]!;
  return (await getUser(new Request("http://bench/", { headers: { cookie } })))!;
}
const officer = await userWith("officer@bench.example", council.id);
const organiser = await userWith("organiser@bench.example", hub.id);
const theme = await prisma.theme.findFirstOrThrow();
const skill = await prisma.skill.findFirstOrThrow({ where: { slug: "geospatial-analysis" } });

const runner = await run({
  connectionString: process.env.DATABASE_URL,
  concurrency: 4,
  noHandleSignals: true,
  taskList,
  crontab,
  logger: new Logger(() => () => {}),
});
const index = search.index("challenges");

async function until(check: () => Promise<boolean>) {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > 30_000) throw new Error("not searchable after 30 s");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const published: number[] = [];
const edited: number[] = [];
const baseline: number[] = [];
for (let i = 0; i < rounds; i++) {
  const { id } = await createDraft(officer, council.id);
  const title = `Flood risk mapping ${i} ${Math.random().toString(36).slice(2, 7)}`;
  await prisma.challenge.update({
    where: { id },
    data: {
      title,
      problem: "Which streets flood first after heavy rain?",
      whyItMatters: "Residents lose homes.",
      outcomeWanted: "A map.",
      successMeasures: "Used by the drainage team.",
      contactName: "Olu",
      contactEmail: "olu@bench.example",
      themes: { create: { themeId: theme.id } },
      skills: { create: { skillId: skill.id, importance: "essential" } },
    },
  });
  await transitionChallenge(officer, id, "submit");
  let t = performance.now();
  await transitionChallenge(organiser, id, "approve");
  await until(async () => index.getDocument(id).then(() => true, () => false));
  published.push(performance.now() - t);

  t = performance.now();
  await prisma.$transaction(async (tx) => {
    await tx.challenge.update({ where: { id }, data: { title: `${title} (revised)` } });
    await recordEdit(tx, officer, { id, status: "open", title, organisationId: council.id }, { title: { from: title, to: `${title} (revised)` } });
  });
  await until(async () => ((await index.getDocument(id)) as { title: string }).title.endsWith("(revised)"));
  edited.push(performance.now() - t);

  t = performance.now();
  const doc = await index.getDocument(id);
  const task = await index.addDocuments([{ ...doc, id: `baseline-${i}` }]).waitTask({ interval: 10 });
  if (task.status !== "succeeded") throw new Error("baseline push failed");
  baseline.push(performance.now() - t);
}

console.log(`challenge freshness, ${rounds} rounds`);
const p = summarise("approve → searchable (outbox + worker)", published);
const e = summarise("edit → searchable (outbox + worker)", edited);
const b = summarise("baseline: direct push + wait (same doc)", baseline);
console.log(`ratio p50 approve/baseline ${(p.p50 / b.p50).toFixed(2)}x, edit/baseline ${(e.p50 / b.p50).toFixed(2)}x`);
console.log(`target p95 < 2000 ms: ${Math.max(p.p95, e.p95) < 2000 ? "met" : "NOT met"}`);
await runner.stop();
await prisma.$disconnect();
await services.stop();
