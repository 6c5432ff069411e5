import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { syncDueRepositories, syncRepository, type CommitWeek } from "~/models/repositories/sync.server";
import { loader as healthLoader } from "~/routes/healthz";
import { prisma } from "~/services/db.server";
import { createProject } from "../factories";
import { FakeGitHubApi, fakeRepo, type FakeRepo } from "../mocks/github-api";

// The sync against the local fake GitHub: what a cold sync reads and costs, that an unchanged
// repository costs no rate limit (304 to the stored ETag, quotes and W/ kept), failures and
// how they are told to the team, renames, and the scheduled sync catching a push no webhook
// told us about.

const github = new FakeGitHubApi();

beforeAll(async () => {
  await github.start();
  process.env.GITHUB_API_URL = github.url;
});
afterAll(async () => {
  delete process.env.GITHUB_API_URL;
  await github.stop();
});
beforeEach(async () => {
  await prisma.gitHubRateLimit.deleteMany();
  github.remaining = github.limit;
});

/** A project whose lead linked `repo` (stored as linking stores it, before any sync). */
async function tracked(repo: FakeRepo) {
  github.add(repo);
  const { project } = await createProject();
  const row = await prisma.repository.create({
    data: {
      projectId: project.id,
      githubId: BigInt(repo.id),
      owner: repo.owner,
      name: repo.name,
      fullNameKey: `${repo.owner}/${repo.name}`.toLowerCase(),
      htmlUrl: `https://github.com/${repo.owner}/${repo.name}`,
    },
  });
  return { project, row };
}

function requestsDuring<T>(work: () => Promise<T>) {
  const before = github.requests.length;
  return work().then((value) => ({ value, requests: github.requests.slice(before) }));
}

const DAY = 86_400_000;

