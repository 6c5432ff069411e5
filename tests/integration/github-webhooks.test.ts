import crypto from "node:crypto";
import webhookExamples from "@octokit/webhooks-examples";
import { sign } from "@octokit/webhooks-methods";
import { Logger, runOnce } from "graphile-worker";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { taskList } from "~/jobs/index";
import { repositoryEventKinds } from "~/models/projects/timeline";
import { processDelivery, prunePayloads } from "~/models/webhooks/process.server";
import { prisma } from "~/services/db.server";
import { createProject } from "../factories";
import { startTestServer, type TestServer } from "../support/server";
import { cookieFor, makeUser } from "../support/world";

// GitHub webhooks end to end: real example payloads from @octokit/webhooks-examples, signed as
// GitHub signs them, sent through the real HTTP server (boundary, body limit, methods), stored,
// then processed by the real worker's task list (graphile-worker's runOnce). Only each
// payload's repository is changed to one a project tracks, and where the examples have no
// payload for an action (issues closed, a merged pull request, repository archived/deleted)
// the nearest real one is given that action, as noted beside it.

const SECRET = "webhook secret for the test, current";
const PREVIOUS = "webhook secret for the test, being retired";
process.env.GITHUB_WEBHOOK_SECRET = SECRET;
process.env.GITHUB_WEBHOOK_SECRET_PREVIOUS = PREVIOUS;

let server: TestServer;
const quiet = new Logger(() => () => {});

beforeAll(async () => {
  server = await startTestServer();
  // The development server compiles the app on its first request: do it here, within the
  // set-up's time, not the first test's.
  await server.send("/webhooks/github");
  // Likewise the first project (reference data) and the first worker run (its queue set-up).
  await trackedRepository();
  await work();
});

afterAll(async () => {
  await server?.stop();
});

type Payload = Record<string, unknown> & { repository?: Record<string, unknown> };

/** A real example payload (deep copy) of `event`, the first one `pick` accepts. */
function example(event: string, pick: (payload: Payload) => boolean = () => true): Payload {
  const definition = webhookExamples.find((entry) => entry.name === event);
  const found = (definition?.examples as unknown as Payload[] | undefined)?.find(pick);
  if (!found) throw new Error(`no ${event} example`);
  return structuredClone(found);
}

let nextGithubId = 900_000_000;

/** A project tracking a repository, as linking leaves it. */
async function trackedRepository(fullName = `team-${crypto.randomBytes(3).toString("hex")}/civic-data`, githubId: number | null = nextGithubId++) {
  const { project } = await createProject();
  const [owner, name] = fullName.split("/") as [string, string];
  const repository = await prisma.repository.create({
    data: {
      projectId: project.id,
      githubId: githubId === null ? null : BigInt(githubId),
      owner,
      name,
      fullNameKey: fullName.toLowerCase(),
      htmlUrl: `https://github.com/${fullName}`,
      defaultBranch: "master",
      syncStatus: "ok",
      nextSyncAt: new Date(Date.now() + 3_600_000),
    },
  });
  return { project, repository };
}

/** Points an example payload at a tracked repository (the only change made to it). */
function about(payload: Payload, repository: { githubId: bigint | null; owner: string; name: string }, githubId?: number) {
  const repo = payload.repository!;
  repo.id = githubId ?? Number(repository.githubId);
  repo.name = repository.name;
  repo.full_name = `${repository.owner}/${repository.name}`;
  repo.html_url = `https://github.com/${repository.owner}/${repository.name}`;
  (repo.owner as Record<string, unknown>).login = repository.owner;
  return payload;
}

async function deliver(
  event: string,
  payload: Payload | string,
  options: { id?: string; secret?: string | null; headers?: Record<string, string> } = {},
) {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const id = options.id ?? crypto.randomUUID();
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "GitHub-Hookshot/test",
    "x-github-event": event,
    "x-github-delivery": id,
    ...options.headers,
  };
  const secret = options.secret === undefined ? SECRET : options.secret;
  if (secret !== null && !("x-hub-signature-256" in headers)) headers["x-hub-signature-256"] = await sign(secret, body);
  const response = await server.send("/webhooks/github", { method: "POST", headers, body });
  return { ...response, id, json: () => JSON.parse(response.body) as Record<string, unknown> };
}

