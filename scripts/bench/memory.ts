// How much memory does the web process hold? Target: 300 MB or less, steady, after sign-ins
// and page views.
//   npx tsx scripts/bench/memory.ts [sign-ins] [page views]
// Starts the production web process the way `npm start` does (compiled server, heap limit,
// MALLOC_ARENA_MAX) against a real PostgreSQL and Meilisearch, and prints its resident memory
// (RSS from /proc) when idle, after N sign-ins (argon2id, 19 MiB each; one in five with a wrong
// password) and after M page views (signed in, several pages), then 10 s later. Baseline in the
// same process: the same load on the web process started as it was before these settings
// (`node --import tsx server/index.ts`, Node's and glibc's defaults).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import getPort from "get-port";
import { buildWebServer, WEB_ENTRY } from "../build-web";
import { startBenchServices } from "./services";

const signIns = Number(process.argv[2] ?? 1000);
const pageViews = Number(process.argv[3] ?? 10_000);
const CONCURRENCY = 8;
const USERS = 150;
const PASSWORD = "kettle orbit meadow";

if (!existsSync("build/server/index.js")) {
  console.log("building the app first…");
  const built = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (built.status !== 0) process.exit(1);
}
await buildWebServer();

const services = await startBenchServices();
const { seedReferenceData } = await import("~/models/platform/seed.server");
const { applySearchSettings } = await import("~/models/platform/search-reindex.server");
const { prisma } = await import("~/services/db.server");
const { hashPassword } = await import("~/services/password.server");
const { childProcessEnv, WEB_NODE_FLAGS } = await import("../../server/process-env");
const { fillEmptyIndexes } = await import("~/models/platform/search-reindex.server");
await seedReferenceData();
await applySearchSettings();
await fillEmptyIndexes();
const passwordHash = await hashPassword(PASSWORD);
await prisma.user.createMany({
  data: Array.from({ length: USERS }, (_, i) => ({
    email: `reader-${i}@bench.example`,
    displayName: `Reader ${i}`,
    passwordHash,
    emailVerifiedAt: new Date(),
  })),
});
const slugs = (await prisma.organisation.findMany({ select: { slug: true }, take: 50, orderBy: { name: "asc" } })).map((o) => o.slug);

const rssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
};

async function inParallel(count: number, work: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

async function measure(label: string, argv: string[], env: NodeJS.ProcessEnv) {
  await prisma.$executeRaw`DELETE FROM rate_limits`;
  const port = await getPort();
  const child = spawn(process.execPath, argv, {
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", LOG_LEVEL: "warn", TRUST_PROXY: "loopback" },
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) break;
    if (tries > 300) throw new Error("the web process did not start");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await fetch(`${base}/`).then((r) => r.text());
  const pid = child.pid!;
  const idle = rssMb(pid);

  const cookies: string[] = [];
  let refused = 0;
  await inParallel(signIns, async (i) => {
    const right = i % 5 !== 4; // one in five mistyped
    const response = await fetch(`${base}/signin`, {
      method: "POST",
      redirect: "manual",
      // Behind a trusted proxy, a few sign-ins from each of many addresses (rate limits stay out of the way).
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `198.18.${i >> 4}.${i & 15}` },
      body: new URLSearchParams({ email: `reader-${i % USERS}@bench.example`, password: right ? PASSWORD : "not the password" }),
    });
    await response.arrayBuffer();
    if (response.status === 302) cookies.push(response.headers.get("set-cookie")!.split(";")[0]!);
    else if (right || response.status !== 400) refused++;
  });
  const afterSignIns = rssMb(pid);

  const pages = ["/", "/organisations", "/challenges", "/about", "/organisations?q=leeds", "/account", "/challenges?q=flood"];
  let failed = 0;
  await inParallel(pageViews, async (i) => {
    const page = i % 4 === 0 ? `/organisations/${slugs[i % slugs.length]}` : pages[i % pages.length]!;
    const response = await fetch(`${base}${page}`, { headers: { cookie: cookies[i % cookies.length] ?? "" }, redirect: "manual" });
    await response.arrayBuffer();
    if (response.status >= 400) failed++;
  });
  const afterPages = rssMb(pid);
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const settled = rssMb(pid);

  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
  const line = (name: string, mb: number) => `${name} ${mb.toFixed(0).padStart(4)} MB`;
  console.log(
    `${label.padEnd(40)} ${line("idle", idle)}  ${line(`after ${signIns} sign-ins`, afterSignIns)}  ${line(`after ${pageViews} page views`, afterPages)}  ${line("10 s later", settled)}` +
      (refused || failed ? `  (${refused} sign-ins and ${failed} pages answered unexpectedly)` : ""),
  );
  return { idle, afterSignIns, afterPages, settled };
}

console.log(`web process RSS, ${signIns} sign-ins (1 in 5 mistyped) then ${pageViews} page views, ${CONCURRENCY} at a time`);
const tuned = await measure("as npm start runs it", [...WEB_NODE_FLAGS, WEB_ENTRY], childProcessEnv(process.env));
const before = { ...process.env };
delete before.MALLOC_ARENA_MAX;
const defaults = await measure("baseline: tsx, Node and glibc defaults", ["--import", "tsx", "server/index.ts"], before);
const peak = Math.max(tuned.afterSignIns, tuned.afterPages, tuned.settled);
console.log(
  `ratio settled / idle ${(tuned.settled / tuned.idle).toFixed(2)}x; settled vs baseline ${(tuned.settled / defaults.settled).toFixed(2)}x`,
);
console.log(`target ≤ 300 MB steady: ${tuned.settled <= 300 ? "met" : "NOT met"} (peak ${peak.toFixed(0)} MB)`);

await prisma.$disconnect();
await services.stop();
