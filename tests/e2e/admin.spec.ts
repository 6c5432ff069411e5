import { expect, test } from "./fixtures";
import { makeAdmin, newConfirmedAccount, run } from "./helpers";

// A platform admin (made from the command line) adds a theme and reads the audit log.

test("an admin adds a theme and sees it in the audit log", async ({ page }) => {
  test.setTimeout(60_000);
  const admin = `admin-${run}@example.org`;
  await newConfirmedAccount(page, "Ada Admin", admin, "Volunteer");
  makeAdmin(admin);

  await page.goto("/");
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("link", { name: "Themes" }).click();
  await page.getByLabel("Add a theme").fill(`Libraries ${run}`);
  await page.getByRole("button", { name: "Add theme" }).click();
  await expect(page.getByText(`Theme Libraries ${run} added`)).toBeVisible();

  await page.getByLabel("Add a theme").fill("Transport");
  await page.getByRole("button", { name: "Add theme" }).click();
  await expect(page.locator("#name-error")).toContainText("There is already a theme called Transport");
  await expect(page.getByLabel("Add a theme")).toHaveValue("Transport");

  await page.goto("/admin/audit");
  await expect(page.getByRole("main")).toContainText("Ada Admin");
});
