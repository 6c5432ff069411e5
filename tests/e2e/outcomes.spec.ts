import { closeWatched, expect, test } from "./fixtures";
import { newPage, run } from "./helpers";
import { createPerson, signInAs, signedInPerson, sql } from "./session";

// From team to published outcome: a volunteer offers help and the officer accepts them (which
// makes the project); the team drafts the outcome (sending it empty is answered beside each
// field), the council asks for a change, the team makes it and sends it again, the council
// signs it off, and it appears in the public showcase (at a phone's width too) and the feed.
// Every page visited is scanned by axe.

const TITLE = `Which bins overflow first? ${run}`;
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
  // The repository as the sync recorded it (linking and syncing are journeys of their own).
  await sql(
    `INSERT INTO repositories (id, project_id, owner, name, full_name_key, html_url, licence_spdx, licence_name, latest_release_tag,
       latest_release_at, last_commit_sha, last_commit_at, topics, updated_at)
     VALUES ($1, $2, 'wakefield-bins', 'overflow', 'wakefield-bins/overflow', 'https://github.com/wakefield-bins/overflow', 'MIT', 'MIT License',
       'v0.9.0', now(), $3, now(), '{}', now())`,
    [`e2e-or-${run}`, project!.id, "b".repeat(40)],
  );

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
  await expect(page.getByRole("alert")).toContainText("wakefield-bins/overflow is licensed under MIT License (MIT)");
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
