// GitHub webhooks under load. Target: /webhooks/github answers p95 ≤ 50 ms at 50 deliveries
// a second.
//   npm run bench:github-webhooks -- [seconds] [per-second]
// Starts throwaway PostgreSQL + Meilisearch, makes 20 projects tracking a repository each,
// then starts Nettle's production web process (as `npm start` does) with a webhook secret.
// Sends open-loop (on a fixed schedule, never waiting for answers), each run `seconds` long:
//   0. one delivery at a time, unsigned and signed: the cost of one without queueing;
//   1. baseline: the same deliveries without a signature (rate limit counted, refused 401:
//      the route's floor on this machine at this moment);
//   2. real signed payloads from @octokit/webhooks-examples (push, release, issues,
//      pull_request), each about a tracked repository, with no worker running;
//   3. the worker is started (as `npm start` does) and drains them: how long it took;
//   4. signed deliveries again, now with the worker processing alongside, as in production.
// Answer times are measured from each request's scheduled time, so a stall is not hidden by
// sending later. Then the web and worker processes' memory.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import webhookExamples from "@octokit/webhooks-examples";
import { sign } from "@octokit/webhooks-methods";
import getPort from "get-port";
import { buildWebServer, WEB_ENTRY } from "../build-web";
import { percentile, startBenchServices } from "./services";

const SECONDS = Number(process.argv[2] ?? 20);
const RATE = Number(process.argv[3] ?? 50);
const SECRET = crypto.randomBytes(32).toString("hex");
const PROJECTS = 20;
// GitHub sends from several addresses (its "hooks" ranges); the per-address limit (600 a
// minute) is counted for each, as it would be behind a proxy Nettle is told to trust.
const SOURCES = ["192.30.252.10", "185.199.108.10", "140.82.112.10", "143.55.64.10"];

// Always built afresh: a build left from older code would measure that code.
{
  console.log("building the app…");
  const built = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (built.status !== 0) process.exit(1);
}
await buildWebServer();

const services = await startBenchServices();
const { seedReferenceData } = await import("~/models/platform/seed.server");
const { prisma } = await import("~/services/db.server");
const { childProcessEnv, WEB_NODE_FLAGS } = await import("../../server/process-env");
const { createProject } = await import("../../tests/factories");
await seedReferenceData();

const repositories: { id: number; owner: string; name: string }[] = [];
for (let i = 0; i < PROJECTS; i++) {
  const { project } = await createProject();
  const repo = { id: 700_000_000 + i, owner: `bench-team-${i}`, name: "civic-data" };
  await prisma.repository.create({
    data: {
      projectId: project.id,
      githubId: BigInt(repo.id),
      owner: repo.owner,
      name: repo.name,
      fullNameKey: `${repo.owner}/${repo.name}`,
      htmlUrl: `https://github.com/${repo.owner}/${repo.name}`,
      defaultBranch: "master",
      syncStatus: "ok",
      nextSyncAt: new Date(Date.now() + 86_400_000),
    },
  });
  repositories.push(repo);
}

type Payload = Record<string, unknown> & { repository: Record<string, unknown> };
const examples = (event: string, action?: string) =>
  ((webhookExamples.find((e) => e.name === event)?.examples ?? []) as unknown as Payload[]).filter(
    (p) => (action === undefined || p.action === action) && p.repository,
  );
const templates: { event: string; payload: Payload }[] = [
  ...examples("push").filter((p) => p.ref === "refs/heads/master").map((payload) => ({ event: "push", payload })),
  ...examples("release", "published").map((payload) => ({ event: "release", payload })),
  ...examples("issues", "opened").map((payload) => ({ event: "issues", payload })),
  ...examples("pull_request", "opened").map((payload) => ({ event: "pull_request", payload })),
];

