import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";
import { run } from "./helpers";

// What a newcomer meets first: a way in from the home page and the menu, a living hub to look
// at, pages that say things once, and a word when they sign out. axe scans each page.

const demoPassword = () => readFileSync(path.join(process.env.E2E_DATA_DIR ?? ".data/e2e", "demo-password"), "utf8").trim();

test("the home page and the menu invite a newcomer in, and the hub has challenges to see", async ({ page }) => {
  await page.goto("/");
  const main = page.getByRole("main");
  await expect(main.getByRole("button", { name: "Create an account" })).toHaveAttribute("href", "/signup");
  await expect(main.getByRole("button", { name: "Post a challenge" })).toHaveAttribute("href", "/challenges/new");
  await expect(page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Create an account" })).toHaveAttribute("href", "/signup");

  await main.getByRole("link", { name: "Browse challenges" }).click();
  await expect(page.getByRole("link", { name: "Which streets flood first when the Calder is high?" })).toBeVisible();
});

test("'Check your email' is said once, and signing out is confirmed", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Nova Newcomer");
  await page.getByLabel("Email address").fill(`nova-${run}@example.org`);
  await page.getByLabel("Volunteer").check();
  await page.getByLabel("Create a password").fill("lantern quarry velvet");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your email");
  await expect(page.getByText("Check your email")).toHaveCount(1);
  await expect(page.getByText(`We have sent a message to nova-${run}@example.org`)).toHaveCount(1);

  await page.goto("/signin");
  await page.getByLabel("Email address").fill("volunteer@demo.nettle.invalid");
  await page.getByLabel("Password").fill(demoPassword());
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Sign in" })).toBeVisible();
});