/** What the worker does with everything queued, as `npm start`'s worker would. */
async function work() {
  await runOnce({ connectionString: process.env.DATABASE_URL, taskList, logger: quiet });
}

/** The project's timeline entries about its repository (not the team's own). */
const timeline = (projectId: string) =>
  prisma.projectEvent.findMany({ where: { projectId, kind: { in: [...repositoryEventKinds] } }, orderBy: { id: "asc" } });

describe("receiving", () => {
  test("a signed push is stored, queued, answered 202 and processed once: the timeline and the repository show it", async () => {
    const { project, repository } = await trackedRepository();
    const payload = about(example("push", (p) => p.ref === "refs/heads/master"), repository);

    const response = await deliver("push", payload);
    expect(response.status).toBe(202);
    expect(response.json()).toEqual({ status: "queued" });
    const stored = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: response.id } });
    expect(stored).toMatchObject({ event: "push", githubRepoId: repository.githubId, repoFullName: `${repository.owner}/${repository.name}`, installationId: 1n, processedAt: null });
    const queued = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'webhooks:process' AND key = ${`webhooks:process:${response.id}`}`;
    expect(queued[0]!.n).toBe(1);

    await work();
    const entries = await timeline(project.id);
    expect(entries.map((e) => [e.kind, e.source, e.title, e.dedupeKey])).toEqual([
      ["push", "webhook", "1 commit to master by Codertocat", "head:6113728f27ae82c7b1a177c8d03f9e96e0adf246"],
    ]);
    expect(entries[0]!.url).toBe("https://github.com/Codertocat/Hello-World/commit/6113728f27ae82c7b1a177c8d03f9e96e0adf246");
    const after = await prisma.repository.findUniqueOrThrow({ where: { id: repository.id } });
    expect(after.lastCommitSha).toBe("6113728f27ae82c7b1a177c8d03f9e96e0adf246");
    expect(after.lastCommitMessage).toBe("Initial commit");
    expect(after.lastCommitAt?.toISOString()).toBe("2019-05-15T15:19:25.000Z");
    // The scheduled sync is asked to look now, for the counts a payload does not carry.
    expect(after.nextSyncAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: response.id } })).result).toBe("processed");

    // Processing it again (a retried job, a second worker) finds it done.
    expect(await processDelivery(response.id)).toBeNull();
    expect(await timeline(project.id)).toHaveLength(1);
  });

  test("a redelivery of the same id is answered 200 duplicate and adds nothing; the same push under a new id adds no second entry", async () => {
    const { project, repository } = await trackedRepository();
    const payload = about(example("push", (p) => p.ref === "refs/heads/master"), repository);
    const first = await deliver("push", payload);
    const again = await deliver("push", payload, { id: first.id });
    expect(again.status).toBe(200);
    expect(again.json()).toEqual({ status: "duplicate" });
    expect(await prisma.webhookDelivery.count({ where: { id: first.id } })).toBe(1);

    const other = await deliver("push", payload);
    expect(other.status).toBe(202);
    await work();
    expect((await timeline(project.id)).filter((e) => e.kind === "push")).toHaveLength(1);
  });

  test("a missing, wrong or stale signature is refused 401 and nothing is stored", async () => {
    const { repository } = await trackedRepository();
    const payload = about(example("push", (p) => p.ref === "refs/heads/master"), repository);
    const body = JSON.stringify(payload);
    const attempts = [
      await deliver("push", body, { secret: null }),
      await deliver("push", body, { secret: "not our secret" }),
      await deliver("push", body, { headers: { "x-hub-signature-256": await sign(SECRET, `${body} `) } }),
      await deliver("push", body, { headers: { "x-hub-signature-256": "sha1=0123" } }),
      await deliver("push", body, { headers: { "x-hub-signature-256": "sha256=" } }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(401);
      expect(attempt.headers["content-type"]).toMatch(/application\/json/);
      expect(typeof attempt.json().error).toBe("string");
      expect(await prisma.webhookDelivery.findUnique({ where: { id: attempt.id } })).toBeNull();
    }
  });

  test("during a secret's rotation, deliveries signed with the previous secret are accepted", async () => {
    const { repository } = await trackedRepository();
    const response = await deliver("push", about(example("push"), repository), { secret: PREVIOUS });
    expect(response.status).toBe(202);
  });

  test("missing event or delivery headers and bodies that are not JSON are refused 400 with a reason", async () => {
    const { repository } = await trackedRepository();
    const payload = about(example("push"), repository);
    const noEvent = await deliver("push", payload, { headers: { "x-github-event": "" } });
    const oddEvent = await deliver("Push Event!", payload);
    const noDelivery = await deliver("push", payload, { headers: { "x-github-delivery": "" } });
    const oddDelivery = await deliver("push", payload, { id: "../../etc/passwd" });
    const form = await deliver("push", `payload=${encodeURIComponent(JSON.stringify(payload))}`, {
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const array = await deliver("push", "[1,2,3]");
    for (const response of [noEvent, oddEvent, noDelivery, oddDelivery, form, array]) {
      expect(response.status).toBe(400);
      expect(typeof response.json().error).toBe("string");
    }
    expect(form.json().error).toMatch(/content type to application\/json/);
    expect(await prisma.webhookDelivery.count({ where: { id: { in: [noEvent.id, oddEvent.id, form.id, array.id] } } })).toBe(0);
  });

  test("a signed payload carrying NUL characters or unpaired surrogates is stored without them, not refused by the database", async () => {
    const { repository } = await trackedRepository();
    const payload = about(example("push", (p) => p.ref === "refs/heads/master"), repository);
    (payload.head_commit as Record<string, unknown>).message = "Fix\u0000 the parser";
    const response = await deliver("push", payload);
    expect(response.status).toBe(202);
    await work();
    const after = await prisma.repository.findUniqueOrThrow({ where: { id: repository.id } });
    expect(after.lastCommitMessage).toBe("Fix the parser");

    const { project, repository: other } = await trackedRepository();
    const issue = about(example("issues", (p) => p.action === "opened"), other);
    (issue.issue as Record<string, unknown>).title = "Broken \ud800 title 😀";
    const stored = await deliver("issues", issue);
    expect(stored.status).toBe(202);
    await work();
    expect((await timeline(project.id)).map((e) => e.title)).toEqual(["#1 Broken \ufffd title 😀"]);
  });

  test("other methods are answered 405 with Allow, as JSON; bodies over 25 MiB are refused 413", async () => {
    const get = await server.send("/webhooks/github");
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe("POST");
    expect(JSON.parse(get.body)).toHaveProperty("error");
    const put = await server.send("/webhooks/github", { method: "PUT", body: "{}", headers: { "content-type": "application/json" } });
    expect(put.status).toBe(405);
    expect(JSON.parse(put.body)).toHaveProperty("error");
    const big = await server.send("/webhooks/github", {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": 26 * 1024 * 1024, "x-github-event": "push" },
      body: "{}",
    });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toHaveProperty("error");
  });
});

describe("each supported event", () => {
  test("release published: a release entry and the latest release; its 'released' twin adds nothing", async () => {
    const { project, repository } = await trackedRepository();
    await deliver("release", about(example("release", (p) => p.action === "published"), repository));
    await deliver("release", about(example("release", (p) => p.action === "released"), repository));
    await work();
    const entries = await timeline(project.id);
    expect(entries.map((e) => [e.kind, e.title, e.dedupeKey])).toEqual([["release", "0.0.1 released", "release:17372790"]]);
    const after = await prisma.repository.findUniqueOrThrow({ where: { id: repository.id } });
    expect(after).toMatchObject({ latestReleaseTag: "0.0.1", latestReleaseUrl: "https://github.com/Codertocat/Hello-World/releases/tag/0.0.1" });
    expect(after.latestReleaseAt?.toISOString()).toBe("2019-05-15T15:20:53.000Z");
    // A release is delivery evidence: the stage follows it.
    expect((await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).stage).toBe("delivered");
  });

  test("issues opened and closed; pull requests opened, closed and merged", async () => {
    const { project, repository } = await trackedRepository();
    await deliver("issues", about(example("issues", (p) => p.action === "opened"), repository));
    // The examples have no closed issue: the opened one, closed.
    const closed = about(example("issues", (p) => p.action === "opened"), repository);
    closed.action = "closed";
    (closed.issue as Record<string, unknown>).closed_at = "2019-05-16T09:00:00Z";
    await deliver("issues", closed);
    await deliver("issues", about(example("issues", (p) => p.action === "labeled"), repository));
    await deliver("pull_request", about(example("pull_request", (p) => p.action === "opened"), repository));
    await deliver("pull_request", about(example("pull_request", (p) => p.action === "closed"), repository));
    // The examples have no merged pull request: a closed one (#2) as GitHub sends it merged,
    // renumbered so it is another pull request.
    const merged = about(example("pull_request", (p) => p.action === "closed"), repository);
    const pull = merged.pull_request as Record<string, unknown>;
    Object.assign(pull, { number: 3, merged: true, merged_at: "2019-05-15T15:21:18Z", title: "Add the ward boundaries" });
    await deliver("pull_request", merged);
    await work();
    const entries = await timeline(project.id);
    expect(entries.map((e) => [e.kind, e.title, e.dedupeKey])).toEqual([
      ["issue_opened", "#1 Spelling error in the README file", "issue:1:opened"],
      ["issue_closed", "#1 Spelling error in the README file", "issue:1:closed"],
      ["pr_opened", "#2 Update the README with new information.", "pr:2:opened"],
      ["pr_closed", "#2 Update the README with new information.", "pr:2:closed"],
      ["pr_merged", "#3 Add the ward boundaries", "pr:3:merged"],
    ]);
    const labelled = await prisma.webhookDelivery.findFirstOrThrow({ where: { event: "issues", action: "labeled", repoFullName: `${repository.owner}/${repository.name}` } });
    expect(labelled.result).toBe("ignored");
  });

  test("repository renamed: the new name is stored and found by later deliveries; an entry says so", async () => {
    const { project, repository } = await trackedRepository(undefined, null);
    // Linked before GitHub's id was known: the rename finds it by its former name.
    const renamed = about(example("repository", (p) => p.action === "renamed"), { ...repository, name: "civic-data-2" }, 555_000_001);
    (renamed.changes as { repository: { name: { from: string } } }).repository.name.from = repository.name;
    await deliver("repository", renamed);
    await work();
    const after = await prisma.repository.findUniqueOrThrow({ where: { id: repository.id } });
    expect(after).toMatchObject({ name: "civic-data-2", fullNameKey: `${repository.owner}/civic-data-2`.toLowerCase(), githubId: 555_000_001n });
    expect(after.htmlUrl).toBe(`https://github.com/${repository.owner}/civic-data-2`);
    const entries = await timeline(project.id);
    expect(entries.map((e) => [e.kind, e.dedupeKey])).toEqual([["repo_renamed", `renamed:${repository.owner}/civic-data-2`.toLowerCase()]]);
    expect(entries[0]!.title).toBe(`Renamed to ${repository.owner}/civic-data-2`);
    const audited = await prisma.auditLog.findFirstOrThrow({ where: { action: "webhooks.repository_renamed", subjectId: repository.id } });
    expect(audited.actorId).toBeNull();

    // A push to the new name reaches the same project.
    await deliver("push", about(example("push", (p) => p.ref === "refs/heads/master"), after));
    await work();
    expect((await timeline(project.id)).map((e) => e.kind)).toContain("push");
  });

  test("repository transferred, archived, unarchived and deleted", async () => {
    const { project, repository } = await trackedRepository();
    const moved = about(example("repository", (p) => p.action === "transferred"), { ...repository, owner: "new-home" });
    await deliver("repository", moved);
    // The examples have no archived, unarchived or deleted payload: a real repository
    // payload given those actions, as GitHub sends them.
    const archived = about(example("repository", (p) => p.action === "publicized"), { ...repository, owner: "new-home" });
    archived.action = "archived";
    archived.repository!.archived = true;
    archived.repository!.updated_at = "2026-11-20T10:00:00Z";
    await deliver("repository", archived);
    await work();
    let after = await prisma.repository.findUniqueOrThrow({ where: { id: repository.id } });
    expect(after).toMatchObject({ owner: "new-home", fullNameKey: `new-home/${repository.name}`, archived: true });

    const unarchived = structuredClone(archived);
    unarchived.action = "unarchived";
    unarchived.repository!.archived = false;
    unarchived.repository!.updated_at = "2026-11-25T10:00:00Z";
    await deliver("repository", unarchived);
    const deleted = structuredClone(archived);
    deleted.action = "deleted";
    await deliver("repository", deleted);
    await work();
    after = await prisma.repository.findUniqueOrThrow({ where: { id: repository.id } });
    expect(after.archived).toBe(false);
    expect(after.goneAt).not.toBeNull();
    expect((await timeline(project.id)).map((e) => [e.kind, e.dedupeKey])).toEqual([
      ["repo_transferred", `renamed:new-home/${repository.name}`],
      ["repo_archived", "archived:2026-11-20"],
      ["repo_unarchived", "unarchived:2026-11-25"],
      ["repo_deleted", "deleted"],
    ]);
    expect(await prisma.auditLog.count({ where: { subjectId: repository.id, action: { startsWith: "webhooks." } } })).toBe(4);
  });

  test("installation and installation_repositories store and remove the App's installation on tracked repositories", async () => {
    const { repository } = await trackedRepository();
    const created = example("installation", (p) => p.action === "created");
    (created.repositories as { id: number; full_name: string }[])[0]!.id = Number(repository.githubId);
    await deliver("installation", created);
    await work();
    const installationId = BigInt((created.installation as { id: number }).id);
    expect((await prisma.repository.findUniqueOrThrow({ where: { id: repository.id } })).installationId).toBe(installationId);

    const removed = example("installation_repositories", (p) => p.action === "removed");
    (removed.installation as { id: number }).id = Number(installationId);
    (removed.repositories_removed as { id: number }[])[0]!.id = Number(repository.githubId);
    await deliver("installation_repositories", removed);
    await work();
    expect((await prisma.repository.findUniqueOrThrow({ where: { id: repository.id } })).installationId).toBeNull();

    const added = example("installation_repositories", (p) => p.action === "added");
    (added.repositories_added as { id: number }[])[0]!.id = Number(repository.githubId);
    await deliver("installation_repositories", added);
    const deleted = example("installation", (p) => p.action === "deleted");
    (deleted.installation as { id: number }).id = (added.installation as { id: number }).id;
    await work();
    expect((await prisma.repository.findUniqueOrThrow({ where: { id: repository.id } })).installationId).toBe(
      BigInt((added.installation as { id: number }).id),
    );
    await deliver("installation", deleted);
    await work();
    expect((await prisma.repository.findUniqueOrThrow({ where: { id: repository.id } })).installationId).toBeNull();
  });

  test("ping is processed; an event Nettle does not use is recorded and ignored; so is one about an untracked repository", async () => {
    const { project, repository } = await trackedRepository();
    const ping = await deliver("ping", example("ping"));
    const star = await deliver("star", about(example("star"), repository));
    const untracked = await deliver("push", example("push", (p) => p.ref === "refs/heads/master"));
    await work();
    const results = await prisma.webhookDelivery.findMany({ where: { id: { in: [ping.id, star.id, untracked.id] } } });
    expect(Object.fromEntries(results.map((r) => [r.id, r.result]))).toEqual({
      [ping.id]: "processed",
      [star.id]: "ignored",
      [untracked.id]: "ignored",
    });
    expect(await timeline(project.id)).toEqual([]);
  });

  test("a signed payload without what its event needs is recorded as ignored, not retried for ever", async () => {
    const { project, repository } = await trackedRepository();
    const huge = about(example("push", (p) => p.ref === "refs/heads/master"), repository);
    huge.repository!.id = 1e20;
    const noRepository = about(example("release", (p) => p.action === "published"), repository);
    delete noRepository.repository;
    const sent = [await deliver("push", huge), await deliver("release", noRepository)];
    await work();
    for (const { id } of sent) {
      expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ result: "ignored", attempts: 1 });
    }
    expect(await timeline(project.id)).toEqual([]);
  });
});