/** The i-th delivery: a real payload about one of the tracked repositories, a distinct fact each. */
function delivery(i: number) {
  const template = templates[i % templates.length]!;
  const repo = repositories[i % repositories.length]!;
  const payload = structuredClone(template.payload);
  Object.assign(payload.repository, { id: repo.id, name: repo.name, full_name: `${repo.owner}/${repo.name}` });
  (payload.repository.owner as Record<string, unknown>).login = repo.owner;
  if (template.event === "push") payload.after = crypto.createHash("sha1").update(String(i)).digest("hex");
  if (template.event === "release") (payload.release as Record<string, unknown>).id = 1_000_000 + i;
  if (template.event === "issues") (payload.issue as Record<string, unknown>).number = 10_000 + i;
  if (template.event === "pull_request") (payload.pull_request as Record<string, unknown>).number = 10_000 + i;
  return { event: template.event, body: JSON.stringify(payload) };
}

const port = await getPort();
const env: NodeJS.ProcessEnv = {
  ...childProcessEnv(process.env),
  PORT: String(port),
  HOST: "127.0.0.1",
  NODE_ENV: "production" as const,
  LOG_LEVEL: "warn",
  TRUST_PROXY: "loopback",
  GITHUB_WEBHOOK_SECRET: SECRET,
};
const web = spawn(process.execPath, [...WEB_NODE_FLAGS, WEB_ENTRY], { env, stdio: ["ignore", "ignore", "inherit"] });
const base = `http://127.0.0.1:${port}`;
for (let tries = 0; ; tries++) {
  if (await fetch(`${base}/healthz`).then((r) => r.status < 500, () => false)) break;
  if (tries > 300) throw new Error("the web process did not start");
  await new Promise((resolve) => setTimeout(resolve, 100));
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function post(headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: "127.0.0.1", port, method: "POST", path: "/webhooks/github", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

/** Sends `count` requests at RATE a second on a fixed schedule; answer times from the schedule. */
async function openLoop(count: number, make: (i: number) => Promise<{ headers: Record<string, string>; body: string }>) {
  const made = await Promise.all(Array.from({ length: count }, (_, i) => make(i)));
  const times: number[] = [];
  const statuses = new Map<number, number>();
  const pending: Promise<void>[] = [];
  const start = performance.now() + 50;
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const { headers, body } = made[i]!;
    pending.push(
      post(headers, body).then((status) => {
        times.push(performance.now() - due);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
    );
  }
  await Promise.all(pending);
  const sorted = times.sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1)!, statuses, seconds: (performance.now() - start) / 1000 };
}

const count = SECONDS * RATE;
const headersFor = (i: number, event: string) => ({
  "content-type": "application/json",
  "user-agent": "GitHub-Hookshot/bench",
  "x-forwarded-for": SOURCES[i % SOURCES.length]!,
  "x-github-event": event,
  "x-github-delivery": crypto.randomUUID(),
});

const loadAtStart = os.loadavg().map((n) => n.toFixed(1)).join(" ");
// Warm up (JIT, connection pool), then clear the rate-limit counts it used.
await openLoop(RATE, async (i) => ({ headers: headersFor(i, "ping"), body: "{}" }));
await prisma.$executeRaw`DELETE FROM rate_limits`;

// One at a time (closed loop): what a delivery costs without queueing behind others.
async function oneAtATime(n: number, make: (i: number) => Promise<{ headers: Record<string, string>; body: string }>) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const { headers, body } = await make(i);
    const started = performance.now();
    await post(headers, body);
    times.push(performance.now() - started);
  }
  const sorted = times.sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}
const singleUnsigned = await oneAtATime(200, async (i) => ({ headers: headersFor(i, delivery(i).event), body: delivery(i).body }));
const singleSigned = await oneAtATime(200, async (i) => {
  const { event, body } = delivery(10_000_000 + i);
  return { headers: { ...headersFor(i, event), "x-hub-signature-256": await sign(SECRET, body) }, body };
});
await prisma.$executeRaw`DELETE FROM rate_limits`;

const baseline = await openLoop(count, async (i) => {
  const { event, body } = delivery(i);
  return { headers: headersFor(i, event), body };
});
await prisma.$executeRaw`DELETE FROM rate_limits`;

