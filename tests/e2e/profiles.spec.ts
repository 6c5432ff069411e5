import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { run } from "./helpers";
import { signedInPerson } from "./session";

// A volunteer builds a skills profile: finds "ArcGIS" and Python by a typed word, adds each
// with a level, fills in the rest, and sees their profile page as others will. Mistakes are
// answered beside their fields with what was typed kept. Without JavaScript the same works.
// axe scans every page the journey's own browser shows.

async function addSkill(page: Page, word: string, skill: string, level: string) {
  await page.getByLabel("Find a skill").fill(word);
  await page.getByRole("button", { name: "Search skills" }).click();
  await page.getByRole("radio", { name: skill, exact: true }).check();
  await page.getByRole("group", { name: "How well do you know it?" }).getByLabel(level).check();
  await page.getByRole("button", { name: "Add skill" }).click();
  await expect(page.getByText(`${skill} is on your profile`)).toBeVisible();
}

test("a volunteer builds a profile with ArcGIS and Python and sees their profile page", async ({ page }) => {
  test.setTimeout(90_000);
  const email = `mapper-${run}@example.org`;
  await signedInPerson(page, "Morgan Mapper", email);

  await page.goto("/account");
  await page.getByRole("link", { name: "Start your skills profile" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your skills profile");

  await addSkill(page, "arcgis", "ArcGIS", "Practised");
  await addSkill(page, "python", "Python", "Expert");
  const skills = page.getByRole("table");
  await expect(skills.getByRole("rowheader")).toHaveText(["Python", "ArcGIS"]);

  // Mistakes first: absurd hours and a window that ends before it starts.
  await page.getByLabel("Headline").fill("Maps and flood data");
  await page.getByLabel("Hours a week you can give").fill("300");
  const from = page.getByRole("group", { name: "Available from" });
  await from.getByLabel("Day").fill("1");
  await from.getByLabel("Month").fill("9");
  await from.getByLabel("Year").fill("2027");
  const until = page.getByRole("group", { name: "Available until" });
  await until.getByLabel("Day").fill("1");
  await until.getByLabel("Month").fill("3");
  await until.getByLabel("Year").fill("2027");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.locator("#hoursPerWeek-error")).toContainText("whole number from 1 to 60");
  await expect(page.locator("#availableUntil-error")).toContainText("must be the same as or after");
  await expect(page.getByLabel("Headline")).toHaveValue("Maps and flood data");

  await page.getByLabel("Hours a week you can give").fill("6");
  await until.getByLabel("Year").fill("2028");
  await page.getByLabel("Where are you based?").selectOption("Yorkshire and The Humber");
  await page.getByRole("group", { name: "What are you interested in?" }).getByLabel("Waste and recycling").check();
  await page.getByLabel("About you", { exact: true }).fill("I map **flood** risk for fun.");
  await page.getByRole("group", { name: "Who can see your profile?" }).getByLabel("Everyone").check();
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your profile is saved")).toBeVisible();

  await page.getByRole("link", { name: "See your profile page" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Morgan Mapper");
  await expect(page.getByText("Maps and flood data")).toBeVisible();
  await expect(page.locator("strong", { hasText: "flood" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "ArcGIS" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Projects" })).toBeVisible();

  // At a phone's width neither page scrolls sideways, the skills table and search included.
  const url = page.url();
  await page.setViewportSize({ width: 390, height: 844 });
  for (const target of [url, "/account/profile?q=map", "/account"]) {
    await page.goto(target);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll, `${target} at 390 px`).toBeLessThanOrEqual(client);
  }

  // Public: someone not signed in sees it too.
  const anonymous = await page.context().browser()!.newContext();
  const stranger = await anonymous.newPage();
  await stranger.goto(url);
  await expect(stranger.getByRole("heading", { level: 1 })).toHaveText("Morgan Mapper");
  await anonymous.close();
});

test("without JavaScript a skill is found and added, and a bad link is answered beside its field", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const email = `plain-${run}@example.org`;
  await signedInPerson(page, "Pat Plain", email);
  await page.goto("/account/profile");
  await addSkill(page, "qgis", "QGIS", "Learning");
  await expect(page.getByRole("table").getByRole("rowheader")).toHaveText(["QGIS"]);

  await page.getByLabel("GitHub profile (optional)").fill("https://gitlab.com/pat");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("alert")).toContainText("There is a problem");
  await expect(page.locator("#githubUrl-error")).toContainText("Enter your GitHub profile address");
  await expect(page.getByLabel("GitHub profile (optional)")).toHaveValue("https://gitlab.com/pat");
  await context.close();
});
