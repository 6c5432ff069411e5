import { spawn, type ChildProcess } from "node:child_process";
import getPort from "get-port";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { linkRepository } from "~/models/repositories/link.server";
import { prisma } from "~/services/db.server";
import { classifyGitHubError, gitHubClient, lastPageOf } from "~/services/github.server";
import { createProject } from "../factories";

// Nettle's GitHub service against @octokit/fixtures: real GitHub answers, recorded and
// normalised, served by @octokit/fixtures-server on a local port. Each scenario loaded answers
// its requests once. The recordings were made with this token, so the fixtures expect it.

const FIXTURE_TOKEN = "0000000000000000000000000000000000000001";
let server: ChildProcess;
let base = "";

beforeAll(async () => {
  const port = await getPort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(
    process.execPath,
    ["node_modules/@octokit/fixtures-server/bin/server.js", "--port", String(port), "--fixtures-url", base, "--log-level", "error"],
    { stdio: "ignore" },
  );
  for (let i = 0; i < 100; i++) {
    if (await fetch(`${base}/ping`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the fixtures server did not start");
});

afterAll(() => {
  server.kill();
  delete process.env.GITHUB_API_URL;
  delete process.env.GITHUB_TOKEN;
});

beforeEach(async () => {
  process.env.GITHUB_TOKEN = FIXTURE_TOKEN;
  await prisma.gitHubRateLimit.deleteMany();
  // The recordings are normalised: every repository in them has the id 1000.
  await prisma.repository.deleteMany();
});

async function load(scenario: string) {
  const response = await fetch(`${base}/fixtures`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenario }),
  });
  expect(response.status).toBe(201);
  const { url } = (await response.json()) as { url: string };
  process.env.GITHUB_API_URL = url;
  return url;
}

describe("against recorded GitHub answers", () => {
  test("get-repository: linking stores the repository's metadata as GitHub sent it, and the rate-limit state its headers gave", async () => {
    await load("get-repository");
    const { project, lead } = await createProject();
    const linked = await linkRepository(lead.actor, project.slug, { reference: { owner: "octokit-fixture-org", name: "hello-world" } });
    expect(linked).toMatchObject({ fullName: "octokit-fixture-org/hello-world", renamedFrom: null, archived: false });
    const stored = await prisma.repository.findUniqueOrThrow({ where: { projectId: project.id } });
    expect(stored).toMatchObject({
      githubId: 1000n,
      owner: "octokit-fixture-org",
      name: "hello-world",
      fullNameKey: "octokit-fixture-org/hello-world",
      private: false,
      archived: false,
      description: "",
      topics: ["fixtures", "hello", "hello-world"],
      licenceSpdx: null,
      defaultBranch: "master",
    });
    const rate = await prisma.gitHubRateLimit.findUniqueOrThrow({ where: { resource: "core" } });
    expect([rate.limit, rate.remaining]).toEqual([5000, 4999]);
  });

  test("rename-repository: GitHub's recorded 301 for the old name is followed and the new name stored", async () => {
    const url = await load("rename-repository");
    // The recording renames the repository first (a PATCH); Nettle only reads, so play that part.
    const renamed = await fetch(`${url}/repos/octokit-fixture-org/rename-repository`, {
      method: "PATCH",
      headers: { accept: "application/vnd.github.v3+json", authorization: `token ${FIXTURE_TOKEN}`, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ name: "rename-repository-newname" }),
    });
    expect(renamed.status).toBe(200);
    const { project, lead } = await createProject();
    const linked = await linkRepository(lead.actor, project.slug, { reference: { owner: "octokit-fixture-org", name: "rename-repository" } });
    expect(linked.renamedFrom).toBe("octokit-fixture-org/rename-repository");
    expect(linked.fullName).toBe("octokit-fixture-org/rename-repository-newname");
    const stored = await prisma.repository.findUniqueOrThrow({ where: { projectId: project.id } });
    expect([stored.name, stored.fullNameKey]).toEqual(["rename-repository-newname", "octokit-fixture-org/rename-repository-newname"]);
  });

  test("paginate-issues: the service follows GitHub's Link headers through every page", async () => {
    await load("paginate-issues");
    const client = await gitHubClient();
    const first = await client.request("GET /repos/{owner}/{repo}/issues", { owner: "octokit-fixture-org", repo: "paginate-issues", per_page: 3 });
    expect(lastPageOf(first.headers.link)).toBe(5);
    let pages = 1;
    let items = first.data.length;
    for await (const page of client.paginate.iterator(first.headers.link!.match(/<([^>]+)>; rel="next"/)![1]!)) {
      pages++;
      items += (page.data as unknown[]).length;
    }
    expect(pages).toBe(5);
    expect(items).toBe(13);
  });

  test("errors: a recorded 422 is a GitHub failure Nettle reports, not a crash", async () => {
    await load("errors");
    const client = await gitHubClient();
    const error = await client
      .request("POST /repos/{owner}/{repo}/labels", { owner: "octokit-fixture-org", repo: "errors", name: "foo", color: "invalid" })
      .catch((e: unknown) => e);
    expect(classifyGitHubError(error)).toEqual({ kind: "unavailable", detail: "GitHub answered 422" });
  });
});