describe("a cold sync", () => {
  test("reads the repository's facts in 4 requests: commits per week, last commit, README with links made absolute, contributors, release; the timeline gets the push and the release", async () => {
    const now = new Date();
    const repo = fakeRepo("leeds-data", "bin-routes", {
      commits: [
        { sha: "c".repeat(40), date: new Date(now.getTime() - 2 * 60_000), message: "Add the ward map\n\nDetails", login: "ada" },
        { sha: "b".repeat(40), date: new Date(now.getTime() - 8 * DAY), message: "Clean the bins data", login: "grace" },
        { sha: "a".repeat(40), date: new Date(now.getTime() - 9 * DAY), message: "Start", login: "ada" },
      ],
      readme: "# Bin routes\n\nRead [the guide](docs/guide.md), see ![map](img/map.png) and [below](#install).\n\n<script>alert(1)</script>\n\n## Installation\n\nRun `npm start`.\n",
      releases: [{ id: 4242, tag: "v1.0.0", name: "First release", publishedAt: new Date(now.getTime() - DAY) }],
      createdAt: new Date(now.getTime() - 10 * DAY),
    });
    const { project, row } = await tracked(repo);
    const { value, requests } = await requestsDuring(() => syncRepository(row.id, { now }));
    expect(value).toBe("synced");
    expect(requests.map((r) => r.path.split("?")[0])).toEqual([
      "/repos/leeds-data/bin-routes",
      "/repos/leeds-data/bin-routes/commits",
      "/repos/leeds-data/bin-routes/readme",
      "/repos/leeds-data/bin-routes/releases/latest",
    ]);
    const stored = await prisma.repository.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({
      description: "bin-routes for the council",
      topics: ["open-data"],
      licenceSpdx: "MIT",
      licenceName: "MIT License",
      defaultBranch: "main",
      lastCommitSha: "c".repeat(40),
      lastCommitMessage: "Add the ward map",
      contributorCount: 2,
      openIssues: 0,
      openPullRequests: 0,
      latestReleaseTag: "v1.0.0",
      readmeHasReuse: true,
      syncStatus: "ok",
      syncError: null,
    });
    expect(stored.contributors).toEqual([
      { login: "ada", contributions: 2, url: "https://github.com/ada" },
      { login: "grace", contributions: 1, url: "https://github.com/grace" },
    ]);
    const weeks = stored.commitWeeks as unknown as CommitWeek[];
    expect(weeks).toHaveLength(12);
    expect(weeks.reduce((sum, w) => sum + w.commits, 0)).toBe(3);
    expect(weeks.at(-1)!.commits).toBeGreaterThanOrEqual(1);
    expect(stored.readmeHtml).toContain('href="https://github.com/leeds-data/bin-routes/blob/main/docs/guide.md"');
    expect(stored.readmeHtml).toContain('href="https://github.com/leeds-data/bin-routes#install"');
    expect(stored.readmeHtml).not.toContain("<script");
    expect(stored.nextSyncAt.getTime() - now.getTime()).toBe(3_600_000); // active: again in an hour

    const events = await prisma.projectEvent.findMany({ where: { projectId: project.id, source: "sync" }, orderBy: { occurredAt: "asc" } });
    expect(events.map((e) => [e.kind, e.title, e.dedupeKey])).toEqual([
      ["release", "First release released", "release:4242"],
      ["push", "3 commits to main", `head:${"c".repeat(40)}`],
    ]);
    expect((await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).stage).not.toBe("forming");
  });

  test("an older repository with open issues also asks for contributors and open pull requests", async () => {
    const now = new Date();
    const contributors = Array.from({ length: 45 }, (_, i) => ({ login: `person${i}`, contributions: 100 - i }));
    const repo = fakeRepo("leeds-data", "old-project", { createdAt: new Date(now.getTime() - 400 * DAY), contributors, openIssues: 4, openPulls: 3 });
    const { row } = await tracked(repo);
    const { requests } = await requestsDuring(() => syncRepository(row.id, { now }));
    expect(requests.map((r) => r.path.split("?")[0])).toEqual([
      "/repos/leeds-data/old-project",
      "/repos/leeds-data/old-project/commits",
      "/repos/leeds-data/old-project/contributors",
      "/repos/leeds-data/old-project/readme",
      "/repos/leeds-data/old-project/pulls",
      "/repos/leeds-data/old-project/releases/latest",
    ]);
    const stored = await prisma.repository.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored).toMatchObject({ contributorCount: 45, openIssues: 4, openPullRequests: 3, latestReleaseTag: null });
    expect((stored.contributors as unknown[]).length).toBe(30);
  });

  test("more than 100 contributors are counted from the Link header's last page", async () => {
    const now = new Date();
    const contributors = Array.from({ length: 234 }, (_, i) => ({ login: `person${i}`, contributions: 1000 - i }));
    const { row } = await tracked(fakeRepo("leeds-data", "popular", { createdAt: new Date(now.getTime() - 400 * DAY), contributors }));
    const { requests } = await requestsDuring(() => syncRepository(row.id, { now }));
    expect(requests.filter((r) => r.path.includes("/contributors")).map((r) => new URL(r.path, github.url).searchParams.get("page"))).toEqual([null, "3"]);
    const stored = await prisma.repository.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.contributorCount).toBe(234);
    expect((stored.contributors as { login: string }[]).slice(0, 2).map((c) => c.login)).toEqual(["person0", "person1"]);
  });

  test("commits over several pages are all counted (pagination by the Link header)", async () => {
    const now = new Date();
    const commits = Array.from({ length: 230 }, (_, i) => ({
      sha: i.toString(16).padStart(40, "0"),
      date: new Date(now.getTime() - i * 3_600_000),
      message: `Commit ${230 - i}`,
      login: "ada",
    }));
    const { row } = await tracked(fakeRepo("leeds-data", "busy-project", { commits, createdAt: new Date(now.getTime() - 30 * DAY) }));
    const { requests } = await requestsDuring(() => syncRepository(row.id, { now }));
    expect(requests.filter((r) => r.path.includes("/commits")).map((r) => new URL(r.path, github.url).searchParams.get("page"))).toEqual([null, "2", "3"]);
    const weeks = (await prisma.repository.findUniqueOrThrow({ where: { id: row.id } })).commitWeeks as unknown as CommitWeek[];
    expect(weeks.reduce((sum, w) => sum + w.commits, 0)).toBe(230);
  });
});

