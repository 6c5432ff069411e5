import { spawnSync } from "node:child_process";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// A council officer signs up, confirms their address from the email, claims their council; a
// hub organiser verifies it; the officer then sees their council as verified. Every page both
// of them visit is scanned by axe.

const run = Date.now().toString(36);
const password = "kettle orbit meadow lantern";
const COUNCIL = "Calderdale"; // in Yorkshire and The Humber, served by the demo hub

async function signUp(page: Page, name: string, email: string, kind: string) {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel(kind).check();
  await page.getByLabel("Create a password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
}

/** Opens the newest message to `email` in the development mailbox and follows its link. */
async function followEmailLink(page: Page, email: string, subject: RegExp) {
  await expect
    .poll(async () => {
      await page.goto(`/dev/mail?to=${encodeURIComponent(email)}`);
      return page.getByRole("link", { name: subject }).count();
    })
    .toBeGreaterThan(0);
  await page.getByRole("link", { name: subject }).first().click();
  const link = page.locator("a[href*='/verify-email/'], a[href*='/reset-password/']").first();
  const href = await link.getAttribute("href");
  expect(href).toBeTruthy();
  await page.goto(new URL(href!).pathname);
}

async function signIn(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("link", { name: "Your account" })).toBeVisible();
}

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return context.newPage();
}

test("an officer claims a council and a hub organiser verifies it", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const officer = `officer-${run}@example.org`;
  const organiser = `organiser-${run}@example.org`;

  // The officer signs up and confirms their address.
  await signUp(page, "Olu Officer", officer, "I work for a council");
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
  const made = spawnSync(process.execPath, ["--import", "tsx", "scripts/make-organiser.ts", organiser, "demo-pennine-data-hub"], {
    env: { ...process.env, NETTLE_DATA_DIR: process.env.E2E_DATA_DIR ?? ".data/e2e" },
    encoding: "utf8",
  });
  expect(made.status, made.stderr).toBe(0);
  await signIn(hubPage, organiser);
  await hubPage.getByRole("link", { name: "Hub" }).click();
  await expect(hubPage.getByRole("cell", { name: new RegExp(COUNCIL) }).first()).toBeVisible();
  await hubPage.getByRole("button", { name: `Verify ${COUNCIL}` }).click();
  await expect(hubPage.getByText(`${COUNCIL} is verified`)).toBeVisible();
  await hubPage.context().close();

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
