import { closeWatched, expect, test } from "./fixtures";
import { followEmailLink, makeOrganiser, newPage, run, signIn, signUp } from "./helpers";

const COUNCIL = "Calderdale"; // in Yorkshire and The Humber, served by the demo hub

// A council officer signs up, confirms their address from the email, claims their council; a
// hub organiser verifies it; the officer then sees their council as verified. Every page both
// of them visit is scanned by axe.

test("an officer claims a council and a hub organiser verifies it", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const officer = `officer-${run}@example.org`;
  const organiser = `organiser-${run}@example.org`;

  // The officer signs up and confirms their address.
  await signUp(page, "Olu Officer", officer, "Council staff");
  await followEmailLink(page, officer, /Confirm your email address/);
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page.getByText(/confirmed/i).first()).toBeVisible();
  await signIn(page, officer);

  // … finds their council and claims it.
  await page.goto(`/organisations?q=${COUNCIL}`);
  await page.getByRole("link", { name: COUNCIL, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(COUNCIL);
  await page.getByRole("button", { name: "Claim this council" }).click();
  await page.getByRole("button", { name: "Confirm claim" }).click();
  await expect(page.getByText("Claimed – waiting for a hub organiser")).toBeVisible();

  // A hub organiser (made one from the command line, as a hub would) verifies the claim.
  const hubPage = await newPage(browser);
  await signUp(hubPage, "Hana Organiser", organiser, "Volunteer");
  await followEmailLink(hubPage, organiser, /Confirm your email address/);
  await hubPage.getByRole("button", { name: "Confirm email address" }).click();
  makeOrganiser(organiser);
  await signIn(hubPage, organiser);
  await hubPage.getByRole("link", { name: "Hub" }).click();
  await expect(hubPage.getByRole("cell", { name: new RegExp(COUNCIL) }).first()).toBeVisible();
  await hubPage.getByRole("button", { name: `Verify ${COUNCIL}` }).click();
  await expect(hubPage.getByText(`${COUNCIL} is verified`)).toBeVisible();
  await closeWatched(hubPage);

  // The officer sees their council verified, and was told by email.
  await page.goto(`/organisations?q=${COUNCIL}`);
  await page.getByRole("link", { name: COUNCIL, exact: true }).click();
  await expect(page.locator(".govuk-tag", { hasText: "Verified" })).toBeVisible();
  await page.goto(`/dev/mail?to=${encodeURIComponent(officer)}`);
  await expect(page.getByRole("link", { name: new RegExp(COUNCIL) })).toBeVisible();
});

test("sign-up keeps what was typed and shows each error beside its field", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Robin");
  await page.getByLabel("Email address").fill("robin-at-example");
  await page.getByLabel("Create a password").fill("password1234");
  await page.getByRole("button", { name: "Create account" }).click();

  const summary = page.getByRole("alert");
  await expect(summary).toContainText("There is a problem");
  await expect(summary.getByRole("link", { name: /correct format/ })).toBeVisible();
  await expect(page.locator("#email-error")).toContainText("Enter an email address in the correct format");
  await expect(page.locator("#kind-error")).toContainText("Select what describes you best");
  await expect(page.locator("#password-error")).toContainText("too common");
  await expect(page.getByLabel("Your name")).toHaveValue("Robin");
  await expect(page.getByLabel("Email address")).toHaveValue("robin-at-example");
});

test("a form posted from another site is refused", async ({ request }) => {
  const response = await request.post("/signin", {
    headers: { Origin: "https://evil.example" },
    form: { email: "a@example.org", password: "whatever" },
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("came from another website");
});