describe("a warm re-sync", () => {
  test("an unchanged repository is one 304 to the stored ETag, sent with its quotes and W/, and costs no rate limit", async () => {
    const { row } = await tracked(fakeRepo("leeds-data", "quiet"));
    await syncRepository(row.id);
    const stored = await prisma.repositoryConditional.findUniqueOrThrow({ where: { repositoryId_endpoint: { repositoryId: row.id, endpoint: "repo" } } });
    expect(stored.etag).toMatch(/^W\/"[0-9a-f]{64}"$/);
    const remainingBefore = (await prisma.gitHubRateLimit.findUniqueOrThrow({ where: { resource: "core" } })).remaining;
    const costedBefore = github.costed;

    const { value, requests } = await requestsDuring(() => syncRepository(row.id));
    expect(value).toBe("unchanged");
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ path: "/repos/leeds-data/quiet", status: 304, ifNoneMatch: stored.etag });
    expect(github.costed).toBe(costedBefore);
    expect((await prisma.gitHubRateLimit.findUniqueOrThrow({ where: { resource: "core" } })).remaining).toBe(remainingBefore);
    expect((await prisma.repository.findUniqueOrThrow({ where: { id: row.id } })).syncStatus).toBe("ok");
  });

  test("a push no webhook told us about is caught by the scheduled sync, recorded once however often it runs", async () => {
    const repo = fakeRepo("leeds-data", "missed-webhook");
    const { project, row } = await tracked(repo);
    await syncRepository(row.id);
    github.push(repo, "Fix the ward boundaries", "Add tests");
    const head = repo.commits[0]!.sha;
    await prisma.repository.update({ where: { id: row.id }, data: { nextSyncAt: new Date(Date.now() - 1000) } });
    const run = await syncDueRepositories();
    expect(run.outcomes.synced).toBeGreaterThanOrEqual(1);
    await prisma.repository.update({ where: { id: row.id }, data: { nextSyncAt: new Date(Date.now() - 1000) } });
    await syncDueRepositories();
    const pushes = await prisma.projectEvent.findMany({ where: { projectId: project.id, kind: "push" }, orderBy: { id: "asc" } });
    expect(pushes.map((e) => [e.title, e.dedupeKey])).toEqual([
      ["3 commits to main", expect.stringMatching(/^head:/)],
      ["2 commits to main", `head:${head}`],
    ]);
    expect((await prisma.repository.findUniqueOrThrow({ where: { id: row.id } })).lastCommitMessage).toBe("Add tests");
  });
});

