import type { Page } from "@playwright/test";
import { closeWatched, expect, test } from "./fixtures";
import { makeOrganiser, newConfirmedAccount, newPage, run } from "./helpers";

// An officer writes a challenge through the wizard (with a dataset of personal data), sends it
// for review; a hub organiser asks for a change; the officer fixes it; the organiser approves;
// an anonymous visitor finds it by a skill's other name and never sees the personal dataset.
// Every page visited is scanned by axe.

/** "Save and continue", then wait for the next step's heading before doing anything else. */
async function saveAndContinue(page: Page, next: string) {
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(next);
}

const COUNCIL = "Kirklees"; // Yorkshire and The Humber, served by the demo hub
const TITLE = `Which streets flood first after heavy rain? ${run}`;

test("an officer publishes a well-described challenge and the public finds it by a synonym", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000); // a long journey; the hub list step added ~10 s
  const officer = `writer-${run}@example.org`;
  const organiser = `reviewer-${run}@example.org`;

  // An organiser and a verified council, the way the accounts journey makes them.
  const hubPage = await newPage(browser);
  await newConfirmedAccount(hubPage, "Rae Reviewer", organiser, "Volunteer");
  makeOrganiser(organiser);
  await newConfirmedAccount(page, "Wyn Writer", officer, "Council staff");
  await page.goto(`/organisations?q=${COUNCIL}`);
  await page.getByRole("link", { name: COUNCIL, exact: true }).click();
  await page.getByRole("button", { name: "Claim this council" }).click();
  await page.getByRole("button", { name: "Confirm claim" }).click();
  await expect(page.getByText("Claimed – waiting for a hub organiser")).toBeVisible();
  await hubPage.goto("/hub");
  await hubPage.getByRole("button", { name: `Verify ${COUNCIL}` }).click();
  await expect(hubPage.getByText(`${COUNCIL} is verified`)).toBeVisible();

  // The wizard, step by step.
  await page.goto(`/organisations?q=${COUNCIL}`);
  await page.getByRole("link", { name: COUNCIL, exact: true }).click();
  await page
    .getByRole("link", { name: "Post a challenge" })
    .or(page.getByRole("button", { name: "Post a challenge" }))
    .first()
    .click();
  await expect(page.getByText(`You are posting for ${COUNCIL}.`)).toBeVisible();
  await page.getByRole("button", { name: "Start" }).click();

  await page.getByLabel("Title").fill(TITLE);
  await page
    .getByLabel("What is the problem?")
    .fill("Drains block and **the same streets** flood every winter:\n* Beck Lane\n* Mill Street");
  await page.getByLabel("Who does it affect?").fill("Residents of low-lying streets");
  await saveAndContinue(page, "Why it matters");

  await page.getByLabel("Why does this problem matter?").fill("Families lose belongings and roads close.");
  await saveAndContinue(page, "The outcome you want");

  // Bad input keeps what was typed and says what is wrong beside the field.
  await page.getByLabel("What would you like to have at the end?").fill("A map of the streets most at risk");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toBeVisible();
  await expect(page.getByLabel("What would you like to have at the end?")).toHaveValue(
    "A map of the streets most at risk",
  );
  await page.getByLabel("How will you know it worked?").fill("Fewer emergency call-outs next winter");
  await saveAndContinue(page, "Themes");

  await page.getByLabel("Environment and climate").check();
  await saveAndContinue(page, "Area covered");
  await saveAndContinue(page, "Skills needed"); // the council's own area

  await page.getByLabel("Skill", { exact: true }).selectOption({ label: "Geospatial analysis" });
  await page.getByLabel("Essential").check();
  await page.getByRole("button", { name: "Add skill" }).click();
  await expect(page.getByRole("button", { name: /Remove/ }).first()).toBeVisible();
  await saveAndContinue(page, "Team and timing");

  await page.getByLabel("Smallest team").fill("2");
  await page.getByLabel("Largest team").fill("5");
  await page.getByLabel("How much time will the team need to give?").fill("A few hours a week for 6 weeks");
  await saveAndContinue(page, "Data you can share");

  // The data governance card: one open dataset and one with personal data.
  await page.getByLabel("Name of the dataset").fill("Flood incident locations");
  await page.getByLabel("Open Government Licence").check();
  await page.getByLabel("Open – fine for anyone to see").check();
  await page.getByRole("group", { name: "Does it contain personal data?" }).getByLabel("No").check();
  await page.getByRole("group", { name: /DPIA/ }).getByLabel("Not needed").check();
  await page
    .getByRole("group", { name: "How will the team get the data?" })
    .getByLabel(/download/i)
    .check();
  await page.getByRole("button", { name: "Add dataset" }).click();
  await expect(page.getByText("Flood incident locations").first()).toBeVisible();
  await page.getByLabel("Name of the dataset").fill("Residents who reported flooding");
  await page.getByLabel("Link (optional)").fill("https://intranet.example.gov.uk/flood-reports");
  await page.getByLabel("Not yet licensed").check();
  await page.getByLabel("OFFICIAL-SENSITIVE", { exact: true }).check();
  await page.getByRole("group", { name: "Does it contain personal data?" }).getByLabel("Yes").check();
  await page.getByRole("group", { name: /DPIA/ }).getByLabel("Yes").check();
  await page
    .getByRole("group", { name: "How will the team get the data?" })
    .getByLabel(/agreement/i)
    .check();
  await page.getByRole("button", { name: "Add dataset" }).click();
  await expect(page.getByText("Residents who reported flooding").first()).toBeVisible();
  await saveAndContinue(page, "Contact");
  await saveAndContinue(page, "Check your answers before sending"); // the officer is the contact
  // A list straight after a paragraph is a list here too, as on the public page.
  await expect(page.getByRole("listitem").filter({ hasText: "Beck Lane" })).toBeVisible();
  await page.getByRole("button", { name: "Send for hub review" }).click();
  await expect(page.getByText(/Waiting for hub review|sent for review/i).first()).toBeVisible();

  // The organiser asks for a change.
  await hubPage.goto("/hub");
  await hubPage.getByRole("link", { name: TITLE }).click();
  await hubPage.getByLabel("Or ask the council for changes").fill("Please say who will use the map.");
  await hubPage.getByRole("button", { name: "Request changes" }).click();
  await expect(hubPage.getByText(/Changes requested|sent back/i).first()).toBeVisible();

  // The officer sees the comment, fixes it and sends it again.
  await page.goto(`/organisations?q=${COUNCIL}`);
  await page.getByRole("link", { name: COUNCIL, exact: true }).click();
  await page
    .getByRole("link", { name: /Continue/ })
    .first()
    .click();
  await expect(page.getByText("Please say who will use the map.")).toBeVisible();
  await page.goto(page.url().replace(/\/edit\/[a-z]+.*$/, "/edit/outcome"));
  await page
    .getByLabel("How will you know it worked?")
    .fill("The drainage team uses the map in weekly planning; fewer call-outs");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByRole("button", { name: "Send for hub review" })).toBeVisible();
  await page.getByRole("button", { name: "Send for hub review" }).click();
  // Sent before the organiser looks (the click does not wait for the page that follows).
  await expect(page.getByText("Your challenge has been sent for hub review")).toBeVisible();

  // The organiser approves.
  await hubPage.goto("/hub");
  await hubPage.getByRole("link", { name: TITLE }).click();
  await hubPage.getByRole("button", { name: "Approve and publish" }).click();
  await expect(hubPage.getByText(/published|Open/).first()).toBeVisible();
  // Decided, it leaves the review queue but stays in the hub's list of challenges.
  await hubPage.getByRole("link", { name: /^Challenges from the councils/ }).click();
  await hubPage.getByLabel("Status").selectOption("open");
  await hubPage.getByRole("button", { name: "Show challenges" }).click();
  await expect(hubPage.getByRole("link", { name: TITLE })).toBeVisible();
  await closeWatched(hubPage);

  // An anonymous visitor finds it by "GIS", another name for geospatial analysis.
  const visitor = await newPage(browser);
  await expect
    .poll(async () => {
      await visitor.goto("/challenges?q=GIS");
      return visitor.getByRole("link", { name: TITLE }).count();
    })
    .toBe(1);
  await visitor.getByRole("link", { name: TITLE }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(visitor.getByText("Flood incident locations")).toBeVisible();
  await expect(visitor.getByText("Residents who reported flooding")).toHaveCount(0);
  await expect(visitor.locator("a[href*='intranet.example.gov.uk']")).toHaveCount(0);
  await expect(visitor.getByText(/contains personal data/)).toBeVisible();
  await expect(visitor.getByRole("listitem").filter({ hasText: "Beck Lane" })).toBeVisible();
  await closeWatched(visitor);
});
