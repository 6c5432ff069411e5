import crypto from "node:crypto";
import pg from "pg";
import { connectToRunningServices } from "../../server/runtime";
import { closeWatched, expect, test } from "./fixtures";
import { newPage, run } from "./helpers";
import { createPerson, signedInPerson, signInAs } from "./session";

// Saved searches, as people use them: a volunteer saves the challenge search they are looking
// at; a council officer asks to hear when someone with the skills their council needs joins,
// gets the email the moment such a person's profile is saved, and stops those emails from the
// email itself without signing in. Every page is scanned by axe.

let pool: pg.Pool | undefined;
function database() {
  if (!pool) {
    process.env.NETTLE_DATA_DIR ??= process.env.E2E_DATA_DIR ?? ".data/e2e";
    const problem = connectToRunningServices();
    if (problem) throw new Error(`The browser journeys cannot reach Nettle's database: ${problem}`);
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  }
  return pool;
}

test.afterAll(async () => {
  await pool?.end();
});

test("a volunteer saves a search from the challenges page, fixes its name, changes how to hear and deletes it", async ({
  page,
}) => {
  await signedInPerson(page, "Sasha Saver", `saver-${run}@example.org`);
  await page.goto("/challenges?q=GIS");
  await page.getByText("Save this search").click();
  const name = page.getByLabel("Name of this search");
  await expect(name).toHaveValue('"GIS" challenges');
  await name.fill("");
  await page.getByLabel("By email at once").check();
  await page.getByRole("button", { name: "Save search" }).click();

  // Told beside the field, with the choice kept.
  await expect(page.getByRole("heading", { name: "Save this search" })).toBeVisible();
  await expect(page.locator("#name-error")).toContainText("Enter a name for this search");
  await expect(page.getByLabel("By email at once")).toBeChecked();
  await page.getByLabel("Name of this search").fill("Mapping work");
  await page.getByRole("button", { name: "Save search" }).click();

  await expect(page.getByText("Search saved: Mapping work")).toBeVisible();
  const card = page.getByRole("region", { name: "Mapping work" });
  await expect(card).toContainText("By email at once");
  await expect(card.getByRole("link", { name: /Run this search/ })).toHaveAttribute("href", "/challenges?q=GIS");

  await card.getByLabel("How do you want to hear about new results?").selectOption("weekly");
  await card.getByRole("button", { name: /Change/ }).click();
  await expect(page.getByText("Mapping work: in a weekly email")).toBeVisible();
  await expect(page.getByRole("region", { name: "Mapping work" })).toContainText("In a weekly email");

  await page
    .getByRole("region", { name: "Mapping work" })
    .getByRole("link", { name: /Delete/ })
    .click();
  await page.getByRole("button", { name: "Yes, delete it" }).click();
  await expect(page.getByText("Search deleted: Mapping work")).toBeVisible();
  await expect(page.getByText("You have no saved searches yet.")).toBeVisible();
});