describe("failures, in words for the team", () => {
  test("a secondary rate limit with retry-after pauses the sync, says when it will try again, and the schedule waits", async () => {
    const { row } = await tracked(fakeRepo("leeds-data", "limited"));
    github.failNext(/\/repos\/leeds-data\/limited$/, { status: 403, retryAfter: 900, secondary: true });
    expect(await syncRepository(row.id)).toBe("failed");
    const stored = await prisma.repository.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.syncError).toMatch(/^GitHub’s rate limit was reached; next try at \d\d:\d\d\.$/);
    expect(stored.nextSyncAt.getTime()).toBeGreaterThan(Date.now() + 890_000);
    const pause = await prisma.gitHubRateLimit.findUniqueOrThrow({ where: { resource: "core" } });
    expect(pause.pausedUntil!.getTime()).toBeGreaterThan(Date.now() + 890_000);

    await prisma.repository.update({ where: { id: row.id }, data: { nextSyncAt: new Date(Date.now() - 1000) } });
    const { value, requests } = await requestsDuring(() => syncDueRepositories());
    expect(requests).toHaveLength(0);
    expect(value.stoppedUntil?.getTime()).toBe(pause.pausedUntil!.getTime());
  });

  test("the primary limit near its end: the scheduled sync keeps a reserve and postpones instead of spending it", async () => {
    const { row } = await tracked(fakeRepo("leeds-data", "reserve"));
    github.remaining = 40;
    const reset = new Date(github.resetAt * 1000);
    await prisma.gitHubRateLimit.create({ data: { resource: "core", limit: 5000, remaining: 40, resetAt: reset } });
    const { value, requests } = await requestsDuring(() => syncRepository(row.id));
    expect(value).toBe("postponed");
    expect(requests).toHaveLength(0);
    const stored = await prisma.repository.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.nextSyncAt).toEqual(reset);
    expect(stored.syncError).toMatch(/rate limit was reached; next try at/);
  });

  test("a 5xx then success is retried and syncs", async () => {
    const { row } = await tracked(fakeRepo("leeds-data", "wobbly"));
    github.failNext(/\/repos\/leeds-data\/wobbly$/, { status: 502 });
    const { value, requests } = await requestsDuring(() => syncRepository(row.id));
    expect(value).toBe("synced");
    expect(requests.slice(0, 2).map((r) => r.status)).toEqual([502, 200]);
  });

  test("GitHub down for good: the sync backs off and says so", async () => {
    const { row } = await tracked(fakeRepo("leeds-data", "down"));
    for (let i = 0; i < 3; i++) github.failNext(/\/repos\/leeds-data\/down$/, { status: 503 });
    const now = new Date();
    expect(await syncRepository(row.id, { now })).toBe("failed");
    const stored = await prisma.repository.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.syncError).toMatch(/^GitHub did not answer properly \(GitHub answered 503\); next try at \d\d:\d\d\.$/);
    expect(stored.syncFailures).toBe(1);
    expect(stored.nextSyncAt.getTime() - now.getTime()).toBe(10 * 60_000);
  }, 20_000);

  test("a repository GitHub no longer has is marked gone and the team is told", async () => {
    const repo = fakeRepo("leeds-data", "deleted-later");
    const { row } = await tracked(repo);
    await syncRepository(row.id);
    github.repos.delete("leeds-data/deleted-later");
    expect(await syncRepository(row.id)).toBe("failed");
    const stored = await prisma.repository.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.goneAt).not.toBeNull();
    expect(stored.syncError).toBe("GitHub says the repository no longer exists, or Nettle can no longer read it (it may have been made private).");
  });

  test("a repository renamed on GitHub (301) is followed: the new name is stored and the timeline says so", async () => {
    const repo = fakeRepo("leeds-data", "before");
    const { project, row } = await tracked(repo);
    await syncRepository(row.id);
    github.rename(repo, "leeds-data", "after");
    expect(await syncRepository(row.id)).toBe("synced");
    const stored = await prisma.repository.findUniqueOrThrow({ where: { id: row.id } });
    expect([stored.owner, stored.name, stored.fullNameKey]).toEqual(["leeds-data", "after", "leeds-data/after"]);
    const renamed = await prisma.projectEvent.findFirstOrThrow({ where: { projectId: project.id, kind: "repo_renamed" } });
    expect([renamed.title, renamed.dedupeKey]).toEqual(["leeds-data/before is now leeds-data/after", "renamed:leeds-data/after"]);
  });
});

describe("/healthz", () => {
  test("shows GitHub's rate limit per resource, a pause GitHub asked for, and the sync queue", async () => {
    const { row } = await tracked(fakeRepo("leeds-data", "health"));
    await syncRepository(row.id);
    github.failNext(/\/repos\/leeds-data\/health$/, { status: 429, retryAfter: 300 });
    expect(await syncRepository(row.id)).toBe("failed");
    const report = (await (await healthLoader()).json()) as {
      github: { rateLimits: { resource: string; limit: number; remaining: number; resetAt: string; pausedUntil: string | null }[]; syncQueue: { tracked: number; due: number; failing: number } };
    };
    const core = report.github.rateLimits.find((r) => r.resource === "core")!;
    expect(core.limit).toBe(5000);
    expect(core.remaining).toBe(github.remaining);
    expect(new Date(core.pausedUntil!).getTime()).toBeGreaterThan(Date.now() + 290_000);
    expect(report.github.syncQueue.failing).toBeGreaterThanOrEqual(1);
    expect(report.github.syncQueue.tracked).toBe(await prisma.repository.count());
  });
});