describe("keeping and showing", () => {
  test("/healthz shows the queue; payloads are dropped 30 days after processing and never shown on a page", async () => {
    const { repository } = await trackedRepository();
    const payload = about(example("push", (p) => p.ref === "refs/heads/master"), repository);
    payload.nettle_canary = "payload-canary-7f3c";
    const sent = await deliver("push", payload);
    let health = JSON.parse((await server.send("/healthz")).body) as { webhooks: { waiting: number; lastReceivedAt: string } };
    expect(health.webhooks.waiting).toBeGreaterThan(0);
    expect(Date.parse(health.webhooks.lastReceivedAt)).toBeGreaterThan(Date.now() - 60_000);
    await work();
    health = JSON.parse((await server.send("/healthz")).body) as typeof health;
    expect(health.webhooks.waiting).toBe(0);

    const admin = await makeUser(`webhook-admin-${crypto.randomBytes(3).toString("hex")}@example.org`, { isAdmin: true });
    const cookie = await cookieFor(admin.id);
    for (const page of ["/healthz", "/admin/audit", "/admin"]) {
      const response = await server.send(page, { cookie });
      expect(response.status).toBe(200);
      expect(response.body).not.toContain("payload-canary-7f3c");
    }

    // Nor in the request log, with its signature.
    const logged = server.log.join("\n");
    expect(logged).toContain("POST /webhooks/github 202");
    expect(logged).not.toContain("payload-canary-7f3c");
    expect(logged).not.toContain("sha256=");

    await prisma.webhookDelivery.update({ where: { id: sent.id }, data: { processedAt: new Date(Date.now() - 31 * 86_400_000) } });
    expect(await prunePayloads(30)).toBeGreaterThanOrEqual(1);
    const kept = await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: sent.id } });
    expect(kept.payload).toBeNull();
    expect(kept.result).toBe("processed");
  });

  test("deliveries are rate-limited per source address, bad signatures included: 429 JSON with Retry-After", async () => {
    const key = "webhook:ip:127.0.0.1";
    const before = await prisma.$queryRaw<{ count: number }[]>`SELECT count FROM rate_limits WHERE key = ${key}`;
    await deliver("push", "{}", { secret: "not our secret" });
    const counted = await prisma.$queryRaw<{ count: number }[]>`SELECT count FROM rate_limits WHERE key = ${key}`;
    expect(counted[0]!.count).toBe((before[0]?.count ?? 0) + 1);

    // Fill this minute's allowance (600) rather than sending 600 deliveries.
    await prisma.$executeRaw`UPDATE rate_limits SET count = 600 WHERE key = ${key}`;
    const { repository } = await trackedRepository();
    const refused = await deliver("push", about(example("push"), repository));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(typeof refused.json().error).toBe("string");
    expect(await prisma.webhookDelivery.findUnique({ where: { id: refused.id } })).toBeNull();
    await prisma.$executeRaw`DELETE FROM rate_limits WHERE key = ${key}`;
  });
});
