import { spawnSync } from "node:child_process";
import type { Browser, Page } from "@playwright/test";
import { expect, watchAccessibility } from "./fixtures";
import { signedInPerson, type Kind } from "./session";

// Steps several journeys share: signing up and confirming through the development mailbox,
// signing in, and making a hub organiser with the command a hub would use.

export const run = Date.now().toString(36);
export const password = "kettle orbit meadow lantern";

export async function signUp(page: Page, name: string, email: string, kind: string) {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel(kind).check();
  await page.getByLabel("Create a password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
}

/** Opens the newest message to `email` in the development mailbox and follows its link. */
export async function followEmailLink(page: Page, email: string, subject: RegExp) {
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

export async function signIn(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("link", { name: "Your account" })).toBeVisible();
}

/** A page in a fresh browser context (another person), scanned by axe like the main page. */
export async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return watchAccessibility(await context.newPage());
}

function runScript(script: string, args: string[]) {
  const made = spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...process.env, NETTLE_DATA_DIR: process.env.E2E_DATA_DIR ?? ".data/e2e" },
    encoding: "utf8",
  });
  expect(made.status, made.stderr).toBe(0);
}

/** Makes `email` an organiser of the demo hub, as `npm run make-organiser` would. */
export function makeOrganiser(email: string) {
  runScript("scripts/make-organiser.ts", [email, "demo-pennine-data-hub"]);
}

/** Makes `email` a platform admin, as `npm run make-admin` would. */
export function makeAdmin(email: string) {
  runScript("scripts/make-admin.ts", [email]);
}

const kinds: Record<string, Kind> = {
  Volunteer: "volunteer",
  Student: "student",
  Academic: "academic",
  "Council staff": "council_staff",
};

/**
 * A confirmed account, signed in on `page` without the forms (tests/e2e/session.ts): journeys
 * about something else start at once. accounts.spec.ts signs up and in through the real forms.
 */
export async function newConfirmedAccount(page: Page, name: string, email: string, kind: string) {
  await signedInPerson(page, name, email, kinds[kind] ?? "volunteer");
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Your account" })).toBeVisible();
}