test("a council officer hears at once when someone with the skills joins, and unsubscribes from the email", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const officer = await createPerson("Olu Officer", `people-search-${run}@example.org`, "council_staff");
  const { rows } = await database().query<{ id: string; slug: string; name: string }>(
    "SELECT id, slug, name FROM organisations WHERE kind = 'council' AND verified_at IS NOT NULL ORDER BY name LIMIT 1",
  );
  const council = rows[0]!;
  await database().query(
    `INSERT INTO memberships (id, user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, 'member', now())`,
    [`e2e${crypto.randomBytes(8).toString("hex")}`, officer.id, council.id],
  );
  await signInAs(page, officer.email);
  await page.goto(`/organisations/${council.slug}`);
  await page.getByRole("link", { name: "Hear when someone with the skills you need joins Nettle" }).click();
  await page.getByLabel("Skills").fill("GIS, Python");
  await page.getByLabel("Name of this search").fill(`Mappers ${run}`);
  await page.getByLabel("By email at once").check();
  await page.getByRole("button", { name: "Save search" }).click();
  await expect(page.getByText(`Search saved: Mappers ${run}`)).toBeVisible();
  await expect(page.getByRole("region", { name: `Mappers ${run}` })).toContainText(
    "People with Geospatial analysis and Python",
  );

  // A volunteer's profile is saved (as the profile page's writer does: the row, then the job).
  const volunteer = await createPerson("Vic Mapper", `saved-search-mapper-${run}@example.org`);
  await database().query(
    `INSERT INTO profiles (user_id, headline, region, remote_ok, hours_per_week, open_to_invitations, updated_at)
     VALUES ($1, 'Maps floods in QGIS', 'Yorkshire and The Humber', true, 5, true, now())`,
    [volunteer.id],
  );
  await database().query(
    `INSERT INTO profile_skills (user_id, skill_id, level)
     SELECT $1, id, 'expert'::"SkillLevel" FROM skills WHERE slug IN ('geospatial-analysis', 'python')`,
    [volunteer.id],
  );
  await database().query(
    `SELECT graphile_worker.add_job('saved-searches:person', json_build_object('userId', $1::text))`,
    [volunteer.id],
  );

  // The email arrives; its unsubscribe link works for whoever holds it, signed in or not.
  const subject = `New result for your saved search "Mappers ${run}"`;
  await expect
    .poll(
      async () => {
        await page.goto(`/dev/mail?to=${encodeURIComponent(officer.email)}`);
        return page.getByRole("link", { name: subject }).count();
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  await page.getByRole("link", { name: subject }).first().click();
  const href = await page.locator("a[href*='/unsubscribe/']").first().getAttribute("href");
  expect(href).toBeTruthy();

  const signedOut = await newPage(browser);
  await signedOut.goto(new URL(href!).pathname);
  await expect(signedOut.getByRole("heading", { level: 1 })).toHaveText(`Stop emails about “Mappers ${run}”`);
  await signedOut.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(signedOut.getByRole("heading", { name: "You are unsubscribed" })).toBeVisible();
  // A link copied wrongly says so.
  await signedOut.goto(`${new URL(href!).pathname.slice(0, -2)}xx`);
  await expect(signedOut.getByText("This unsubscribe link is not valid")).toBeVisible();
  await closeWatched(signedOut);

  // The officer still sees whom the search found, and that it no longer emails.
  await page.goto("/account/saved-searches");
  const card = page.getByRole("region", { name: `Mappers ${run}` });
  await expect(card).toContainText("On Nettle only");
  await expect(card.getByRole("link", { name: /Vic Mapper/ })).toHaveAttribute("href", `/people/${volunteer.id}`);
});

test("the saved-search pages do not scroll sideways on a phone", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const officer = await createPerson("Pat Phone", `phone-${run}@example.org`, "council_staff");
  const { rows } = await database().query<{ id: string; slug: string }>(
    "SELECT id, slug FROM organisations WHERE kind = 'council' AND verified_at IS NOT NULL ORDER BY name LIMIT 1",
  );
  await database().query(
    `INSERT INTO memberships (id, user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, 'member', now())`,
    [`e2e${crypto.randomBytes(8).toString("hex")}`, officer.id, rows[0]!.id],
  );
  await signInAs(page, officer.email);
  await page.goto("/challenges?q=GIS");
  await page.getByText("Save this search").click();
  await page.getByLabel("Name of this search").fill(`A rather long name for a search about geospatial analysis ${run}`);
  await page.getByRole("button", { name: "Save search" }).click();
  await expect(page.getByText("Search saved:")).toBeVisible();

  const wide: string[] = [];
  for (const target of [
    "/challenges?q=GIS",
    "/account/saved-searches",
    "/account/saved-searches/new?target=challenges&search=q%3DGIS%26region%3DYorkshire%2Band%2BThe%2BHumber",
    `/account/saved-searches/new?target=people&organisation=${rows[0]!.slug}`,
    "/unsubscribe/made-up",
  ]) {
    await page.goto(target);
    if (target === "/challenges?q=GIS") await page.getByText("Save this search").click();
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    if (scroll > client) wide.push(`${target}: ${scroll}px wide on a ${client}px screen`);
  }
  expect(wide).toEqual([]);
});
