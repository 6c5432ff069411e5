import { expect, test } from "./fixtures";

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
