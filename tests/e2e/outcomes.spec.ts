import crypto from "node:crypto";
import { createRequire } from "node:module";
import { FakeGitHubApi, fakeRepo } from "../mocks/github-api";
import { closeWatched, expect, test } from "./fixtures";
import { newPage, run } from "./helpers";
import { createPerson, signInAs, signedInPerson, sql } from "./session";

// From team to published outcome: a volunteer offers help and the officer accepts them (which
// makes the project); the lead links the repository (served by a fake GitHub), a push webhook
// arrives and the timeline and chart show it; the team drafts the outcome (sending it empty is answered beside each
// field), the council asks for a change, the team makes it and sends it again, the council
// signs it off, and it appears in the public showcase (at a phone's width too) and the feed.
// Every page visited is scanned by axe.

const TITLE = `Which bins overflow first? ${run}`;
// Real webhook payloads (JSON, read the way Node reads a package's data).
const pushExample = (
  createRequire(import.meta.url)("@octokit/webhooks-examples") as { name: string; examples: unknown[] }[]
)
  .find((entry) => entry.name === "push")!
  .examples.find((example) => (example as { ref: string }).ref.startsWith("refs/heads/"))!;

type PushPayload = Record<string, unknown> & {
  commits: Record<string, unknown>[];
  head_commit: Record<string, unknown>;
  repository: Record<string, unknown> & { owner: { login: string } };
};

// The fake GitHub API on the port the server under test was pointed at (scripts/test.ts).
const github = new FakeGitHubApi();
test.beforeAll(async () => {
  await github.start(Number(process.env.E2E_GITHUB_PORT));
});
test.afterAll(async () => {
  await github.stop();
});
const OUTCOME = `Bin overflow forecast ${run}`;