const signed = await openLoop(count, async (i) => {
  const { event, body } = delivery(i);
  return { headers: { ...headersFor(i, event), "x-hub-signature-256": await sign(SECRET, body) }, body };
});
await prisma.$executeRaw`DELETE FROM rate_limits`;

async function drain(since: number) {
  for (;;) {
    const waiting = await prisma.webhookDelivery.count({ where: { processedAt: null } });
    if (waiting === 0) return (performance.now() - since) / 1000;
    if (performance.now() - since > 600_000) throw new Error(`${waiting} deliveries still waiting after 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
const waitingAtStart = await prisma.webhookDelivery.count({ where: { processedAt: null } });
const workerStarted = performance.now();
const worker = spawn(process.execPath, ["--import", "tsx", "server/worker.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });
const drained = await drain(workerStarted);

const together = await openLoop(count, async (i) => {
  const { event, body } = delivery(count + i);
  return { headers: { ...headersFor(i, event), "x-hub-signature-256": await sign(SECRET, body) }, body };
});
const drainedAfter = await drain(performance.now());
const results = await prisma.webhookDelivery.groupBy({ by: ["result"], _count: true });
const entries = await prisma.projectEvent.count({ where: { source: "webhook" } });

const rss = (child: ChildProcess) => {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return NaN;
  }
};
const webRss = rss(web);
const workerRss = rss(worker);

const line = (label: string, r: Awaited<ReturnType<typeof openLoop>>) =>
  console.log(
    `${label.padEnd(34)} n=${count}  p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  max ${r.max.toFixed(1)} ms  answers ${[...r.statuses].map(([s, n]) => `${s}×${n}`).join(" ")}`,
  );
console.log(`\n${count} deliveries a run at ${RATE}/s for ${SECONDS} s, ${PROJECTS} tracked repositories`);
// Other work on the machine moves every number here; say how busy it was.
console.log(`machine: ${os.cpus().length} cores, load average at start ${loadAtStart}, at end ${os.loadavg().map((n) => n.toFixed(1)).join(" ")}`);
console.log(
  `0. one at a time (n=200): unsigned p50 ${singleUnsigned.p50.toFixed(1)} ms p95 ${singleUnsigned.p95.toFixed(1)} ms; ` +
    `signed p50 ${singleSigned.p50.toFixed(1)} ms p95 ${singleSigned.p95.toFixed(1)} ms`,
);
line("1. baseline: unsigned (401)", baseline);
line("2. signed, worker stopped (202)", signed);
line("4. signed, worker running (202)", together);
console.log(
  `p95 ratio to baseline: worker stopped ${(signed.p95 / baseline.p95).toFixed(2)}x, worker running ${(together.p95 / baseline.p95).toFixed(2)}x; ` +
    `target p95 ≤ 50 ms: ${signed.p95 <= 50 ? "met" : "missed"} (worker stopped), ${together.p95 <= 50 ? "met" : "missed"} (worker running)`,
);
const errors = [...signed.statuses, ...together.statuses].filter(([status]) => status !== 202).reduce((sum, [, n]) => sum + n, 0);
console.log(`errors (answers other than 202 to signed deliveries): ${errors}`);
console.log(
  `3. worker: ${waitingAtStart} waiting deliveries processed in ${drained.toFixed(1)} s from its start (${(waitingAtStart / drained).toFixed(0)}/s, process start included); ` +
    `run 4's last delivery processed ${drainedAfter.toFixed(1)} s after sending ended`,
);
console.log(`results ${results.map((r) => `${r.result}×${r._count}`).join(" ")}; ${entries} timeline entries from webhooks`);
console.log(`memory (RSS): web ${webRss} MB, worker ${workerRss} MB`);

agent.destroy();
const children: ChildProcess[] = [web, worker];
for (const child of children) child.kill("SIGTERM");
await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)))));
await prisma.$disconnect();
await services.stop();
