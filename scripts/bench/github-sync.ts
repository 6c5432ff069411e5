// What it costs to keep 1,000 repositories in sync. Targets: a warm re-sync of unchanged
// repositories costs 0 rate-limited requests; a cold sync makes ≤ 4 requests per repository.
//   npm run bench:github-sync [-- repositories]
// Starts the local fake GitHub (tests/mocks/github-api.ts: ETags, 304s that cost nothing,
// Link pages, x-ratelimit headers) with a varied set of repositories, tracks each in a fresh
// database (bulk insert), and runs the real scheduled sync (syncDueRepositories) cold, warm,
// and warm after 5% of the repositories were pushed to. Baseline in the same process: a naive
// sync that asks every endpoint without validators each time (as DemocracyLab-style polling
// does). Prints requests made, requests that cost rate limit, requests per repository,
// repositories per second and this process's memory (it is the worker here).
import { startBenchServices } from "./services";
import { FakeGitHubApi, fakeRepo, type FakeRepo } from "../../tests/mocks/github-api";

const count = Number(process.argv[2] ?? 1000);
const services = await startBenchServices();
const github = await new FakeGitHubApi().start();
// An App installation's limit: 1,000 cold syncs at 4 requests would leave a token's 5,000 at
// the reserve, which is what the reserve is for, but not what this measures.
github.limit = github.remaining = 15_000;
process.env.GITHUB_API_URL = github.url;

const { seedReferenceData } = await import("~/models/platform/seed.server");
const { prisma } = await import("~/services/db.server");
const { syncDueRepositories } = await import("~/models/repositories/sync.server");
const { gitHubClient } = await import("~/services/github.server");

await seedReferenceData();
const council = await prisma.organisation.findFirstOrThrow({ where: { localAuthorityCode: "LDS" } });
const challenge = await prisma.challenge.create({
  data: { slug: "bench-challenge", organisationId: council.id, status: "in_progress", title: "Bench challenge", problem: "Bench" },
});

// A varied population: most hub projects are young and small; some older, busier, with
// issues, pull requests, releases, no README, or more than 100 commits in 12 weeks.
const DAY = 86_400_000;
const now = Date.now();
const repos: FakeRepo[] = [];
for (let i = 0; i < count; i++) {
  const old = i % 10 === 0;
  const busy = i % 50 === 7;
  const commitCount = busy ? 150 + (i % 120) : 1 + (i % 25);
  const commits = Array.from({ length: commitCount }, (_, c) => ({
    sha: `${i.toString(16).padStart(8, "0")}${c.toString(16).padStart(32, "0")}`,
    date: new Date(now - (c + 1) * (busy ? 6 : 60) * 3_600_000 - (i % 7) * DAY),
    message: `Commit ${commitCount - c} of repo ${i}`,
    login: `person${(i + c) % 4}`,
  }));
  const repo = fakeRepo("bench-hub", `project-${i}`, {
    commits,
    createdAt: new Date(now - (old ? 400 : 20 + (i % 50)) * DAY),
    openIssues: i % 7 === 0 ? 1 + (i % 5) : 0,
    openPulls: i % 14 === 0 ? 1 + (i % 3) : 0,
    releases: i % 10 === 3 ? [{ id: 10_000 + i, tag: "v1.0.0", name: "First", publishedAt: new Date(now - 3 * DAY) }] : [],
    readme: i % 20 === 5 ? null : `# Project ${i}\n\n## Getting started\n\nRun it.\n`,
    ...(old ? { contributors: Array.from({ length: 12 + (i % 40) }, (_, c) => ({ login: `person${c}`, contributions: 50 - c })) } : {}),
  });
  repos.push(github.add(repo));
}

await prisma.project.createMany({
  data: repos.map((_, i) => ({ id: `bench-project-${i}`, slug: `bench-project-${i}`, challengeId: challenge.id, title: `Project ${i}` })),
});
await prisma.repository.createMany({
  data: repos.map((repo, i) => ({
    projectId: `bench-project-${i}`,
    githubId: BigInt(repo.id),
    owner: repo.owner,
    name: repo.name,
    fullNameKey: `${repo.owner}/${repo.name}`.toLowerCase(),
    htmlUrl: `https://github.com/${repo.owner}/${repo.name}`,
    nextSyncAt: new Date(now - 1000),
  })),
});

