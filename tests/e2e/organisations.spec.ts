import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { closeWatched, expect, test } from "./fixtures";
import { newConfirmedAccount, newPage, run } from "./helpers";

// A visitor finds a council on Nettle by the words they use, even misspelt, narrows the list,
// pages through it and opens a council's page. Every page visited is scanned by axe.

test("find a council by a misspelt name and open its page", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Organisations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Organisations" })).toBeVisible();

  await page.getByLabel("Search by name, region or code").fill("leds");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=leds/);
  const first = page.locator(".nettle-results__item").first();
  await expect(first.getByRole("link")).toHaveText("Leeds");
  await expect(first).toContainText("Council · Metropolitan district · Yorkshire and The Humber");

  await first.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Leeds");
  const details = page.locator(".govuk-summary-list");
  await expect(details).toContainText("Leeds City Council");
  await expect(details).toContainText("E08000035");
  await expect(
    page.getByText("Council details from mySociety's UK local authority register, CC BY 4.0."),
  ).toBeVisible();
});

test("narrow by region, page through the results and clear the search", async ({ page }) => {
  await page.goto("/organisations");
  await expect(page.getByRole("status")).toHaveText(/^\d{3} organisations$/);

  await page.getByLabel("Region", { exact: true }).selectOption({ label: "Wales (22)" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("status")).toHaveText("22 organisations");
  await expect(page.locator(".nettle-results__item")).toHaveCount(20);

  await page.getByRole("navigation", { name: "Results pages" }).getByRole("link", { name: "Next" }).click();
  await expect(page).toHaveURL(/region=Wales.*page=2|page=2.*region=Wales/);
  await expect(page.locator(".nettle-results__item")).toHaveCount(2);
  await expect(page.getByRole("link", { name: "Page 2" })).toHaveAttribute("aria-current", "page");

  await page.getByRole("link", { name: "Clear search" }).click();
  await expect(page).toHaveURL(/\/organisations$/);
});

test("a search with no results suggests what to try", async ({ page }) => {
  await page.goto("/organisations?q=zzqxj");
  await expect(page.getByRole("status")).toHaveText("0 organisations matching zzqxj");
  await expect(page.getByRole("heading", { name: "No organisations found" })).toBeVisible();
  await expect(page.getByText("removing the kind or region filter")).toBeVisible();
});

test("an organisation that does not exist gets a 404 that points back to the list", async ({ page }) => {
  const response = await page.goto("/organisations/no-such-council");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("link", { name: "Search all organisations" })).toBeVisible();
});

test("searching works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/organisations");
  await page.getByLabel("Search by name, region or code").fill("E06000014");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.locator(".nettle-results__item").first().getByRole("link")).toHaveText("York");
  await context.close();
});

test("/healthz reports the database, search and worker", async ({ request }) => {
  // Right after start-up the worker may still be indexing the seed data.
  await expect
    .poll(async () => (await (await request.get("/healthz")).json()).searchOutbox?.pending, { timeout: 15_000 })
    .toBe(0);
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({
    status: "ok",
    database: { status: "ok" },
    search: { status: "ok" },
    worker: { status: "ok", processes: 1 },
    searchOutbox: { pending: 0 },
  });
});

// People and claims: an owner of the demo council invites a colleague, and a hub organiser
// turns a claim down with a comment the claimant then reads. Forms answer beside the field,
// checked in the browser with JavaScript and by the server without it.

const DEMO = "demo.nettle.invalid";
const demoPassword = () => readFileSync(path.join(process.env.E2E_DATA_DIR ?? ".data/e2e", "demo-password"), "utf8").trim();

async function signInAsDemo(page: Page, who: string) {
  await page.goto("/signin");
  await page.getByLabel("Email address").fill(`${who}@${DEMO}`);
  await page.getByLabel("Password").fill(demoPassword());
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("link", { name: "Your account" })).toBeVisible();
}

test("an owner invites a colleague, who joins; a mistyped address is answered beside the field", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const colleague = `colleague-${run}@example.org`;
  await signInAsDemo(page, "officer");
  await page.goto("/organisations/wakefield/members");
  await expect(page.getByRole("heading", { level: 1, name: "Members" })).toBeVisible();

  // With JavaScript the browser checks the address before sending it.
  await page.getByLabel("Email address").fill("colleague at example");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.locator("#email-error")).toContainText("Enter an email address in the correct format, like name@example.org");
  await expect(page).toHaveURL(/\/organisations\/wakefield\/members$/);

  // Without it the server answers the same, keeping what was typed. (axe needs JavaScript: the
  // same pages are scanned in the journey's own browser.)
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const noScript = await plain.newPage();
  await signInAsDemo(noScript, "officer");
  await noScript.goto("/organisations/wakefield/members");
  await noScript.getByLabel("Email address").fill("colleague at example");
  await noScript.getByRole("button", { name: "Send invitation" }).click();
  await expect(noScript.locator("#email-error")).toContainText("Enter an email address in the correct format");
  await expect(noScript.getByRole("alert")).toContainText("There is a problem");
  await expect(noScript.getByLabel("Email address")).toHaveValue("colleague at example");
  await plain.close();

  await page.getByLabel("Email address").fill(colleague);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${colleague}`)).toBeVisible();
  await expect(page.getByRole("cell", { name: colleague, exact: true })).toBeVisible();

  // The colleague signs up with that address and accepts from the link in the email.
  const invited = await newPage(browser);
  await newConfirmedAccount(invited, "Casey Colleague", colleague, "Council staff");
  await invited.goto(`/dev/mail?to=${encodeURIComponent(colleague)}`);
  await invited.getByRole("link", { name: /You are invited to join Wakefield/ }).first().click();
  const link = await invited.locator("a[href*='/invitations/']").first().getAttribute("href");
  await invited.goto(new URL(link!).pathname);
  await invited.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invited.getByText("You have joined Wakefield")).toBeVisible();
  await expect(invited.getByText("You are a member of Wakefield.")).toBeVisible();
  await closeWatched(invited);
});

test("a hub organiser rejects a claim with a comment, which the claimant reads on their account page", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const comment = `We could not confirm you work for Bradford (${run}). Please claim with your council address.`;
  await newConfirmedAccount(page, "Rhys Hopeful", `rhys-${run}@example.org`, "Council staff");
  await page.goto("/organisations/bradford");
  await page.getByRole("button", { name: "Claim this council" }).click();
  await page.getByRole("button", { name: "Confirm claim" }).click();
  await expect(page.getByText("Claimed – waiting for a hub organiser")).toBeVisible();

  const organiser = await newPage(browser);
  await signInAsDemo(organiser, "organiser");
  await organiser.goto("/hub");
  await organiser.getByRole("link", { name: "Reject the claim to Bradford" }).click();
  await organiser.getByRole("button", { name: "Reject claim" }).click();
  await expect(organiser.locator("#comment-error")).toContainText("Say why the claim is rejected");
  await organiser.getByLabel("Why are you rejecting the claim?").fill(comment);
  await organiser.getByRole("button", { name: "Reject claim" }).click();
  await expect(organiser.getByText("The claim to Bradford is rejected")).toBeVisible();
  await closeWatched(organiser);

  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "Claims a hub organiser turned down" })).toBeVisible();
  await expect(page.getByText(`The organiser said: “${comment}”`)).toBeVisible();
});
