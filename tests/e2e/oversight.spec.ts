import { closeWatched, expect, test } from "./fixtures";
import { makeOrganiser, newPage, run } from "./helpers";
import { createPerson, signInAs, sql } from "./session";

// Oversight: an organiser of the demo hub opens the projects of the councils the hub serves
// (stalled first, its failing sync shown) on a phone, then the hub's figures and their CSV; a
// council officer answers the 3-month impact question, first forgetting to choose, told
// beside the field with what they wrote kept. Every page visited is scanned by axe.

const PROJECT = `Gully watch ${run}`;
const OUTCOME = `Gully watch map ${run}`;

test("an organiser oversees the hub's projects and figures; a council officer answers an impact question", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const [council] = await sql<{ id: string; name: string }>("SELECT id, name FROM organisations WHERE local_authority_code = 'WKF'");
  const organiser = await createPerson("Olu Organiser", `oversight-organiser-${run}@example.org`);
  makeOrganiser(organiser.email);
  const officer = await createPerson("Oona Officer", `oversight-officer-${run}@example.org`, "council_staff");
  await sql("INSERT INTO memberships (id, user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, 'member', now())", [
    `e2e-ovm-${run}`,
    officer.id,
    council!.id,
  ]);
  // A challenge in progress with a stalled project whose sync fails, and a published outcome.
  await sql(
    `INSERT INTO challenges (id, slug, organisation_id, status, title, problem, published_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'outcome_published', $4, 'Gullies block before storms.', now(), now(), now())`,
    [`e2e-ovc-${run}`, `gully-watch-${run}`, council!.id, `Which gullies block first? ${run}`],
  );
  await sql(
    `INSERT INTO projects (id, slug, challenge_id, title, stage, stage_changed_at, last_activity_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'stalled', now(), now() - interval '40 days', now() - interval '60 days', now())`,
    [`e2e-op-${run}`, `gully-watch-${run}`, `e2e-ovc-${run}`, PROJECT],
  );
  await sql(
    `INSERT INTO repositories (id, project_id, owner, name, full_name_key, html_url, sync_status, sync_error, topics, updated_at)
     VALUES ($1, $2, 'wakefield-data', $3, $4, 'https://github.com/wakefield-data/gully-watch', 'failed',
             'GitHub says the repository no longer exists.', '{}', now())`,
    [`e2e-or-${run}`, `e2e-op-${run}`, `gully-watch-${run}`, `wakefield-data/gully-watch-${run}`],
  );
  const outcomeSlug = `gully-watch-map-${run}`;
  await sql(
    `INSERT INTO outcomes (id, slug, project_id, state, title, licence, published_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'published', $4, 'ogl_3', now() - interval '100 days', now(), now())`,
    [`e2e-oo-${run}`, outcomeSlug, `e2e-op-${run}`, OUTCOME],
  );
  for (const months of [3, 6, 12]) {
    await sql(
      `INSERT INTO impact_checks (id, outcome_id, months_after, due_at, state, asked_at, created_at)
       VALUES ($1, $2, $3, now() - interval '100 days' + make_interval(months => $3), $4::"ImpactCheckState", $5, now())`,
      [`e2e-oi-${months}-${run}`, `e2e-oo-${run}`, months, months === 3 ? "asked" : "scheduled", months === 3 ? new Date() : null],
    );
  }

  // The organiser, on a phone: the hub dashboard links to the projects; the stalled one shows
  // first with its failing sync.
  await signInAs(page, organiser.email);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/hub");
  await page.getByRole("link", { name: "Projects of the councils Pennine Data Hub (demo) serves" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Projects from the councils you serve");
  await page.getByLabel("Stage").selectOption("stalled");
  await page.getByLabel("Council").selectOption({ label: council!.name });
  await page.getByRole("button", { name: "Show projects" }).click();
  const item = page.locator(".nettle-results__item").filter({ hasText: PROJECT });
  await expect(item).toContainText("Stalled");
  await expect(item).toContainText("sync failing: GitHub says the repository no longer exists.");
  await expect(item).toContainText("Outcome published");
  await expect(item.getByRole("link", { name: PROJECT })).toHaveAttribute("href", `/projects/gully-watch-${run}`);
  const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(width.scroll).toBeLessThanOrEqual(width.client);

  // The figures: a table per section, and the same as CSV.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("link", { name: "hub's figures" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The hub's figures");
  const stages = page.getByRole("table", { name: "Projects by stage" });
  await expect(stages.getByRole("row", { name: /Stalled/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Impact follow-up answers" }).getByRole("row", { name: /waiting for an answer/ })).toBeVisible();
  const csv = await page.request.get(`/hub/demo-pennine-data-hub/figures.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toMatch(/^section,measure,count\r\n/);

  // The officer answers the 3-month question; forgetting to choose is told beside the choice.
  const officerPage = await newPage(browser);
  await signInAs(officerPage, officer.email);
  await officerPage.goto(`/outcomes/${outcomeSlug}/impact/3`);
  await expect(officerPage.getByRole("heading", { level: 1 })).toHaveText("Is it in use, 3 months on?");
  const changed = "Highways plan gully cleaning with it before storms: call-outs fell from 23 to 9.";
  await officerPage.getByLabel("What changed because of it?").fill(changed);
  await officerPage.getByRole("button", { name: "Save answer" }).click();
  await expect(officerPage.getByRole("alert")).toContainText("Say whether the result is in use");
  await expect(officerPage.getByLabel("What changed because of it?")).toHaveValue(changed);
  await officerPage.getByLabel("Yes, it is in use").check();
  await officerPage.getByRole("button", { name: "Save answer" }).click();
  await expect(officerPage).toHaveURL(new RegExp(`/outcomes/${outcomeSlug}$`));
  const [answered] = await sql<{ state: string; in_use: string; what_changed: string }>(
    "SELECT state, in_use, what_changed FROM impact_checks WHERE id = $1",
    [`e2e-oi-3-${run}`],
  );
  expect(answered).toEqual({ state: "answered", in_use: "yes", what_changed: changed });
  await officerPage.goto(`/outcomes/${outcomeSlug}/impact/3`);
  await expect(officerPage.getByText(/You answered on/)).toBeVisible();
  await expect(officerPage.getByLabel("Yes, it is in use")).toBeChecked();
  await closeWatched(officerPage);

  // The organiser's figures now count the answer.
  await page.reload();
  await expect(page.getByRole("table", { name: "Impact follow-up answers" }).getByRole("row", { name: /^in use \d+$/ })).toBeVisible();
});