function memory() {
  const { rss, heapUsed } = process.memoryUsage();
  return `RSS ${(rss / 2 ** 20).toFixed(0)} MiB, heap ${(heapUsed / 2 ** 20).toFixed(0)} MiB`;
}

async function measure(label: string, work: () => Promise<unknown>) {
  const requestsBefore = github.requests.length;
  const costedBefore = github.costed;
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  const requests = github.requests.length - requestsBefore;
  const costed = github.costed - costedBefore;
  console.log(
    `${label.padEnd(40)} ${String(requests).padStart(6)} requests (${(requests / count).toFixed(2)}/repo), ` +
      `${String(costed).padStart(5)} cost rate limit (${(costed / count).toFixed(2)}/repo), ` +
      `${(count / seconds).toFixed(0)} repos/s, ${seconds.toFixed(1)} s, ${memory()}`,
  );
  return { requests, costed, seconds };
}

async function allDue() {
  await prisma.repository.updateMany({ data: { nextSyncAt: new Date(Date.now() - 1000) } });
}

async function scheduledSync() {
  for (;;) {
    const run = await syncDueRepositories({ batch: 250, concurrency: 8 });
    if (run.looked === 0 || run.stoppedUntil) break;
  }
}

// Baseline: every endpoint, no validators, every time.
const naiveClient = await gitHubClient();
async function naiveSync() {
  const limit = (await import("p-limit")).default(8);
  await Promise.all(
    repos.map((repo) =>
      limit(async () => {
        const p = { owner: repo.owner, repo: repo.name };
        await naiveClient.request("GET /repos/{owner}/{repo}", p);
        await naiveClient.paginate("GET /repos/{owner}/{repo}/commits", { ...p, since: new Date(now - 84 * DAY).toISOString(), per_page: 100 });
        await naiveClient.request("GET /repos/{owner}/{repo}/readme", p).catch(() => null);
        await naiveClient.request("GET /repos/{owner}/{repo}/contributors", { ...p, per_page: 30 });
        await naiveClient.request("GET /repos/{owner}/{repo}/pulls", { ...p, state: "open", per_page: 1 });
        await naiveClient.request("GET /repos/{owner}/{repo}/releases/latest", p).catch(() => null);
      }),
    ),
  );
}

console.log(`github sync, ${count} tracked repositories against the local fake GitHub (${memory()} before)`);
const naive = await measure("baseline: naive sync (no validators)", naiveSync);
const cold = await measure("cold sync (first time)", scheduledSync);
await allDue();
const warm = await measure("warm re-sync, nothing changed", scheduledSync);
for (const repo of repos.filter((_, i) => i % 20 === 0)) github.push(repo, "A new commit");
await allDue();
const pushed = await measure("warm re-sync, 5% pushed to", scheduledSync);

const failed = await prisma.repository.count({ where: { syncStatus: { not: "ok" } } });
console.log(`repositories not synced ok: ${failed}`);
console.log(
  `ratios vs naive: cold ${(cold.requests / naive.requests).toFixed(2)}x requests, warm ${(warm.costed / naive.costed).toFixed(2)}x rate-limit cost, ` +
    `warm speed ${(naive.seconds / warm.seconds).toFixed(1)}x faster`,
);
console.log(`target warm re-sync costs 0 rate-limited requests: ${warm.costed === 0 ? "met" : `missed (${warm.costed})`}`);
console.log(`target cold sync ≤ 4 requests per repo: ${cold.requests / count <= 4 ? "met" : "missed"} (${(cold.requests / count).toFixed(2)})`);
console.log(`(after 5% pushed: ${(pushed.costed / (count / 20)).toFixed(1)} costed requests per changed repository)`);

await github.stop();
await prisma.$disconnect();
await services.stop();
process.exit(0);
