import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { readFlash } from "~/services/flash.server";
import { prisma } from "~/services/db.server";
import { action, loader } from "~/routes/projects_.$slug.repository";
import { createPerson, createProject } from "../factories";
import { FakeGitHubApi, fakeRepo } from "../mocks/github-api";
import { context, formReply, formRequest, getRequest, settle, unwrap } from "../support/http";

// A team lead links the project's GitHub repository on /projects/<slug>/repository. GitHub is
// the local fake (tests/mocks/github-api.ts) reached through GITHUB_API_URL.

const github = new FakeGitHubApi();

beforeAll(async () => {
  await github.start();
  process.env.GITHUB_API_URL = github.url;
});
afterAll(async () => {
  delete process.env.GITHUB_API_URL;
  delete process.env.GITHUB_TOKEN;
  await github.stop();
});
beforeEach(async () => {
  delete process.env.GITHUB_TOKEN;
  await prisma.gitHubRateLimit.deleteMany();
});

async function post(slug: string, cookie: string, fields: Record<string, string>) {
  return settle(action({ request: formRequest(`/projects/${slug}/repository`, fields, cookie), params: { slug }, context }));
}

async function flashOf(response: unknown) {
  expect(response).toBeInstanceOf(Response);
  const res = response as Response;
  expect(res.status).toBe(302);
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  return (await readFlash(new Request("http://localhost/", { headers: { cookie } }))).flash!;
}

