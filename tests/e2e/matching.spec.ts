import crypto from "node:crypto";
import { closeWatched, expect, scansDone, test } from "./fixtures";
import { newPage, run } from "./helpers";
import { database, signedInPerson, signInAs } from "./session";

// Matching, both directions, with the demo data: a volunteer whose profile lists ArcGIS and
// Python is found by the demo officer for the flooding challenge (which needs geospatial
// analysis) with the reasons in words, and sees that challenge among their own matches.
// Profiles are written straight into the database (the profile form is another part's work),
// with the same search outbox row and drain job a profile write queues.

const DEMO = "demo.nettle.invalid";
const FLOOD = "/challenges/which-streets-flood-first-when-the-calder-is-high";

async function giveProfile(userId: string) {
  const db = database();
  await db.query(
    `INSERT INTO profiles (user_id, headline, region, remote_ok, hours_per_week, updated_at)
     VALUES ($1, 'GIS analyst at a housing association', 'Yorkshire and The Humber', true, 6, now())`,
    [userId],
  );
  await db.query(
    `INSERT INTO profile_skills (user_id, skill_id, level)
     SELECT $1, id, CASE slug WHEN 'arcgis' THEN 'expert' ELSE 'practised' END::"SkillLevel" FROM skills WHERE slug IN ('arcgis', 'python')`,
    [userId],
  );
  // The graph edge this journey relies on (the taxonomy seeds it too).
  await db.query(
    `INSERT INTO skill_links (from_id, to_id, kind)
     SELECT a.id, b.id, 'broader' FROM skills a, skills b WHERE a.slug = 'arcgis' AND b.slug = 'geospatial-analysis'
     ON CONFLICT DO NOTHING`,
  );
  await db.query(`INSERT INTO search_outbox (index_name, document_id) VALUES ('people', $1)`, [userId]);
  await db.query(`SELECT graphile_worker.add_job('search:drain', '{}'::json, job_key := 'search:drain')`);
}

test("an officer finds a volunteer for a flooding challenge, with the reasons, and the volunteer sees it fits", async ({
  page,
  browser,
}) => {
  const name = `Gita Geo ${run}`;
  const volunteer = await signedInPerson(
    page,
    name,
    `gita-${run}-${crypto.randomBytes(3).toString("hex")}@example.org`,
  );

  // Before a profile: pointed to adding skills.
  await page.goto("/account/matches");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Challenges for you");
  await expect(page.getByRole("link", { name: "Add your skills" })).toHaveAttribute("href", "/account/profile");
  await giveProfile(volunteer.id);

  // The officer, on a phone, from the challenge page.
  const officer = await newPage(browser);
  await officer.setViewportSize({ width: 390, height: 844 });
  await signInAs(officer, `officer@${DEMO}`);
  await officer.goto(FLOOD);
  await officer.getByRole("link", { name: "Find people for this challenge" }).click();
  await expect(officer.getByRole("heading", { level: 1 })).toHaveText("People for this challenge");
  // The worker indexes the new profile within moments.
  await expect(async () => {
    await officer.reload();
    await expect(officer.getByRole("heading", { name, level: 2 })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const entry = officer.locator(".nettle-results__item").filter({ has: officer.getByRole("heading", { name, level: 2 }) });
  await expect(entry).toContainText("Has Geospatial analysis (through ArcGIS, expert); none missing");
  await expect(entry).toContainText("ArcGIS → Geospatial analysis");
  await expect(entry).toContainText("6 hours a week free");
  await expect(entry.getByRole("link", { name: `Invite ${name}` })).toHaveAttribute(
    "href",
    new RegExp(`/challenges/which-streets-flood-first-when-the-calder-is-high/invite/${volunteer.id}$`),
  );
  const { scroll, client } = await officer.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, "the people page scrolls sideways on a phone").toBeLessThanOrEqual(client);

  // A filter it cannot read is named beside its field, with what was typed kept.
  await officer.getByLabel("Hours a week free, at least").fill("lots");
  await officer.getByRole("button", { name: "Apply filters" }).click();
  await expect(officer.locator("#hours-error")).toContainText("Enter the hours free as a whole number from 1 to 80");
  await expect(officer.getByLabel("Hours a week free, at least")).toHaveValue("lots");
  await officer.getByLabel("Hours a week free, at least").fill("7");
  await officer.getByRole("button", { name: "Apply filters" }).click();
  await expect(officer.getByRole("heading", { name, level: 2 })).toHaveCount(0);
  await scansDone(officer);
  await closeWatched(officer);

  // The volunteer's own list.
  await page.goto("/account/matches");
  const flood = page
    .locator(".nettle-results__item")
    .filter({ has: page.getByRole("link", { name: "Which streets flood first when the Calder is high?", exact: true }) });
  await expect(flood).toContainText("ArcGIS → Geospatial analysis");
  await expect(flood).toContainText("Wakefield");
});