test("a team's outcome is sent back once, signed off by the council and published", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const officer = await createPerson("Olu Officer", `outcome-officer-${run}@example.org`, "council_staff");
  const [council] = await sql<{ id: string }>("SELECT id FROM organisations WHERE local_authority_code = 'WKF'");
  await sql(
    "INSERT INTO memberships (id, user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, 'member', now())",
    [`e2e-om-${run}`, officer.id, council!.id],
  );
  const slug = `bins-${run}`;
  await sql(
    `INSERT INTO challenges (id, slug, organisation_id, status, title, problem, team_size_max, published_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'in_progress', $4, 'Some bins overflow days before collection.', 3, now(), now(), now())`,
    [`e2e-oc-${run}`, slug, council!.id, TITLE],
  );
  const volunteer = await signedInPerson(page, "Tam Team", `outcome-volunteer-${run}@example.org`);
  await sql("UPDATE users SET visibility = 'public' WHERE id = $1", [volunteer.id]);
  await sql(
    "INSERT INTO profiles (user_id, headline, hours_per_week, created_at, updated_at) VALUES ($1, 'Data analyst', 5, now(), now())",
    [volunteer.id],
  );

  // The volunteer offers help; the officer accepts, which makes the project, led by them.
  await page.goto(`/challenges/${slug}/interest`);
  await page.getByLabel("What role would you take?").fill("Forecasting");
  await page.getByLabel("A short note to the council").fill("I forecast demand at work and have 5 hours a week.");
  await page.getByRole("button", { name: "Send offer to help" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your offer to help");
  const [offer] = await sql<{ id: string }>("SELECT id FROM challenge_applications WHERE user_id = $1", [volunteer.id]);
  const officerPage = await newPage(browser);
  await signInAs(officerPage, officer.email);
  await officerPage.goto(`/applications/${offer!.id}`);
  await officerPage.getByRole("button", { name: "Accept into the team" }).click();
  await expect(officerPage.getByText(`Tam Team is in the team for “${TITLE}”`)).toBeVisible();
  const [project] = await sql<{ id: string; slug: string }>("SELECT id, slug FROM projects WHERE challenge_id = $1", [
    `e2e-oc-${run}`,
  ]);
  // The lead links the team's repository, served by the fake GitHub the server was started
  // against; the worker syncs it (commits, licence, the v0.9.0 release).
  const owner = `wakefield-bins-${run}`;
  const repo = github.add(
    fakeRepo(owner, "overflow", {
      // GitHub's id for it, unique per run (a data folder kept between runs has older ones).
      id: 800_000_000 + (Date.now() % 100_000_000),
      releases: [{ id: 4242, tag: "v0.9.0", name: "First forecast", publishedAt: new Date(Date.now() - 86_400_000) }],
    }),
  );
  await page.goto(`/projects/${project!.slug}/repository`);
  await page.getByLabel("GitHub repository").fill(`https://github.com/${owner}/overflow.git`);
  await page.getByRole("button", { name: "Link the repository" }).click();
  await expect(page.getByText(`${owner}/overflow is linked`)).toBeVisible();
  await expect
    .poll(
      async () =>
        (await sql<{ s: string }>("SELECT sync_status AS s FROM repositories WHERE project_id = $1", [project!.id]))[0]
          ?.s,
      {
        timeout: 30_000,
      },
    )
    .toBe("ok");

  // GitHub tells Nettle of a push (a real example payload, pointed at the repository, signed
  // with the shared secret); the worker puts it on the timeline and the chart counts it.
  github.push(repo, "Forecast next week's overflowing bins");
  const head = repo.commits[0]!;
  const push = structuredClone(pushExample) as PushPayload;
  Object.assign(push, {
    ref: "refs/heads/main",
    before: repo.commits[1]!.sha,
    after: head.sha,
    created: false,
    deleted: false,
    base_ref: null,
  });
  push.commits = [
    { ...push.head_commit, id: head.sha, tree_id: head.sha, message: head.message, timestamp: head.date.toISOString() },
  ];
  push.head_commit = push.commits[0]!;
  Object.assign(push.repository, {
    id: repo.id,
    name: "overflow",
    full_name: `${owner}/overflow`,
    html_url: `https://github.com/${owner}/overflow`,
  });
  push.repository.owner.login = owner;
  const body = JSON.stringify(push);
  const delivered = await page.request.post("/webhooks/github", {
    data: body,
    headers: {
      "content-type": "application/json",
      "x-github-event": "push",
      "x-github-delivery": crypto.randomUUID(),
      "x-hub-signature-256": `sha256=${crypto.createHmac("sha256", process.env.E2E_WEBHOOK_SECRET!).update(body).digest("hex")}`,
    },
  });
  expect(delivered.status()).toBe(202);
  await expect
    .poll(
      async () =>
        (
          await sql<{ n: number }>(
            "SELECT count(*)::int AS n FROM project_events WHERE project_id = $1 AND dedupe_key = $2",
            [project!.id, `head:${head.sha}`],
          )
        )[0]?.n,
      { timeout: 30_000 },
    )
    .toBe(1);
  await page.goto(`/projects/${project!.slug}`);
  await expect(page.getByText("1 commit to main").first()).toBeVisible();
  await expect(page.getByRole("img", { name: /commits? in 12 weeks/ })).toBeVisible();

  // The team drafts the outcome: sending it half-written is answered beside each field.
  await page.goto(`/projects/${project!.slug}/outcome`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Outcome");
  await page.getByLabel("Title").fill(OUTCOME);
  await page.getByLabel("Summary").fill("A forecast of which bins overflow before collection day.");
  await page.getByRole("button", { name: "Send to the council for sign-off" }).click();
  await expect(page.getByRole("alert")).toContainText("Say what was built");
  await expect(page.getByRole("alert")).toContainText("Choose an open licence for the outcome");
  await expect(page.getByLabel("Summary")).toHaveValue("A forecast of which bins overflow before collection day.");
  await page.getByLabel("What was built").fill("A model and a weekly list of bins to empty early.");
  await page.getByLabel("Results and impact").fill("Overflow reports fell from 40 to 25 a month.");
  await page.getByLabel("How to reuse it").fill("Run the notebook with your collection data.");
  await page.getByLabel("Apache 2.0").check();
  await page.getByRole("button", { name: "Send to the council for sign-off" }).click();
  // A software licence other than the repository's is named beside the field.
  await expect(page.getByRole("alert")).toContainText(`${owner}/overflow is licensed under MIT License (MIT)`);
  await page.getByLabel("MIT", { exact: true }).check();
  await page.getByRole("button", { name: "Send to the council for sign-off" }).click();
  await expect(page.getByText("Your outcome is with the council for sign-off")).toBeVisible();

  // The council asks for a change.
  await officerPage.goto(`/projects/${project!.slug}/outcome`);
  await expect(officerPage.getByText("Overflow reports fell from 40 to 25 a month.")).toBeVisible();
  await officerPage.getByLabel("Or ask the team for changes").fill("Please say over how many months.");
  await officerPage.getByRole("button", { name: "Request changes" }).click();
  await expect(officerPage.getByText("Changes requested", { exact: true }).first()).toBeVisible();

  // The team reads the comment, makes the change and sends it again.
  await page.goto(`/projects/${project!.slug}/outcome`);
  await expect(page.getByText("Please say over how many months.")).toBeVisible();
  await page.getByLabel("Results and impact").fill("Overflow reports fell from 40 to 25 a month over three months.");
  await page.getByRole("button", { name: "Send to the council for sign-off" }).click();
  await expect(page.getByText("Your outcome is with the council for sign-off")).toBeVisible();

  // The council signs it off, which publishes it.
  await officerPage.goto(`/projects/${project!.slug}/outcome`);
  await officerPage.getByRole("button", { name: "Sign off and publish" }).click();
  await expect(officerPage.getByRole("heading", { level: 1 })).toHaveText(OUTCOME);
  await expect(officerPage.getByText("over three months")).toBeVisible();
  await expect(officerPage.getByRole("link", { name: "See the code at v0.9.0 on GitHub" })).toBeVisible();
  await expect(officerPage.getByRole("link", { name: "Tam Team" })).toBeVisible();
  await closeWatched(officerPage);

  // The public finds it in the showcase (at a phone's width) and in the feed.
  const visitor = await newPage(browser);
  await visitor.setViewportSize({ width: 390, height: 844 });
  await visitor.goto("/outcomes");
  await visitor.getByRole("link", { name: OUTCOME }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(OUTCOME);
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await visitor.goto("/outcomes");
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const feed = await visitor.request.get("/feeds/outcomes.atom");
  expect(await feed.text()).toContain(OUTCOME);
  await visitor.goto(`/challenges/${slug}`);
  await expect(visitor.getByRole("link", { name: OUTCOME })).toBeVisible();
  await closeWatched(visitor);
});
