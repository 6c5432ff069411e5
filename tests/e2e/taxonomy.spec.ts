import { expect, test } from "./fixtures";
import { makeOrganiser, newPage, run } from "./helpers";
import { createPerson, signInAs, signedInPerson } from "./session";

// A volunteer proposes a skill the list lacks (first trying one it has); a hub organiser finds
// a skill, is told beside the field when an other name belongs to another skill, links two
// skills, and accepts the proposal as another name; the volunteer reads the outcome.

test("a volunteer proposes a skill and a hub organiser manages the taxonomy and decides it", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const proposal = `Sewer modelling ${run}`;
  await signedInPerson(page, "Vic Volunteer", `vic-${run}@example.org`);
  await page.goto("/skills/propose");
  await page.getByLabel("Name of the skill").fill("Postgres");
  await page.getByRole("button", { name: "Propose skill" }).click();
  await expect(page.locator("#name-error")).toContainText("Postgres is already a skill, called PostgreSQL");
  await expect(page.getByLabel("Name of the skill")).toHaveValue("Postgres");
  await page.getByLabel("Name of the skill").fill(proposal);
  await page.getByLabel("What it is, or where it is used (optional)").fill("InfoWorks ICM for drainage networks");
  await page.getByRole("button", { name: "Propose skill" }).click();
  await expect(page.getByText(`Thank you: ${proposal} is with the hub organisers`)).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Waiting for a hub organiser");

  const organiserEmail = `olu-${run}@example.org`;
  await createPerson("Olu Organiser", organiserEmail);
  makeOrganiser(organiserEmail);
  const organiser = await newPage(browser);
  await signInAs(organiser, organiserEmail);
  await organiser.goto("/hub");
  await organiser.getByRole("link", { name: "Skills", exact: true }).click();
  await organiser.getByLabel("Name or other name").fill("QGIS");
  await organiser.getByRole("button", { name: "Filter" }).click();
  await organiser.getByRole("link", { name: "QGIS" }).click();
  await expect(organiser.getByRole("heading", { level: 1 })).toHaveText("QGIS");
  await expect(organiser.getByRole("main")).toContainText("Geospatial analysis");

  const otherNames = organiser.getByLabel("Other names");
  await otherNames.fill(`${await otherNames.inputValue()}\nPostgres`);
  await organiser.getByRole("button", { name: "Save skill" }).click();
  await expect(organiser.locator("#synonyms-error")).toContainText("Postgres is already a name of PostgreSQL");
  await expect(otherNames).toHaveValue(/Postgres$/);

  await organiser.getByLabel("Related: suggested together, not implied").check();
  await organiser.getByLabel("Skill", { exact: true }).selectOption({ label: "Remote sensing and satellite imagery" });
  await organiser.getByRole("button", { name: "Add link" }).click();
  await expect(organiser.getByText("Skills linked")).toBeVisible();
  await expect(organiser.getByRole("link", { name: "Remote sensing and satellite imagery" })).toBeVisible();

  await organiser.goto("/hub/taxonomy/proposals");
  await expect(organiser.getByRole("heading", { name: proposal })).toBeVisible();
  await organiser.getByLabel(`Or accept ${proposal} as another name of`).selectOption({ label: "Hydrology and hydrological modelling" });
  await organiser.getByRole("button", { name: "Accept as another name" }).click();
  await expect(organiser.getByText(`${proposal} accepted; the proposer has been told`)).toBeVisible();
  await organiser.close();

  await page.reload();
  await expect(page.getByRole("main")).toContainText("Now part of Hydrology and hydrological modelling");
});