describe("linking a repository", () => {
  test("a lead links a repository by any of its addresses; Nettle stores it as GitHub spells it, notes it on the timeline and queues its first sync", async () => {
    const { project, lead } = await createProject();
    github.add(fakeRepo("Nettle-Hub", "Bin-Routes"));
    const response = await post(project.slug, lead.cookie, {
      intent: "link",
      reference: "  https://github.com/nettle-hub/bin-routes/blob/main/README.md?plain=1 ",
    });
    const flash = await flashOf(response);
    expect(flash.title).toBe("Nettle-Hub/Bin-Routes is linked");
    const repo = await prisma.repository.findUniqueOrThrow({ where: { projectId: project.id } });
    expect(repo).toMatchObject({ owner: "Nettle-Hub", name: "Bin-Routes", fullNameKey: "nettle-hub/bin-routes", htmlUrl: "https://github.com/Nettle-Hub/Bin-Routes", syncStatus: "pending" });
    const events = await prisma.projectEvent.findMany({ where: { projectId: project.id, kind: "repo_linked" } });
    expect(events.map((e) => e.title)).toEqual(["Repository Nettle-Hub/Bin-Routes linked"]);
    const audit = await prisma.auditLog.findFirst({ where: { subjectId: project.id, action: "repositories.link" } });
    expect(audit?.actorId).toBe(lead.user.id);
    const jobs = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = ${`repositories:sync:${repo.id}`}`;
    expect(Number(jobs[0]!.n)).toBe(1);
    const lastRequest = github.requests.at(-1)!;
    expect(lastRequest.path).toBe("/repos/nettle-hub/bin-routes");
    expect(lastRequest.userAgent).toMatch(/^Nettle/);
    expect(lastRequest.authorization).toBeNull();
  });

  test("a renamed repository is followed to its new name, and the lead is told", async () => {
    const { project, lead } = await createProject();
    const repo = github.add(fakeRepo("council-data", "old-name"));
    github.rename(repo, "council-data", "new-name");
    const flash = await flashOf(await post(project.slug, lead.cookie, { intent: "link", reference: "council-data/old-name" }));
    expect(flash.body).toContain("council-data/old-name is now council-data/new-name");
    const stored = await prisma.repository.findUniqueOrThrow({ where: { projectId: project.id } });
    expect([stored.owner, stored.name, stored.githubId]).toEqual(["council-data", "new-name", BigInt(repo.id)]);
    expect(github.requests.some((r) => r.path === `/repositories/${repo.id}`)).toBe(true);
  });

  test("an archived repository is linked, saying no new commits are expected", async () => {
    const { project, lead } = await createProject();
    github.add(fakeRepo("council-data", "finished", { archived: true }));
    const flash = await flashOf(await post(project.slug, lead.cookie, { intent: "link", reference: "git@github.com:council-data/finished.git" }));
    expect(flash.body).toContain("archived on GitHub, so no new commits are expected");
    expect((await prisma.repository.findUniqueOrThrow({ where: { projectId: project.id } })).archived).toBe(true);
  });

  test("a private repository: without access the lead is told it may be private and what would help; with a token it links", async () => {
    const { project, lead } = await createProject();
    github.add(fakeRepo("council-data", "secret-stuff", { private: true }));
    github.token = "ghp_fakeToken0123456789abcdefghijklmnopqr";
    const refused = unwrap(await post(project.slug, lead.cookie, { intent: "link", reference: "council-data/secret-stuff" }));
    expect(refused.status).toBe(409);
    const { errors, values } = formReply(refused.body);
    expect(errors.reference).toContain("GitHub has no repository council-data/secret-stuff, or it is private and Nettle cannot read it");
    expect(errors.reference).toContain("GitHub token or install the Nettle GitHub App");
    expect(values.reference).toBe("council-data/secret-stuff");
    expect(await prisma.repository.count({ where: { projectId: project.id } })).toBe(0);

    process.env.GITHUB_TOKEN = github.token;
    await flashOf(await post(project.slug, lead.cookie, { intent: "link", reference: "council-data/secret-stuff" }));
    expect(github.requests.at(-1)!.authorization).toBe(`token ${github.token}`);
    expect((await prisma.repository.findUniqueOrThrow({ where: { projectId: project.id } })).private).toBe(true);
  });

  test("GitHub's rate limit: the lead is told until when, keeps what they typed, and nothing is stored", async () => {
    const { project, lead } = await createProject();
    github.add(fakeRepo("council-data", "busy"));
    github.failNext(/\/repos\/council-data\/busy$/, { status: 403, retryAfter: 600, secondary: true });
    const reply = unwrap(await post(project.slug, lead.cookie, { intent: "link", reference: "council-data/busy" }));
    const { errors, values } = formReply(reply.body);
    expect(errors.reference).toMatch(/^GitHub’s limit is reached until \d\d:\d\d; try again then\.$/);
    expect(values.reference).toBe("council-data/busy");
    expect(await prisma.repository.count({ where: { projectId: project.id } })).toBe(0);
    const state = await prisma.gitHubRateLimit.findUniqueOrThrow({ where: { resource: "core" } });
    expect(state.pausedUntil!.getTime()).toBeGreaterThan(Date.now() + 590_000);
  });

  test("GitHub down (5xx after retries): a notice, the input kept, nothing stored", async () => {
    const { project, lead } = await createProject();
    github.add(fakeRepo("council-data", "flaky"));
    for (let i = 0; i < 3; i++) github.failNext(/\/repos\/council-data\/flaky$/, { status: 502 });
    const before = github.requests.length;
    const reply = unwrap(await post(project.slug, lead.cookie, { intent: "link", reference: "council-data/flaky" }));
    expect(github.requests.length - before).toBe(3);
    const { errors, values } = formReply(reply.body);
    expect(errors.reference).toContain("GitHub is not answering at the moment");
    expect(values.reference).toBe("council-data/flaky");
    expect(await prisma.repository.count({ where: { projectId: project.id } })).toBe(0);
  }, 20_000);

  test.each([
    ["", "Enter the repository’s GitHub address or owner/name"],
    ["https://gitlab.com/council-data/bins", "Enter the repository as owner/name"],
    ["https://gist.github.com/octocat/6cad326836d38bd3a7ae", "Enter the repository as owner/name"],
    ["https://github.com/council-data", "Enter the repository as owner/name"],
    ["javascript:alert(1)", "Enter the repository as owner/name"],
    ["council-data/bins\u0000x/y", "Enter the repository as owner/name"],
    ["сouncil-data/bins", "Enter the repository as owner/name"],
    ["a".repeat(2000), "Enter the repository as owner/name"],
  ])("a malformed reference %j is refused beside the field, what was typed kept, GitHub not asked", async (reference, message) => {
    const { project, lead } = await createProject();
    const before = github.requests.length;
    const reply = unwrap(await post(project.slug, lead.cookie, { intent: "link", reference }));
    expect(reply.status).toBe(400);
    const { errors, values } = formReply(reply.body);
    expect(errors.reference).toContain(message);
    if (reference !== "" && reference.length < 2000 && !reference.includes("\u0000")) expect(values.reference).toBe(reference);
    expect(github.requests.length).toBe(before);
  });

  test("replacing needs the box ticked; unlinking needs confirming; both are on the timeline and in the audit log", async () => {
    const { project, lead } = await createProject();
    github.add(fakeRepo("council-data", "first"));
    github.add(fakeRepo("council-data", "second"));
    await flashOf(await post(project.slug, lead.cookie, { intent: "link", reference: "council-data/first" }));
    const unticked = formReply(unwrap(await post(project.slug, lead.cookie, { intent: "link", reference: "council-data/second" })).body);
    expect(unticked.errors.replace).toBe("This project is linked to council-data/first. Tick the box to confirm you want to replace it.");
    expect(unticked.values.reference).toBe("council-data/second");
    const replaced = await flashOf(await post(project.slug, lead.cookie, { intent: "link", reference: "council-data/second", replace: "yes" }));
    expect(replaced.title).toBe("Repository changed to council-data/second");
    expect((await prisma.repository.findUniqueOrThrow({ where: { projectId: project.id } })).name).toBe("second");

    const unconfirmed = formReply(unwrap(await post(project.slug, lead.cookie, { intent: "unlink" })).body);
    expect(unconfirmed.errors.confirm).toBe("Confirm that you want to unlink the repository");
    const page = unwrap(await settle(loader({ request: getRequest(`/projects/${project.slug}/repository?confirm=unlink`, lead.cookie), params: { slug: project.slug }, context })));
    expect((page.body as { confirmUnlink: boolean }).confirmUnlink).toBe(true);
    await flashOf(await post(project.slug, lead.cookie, { intent: "unlink", confirm: "yes" }));
    expect(await prisma.repository.count({ where: { projectId: project.id } })).toBe(0);
    const titles = (await prisma.projectEvent.findMany({ where: { projectId: project.id, kind: { in: ["repo_linked", "repo_unlinked"] } }, orderBy: { id: "asc" } })).map((e) => e.title);
    expect(titles).toEqual([
      "Repository council-data/first linked",
      "Repository changed from council-data/first to council-data/second",
      "Repository council-data/second unlinked",
    ]);
    const actions = (await prisma.auditLog.findMany({ where: { subjectId: project.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["repositories.link", "repositories.replace", "repositories.unlink"]));
  });

  test("two unlinks or two links sent at once (a double click): one wins, the other is told why, never a 500", async () => {
    const { project, lead } = await createProject();
    github.add(fakeRepo("council-data", "double-click"));
    github.add(fakeRepo("council-data", "double-click-2"));
    await flashOf(await post(project.slug, lead.cookie, { intent: "link", reference: "council-data/double-click" }));
    const unlinks = await Promise.all([0, 1, 2].map(() => post(project.slug, lead.cookie, { intent: "unlink", confirm: "yes" })));
    expect(unlinks.map((r) => unwrap(r).status).sort()).toEqual([302, 409, 409]);
    const links = await Promise.all(
      ["council-data/double-click", "council-data/double-click-2"].map((reference) => post(project.slug, lead.cookie, { intent: "link", reference })),
    );
    expect(links.map((r) => unwrap(r).status).sort()).toEqual([302, 409]);
    expect(await prisma.repository.count({ where: { projectId: project.id } })).toBe(1);
  });

  test("the token never reaches a log, an error message or the database, even when GitHub fails", async () => {
    const { project, lead } = await createProject();
    const token = "ghp_secretToken9876543210abcdefghijklmnop";
    process.env.GITHUB_TOKEN = token;
    github.add(fakeRepo("council-data", "logged"));
    const logged: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))),
    );
    try {
      github.failNext(/\/repos\/council-data\/logged$/, { status: 403, retryAfter: 30, secondary: true });
      const limited = unwrap(await post(project.slug, lead.cookie, { intent: "link", reference: "council-data/logged" }));
      for (let i = 0; i < 3; i++) github.failNext(/\/repos\/council-data\/logged$/, { status: 500 });
      const down = unwrap(await post(project.slug, lead.cookie, { intent: "link", reference: "council-data/logged" }));
      expect(JSON.stringify([limited.body, down.body])).not.toContain(token);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(github.requests.at(-1)!.authorization).toBe(`token ${token}`);
    expect(logged.join("\n")).not.toContain(token);
    const stored = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM audit_log WHERE details::text LIKE ${"%" + token + "%"}`;
    expect(Number(stored[0]!.n)).toBe(0);
  }, 20_000);

  test("only the lead may link: a team member and a stranger are refused before their input is read; others see the page read-only", async () => {
    const { project, members } = await createProject();
    const stranger = await createPerson();
    for (const person of [members[0]!, stranger]) {
      const refused = await post(project.slug, person.cookie, { intent: "link", reference: "not a reference" });
      expect((refused as Response).status).toBe(403);
    }
    const page = unwrap(await settle(loader({ request: getRequest(`/projects/${project.slug}/repository`, stranger.cookie), params: { slug: project.slug }, context })));
    expect(page.body).toMatchObject({ canLink: false, insider: false, repository: null });
  });

  test("Sync now is for the lead, and limited to 3 in 10 minutes per project", async () => {
    const { project, lead } = await createProject();
    github.add(fakeRepo("council-data", "sync-now"));
    await flashOf(await post(project.slug, lead.cookie, { intent: "link", reference: "council-data/sync-now" }));
    for (let i = 0; i < 3; i++) expect((await flashOf(await post(project.slug, lead.cookie, { intent: "sync" }))).title).toBe("Sync started");
    const limited = (await post(project.slug, lead.cookie, { intent: "sync" })) as Response;
    expect(limited.status).toBe(429);
    expect(await limited.text()).toMatch(/synced several times in the last few minutes/);
  });
});
