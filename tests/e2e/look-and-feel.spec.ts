import { expect, test } from "./fixtures";

// The shell every page shares: Nettle's own branding on GOV.UK Frontend patterns, working
// with and without JavaScript. Each page visited here is also scanned by axe (see fixtures).

const FEEDBACK_URL = "https://github.com/nettle-hub/nettle/issues";
const REGISTER_URL = "https://github.com/mysociety/uk_local_authority_names_and_codes";
const CC_BY_URL = "https://creativecommons.org/licenses/by/4.0/";

test("the home page carries Nettle's name and none of GOV.UK's brand", async ({ page }) => {
  const fontRequests: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "font" || request.url().includes("/fonts/")) fontRequests.push(request.url());
  });

  await page.goto("/");

  await expect(page).toHaveTitle("Nettle – regional public data hub");
  await expect(page.locator("html")).toHaveAttribute("lang", "en-GB");
  await expect(page.getByRole("banner").getByRole("link", { name: "Nettle", exact: true })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("GOV.UK");
  await expect(
    page.locator(".govuk-header__logotype, .govuk-footer__crown, .govuk-footer__copyright-logo"),
  ).toHaveCount(0);

  const menu = page.getByRole("navigation", { name: "Menu" });
  await expect(menu.getByRole("link", { name: "Home" })).toHaveAttribute("aria-current", "page");
  await expect(menu.getByRole("link", { name: "Organisations" })).toHaveAttribute("href", "/organisations");
  await expect(menu.getByRole("link", { name: "About" })).not.toHaveAttribute("aria-current");

  await expect(page.getByRole("banner").getByText("Beta", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "feedback" })).toHaveAttribute("href", FEEDBACK_URL);

  const footer = page.getByRole("contentinfo");
  await expect(footer).toContainText("Nettle is open source under the MIT licence");
  await expect(footer).toContainText("© Nettle contributors");
  await expect(footer).toContainText("Contains data from mySociety's UK local authority register, CC BY 4.0");
  await expect(footer.getByRole("link", { name: "mySociety's UK local authority register" })).toHaveAttribute(
    "href",
    REGISTER_URL,
  );
  await expect(footer.getByRole("link", { name: "CC BY 4.0" })).toHaveAttribute("href", CC_BY_URL);

  // GDS Transport is licensed for GOV.UK only: Nettle must never load it.
  expect(fontRequests).toEqual([]);
});

test("the home page shows live figures as numbers", async ({ page }) => {
  await page.goto("/");

  const figures = page.getByRole("list", { name: "Nettle in numbers" }).getByRole("listitem");
  await expect(figures).toHaveCount(6);
  for (const text of await figures.allInnerTexts()) {
    // en-GB grouping: "317", "1,234".
    expect(text.trim()).toMatch(/^\d{1,3}(,\d{3})*\s+\S/);
  }
  await expect(figures.filter({ hasText: /councils? on Nettle/ })).toHaveCount(1);

  for (const audience of [
    "If you work for a council",
    "If you are a volunteer, student or academic",
    "If you run a data hub",
  ]) {
    await expect(page.getByRole("heading", { name: audience })).toBeVisible();
  }
});

test("the skip link moves focus to the main content", async ({ page }) => {
  await page.goto("/");

  await page.keyboard.press("Tab");
  const skipLink = page.getByRole("link", { name: "Skip to main content" });
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeVisible();

  await page.keyboard.press("Enter");
  await expect(page.locator("main#main-content")).toBeFocused();
});

// Before GOV.UK's script has run (or with JavaScript off) the skip link must still move focus:
// the main content can take focus itself. The test above failed once in a full run when Enter
// came before the script had started.
test("the skip link moves focus to the main content without JavaScript", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto("/");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main-content")).toBeFocused();
  } finally {
    await context.close();
  }
});

test("the About page is reachable from the navigation", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "About" }).click();

  await expect(page).toHaveURL(/\/about$/);
  await expect(page.getByRole("heading", { level: 1, name: "About Nettle" })).toBeVisible();
  await expect(page).toHaveTitle("About Nettle – Nettle");
  const menu = page.getByRole("navigation", { name: "Menu" });
  await expect(menu.getByRole("link", { name: "About" })).toHaveAttribute("aria-current", "page");
  await expect(menu.getByRole("link", { name: "Home" })).not.toHaveAttribute("aria-current");

  const response = await page.goto("/about");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("main")).toContainText("CC BY 4.0");
});

test("an unknown address gets the 'Page not found' page with status 404", async ({ page }) => {
  for (const path of ["/no-such-page", "/deeply/nested/no-such-page"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByText("If you typed the web address, check it is correct.")).toBeVisible();
    await expect(page).toHaveTitle("Page not found – Nettle");
    // The error page keeps the whole layout.
    await expect(page.getByRole("banner").getByRole("link", { name: "Nettle", exact: true })).toBeVisible();
    await expect(page.getByRole("contentinfo")).toContainText("© Nettle contributors");
  }
});

test("the navigation collapses behind a Menu button on small screens", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto("/");

  const toggle = page.getByRole("button", { name: "Menu" });
  const about = page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "About" });
  await expect(toggle).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(about).toBeHidden();

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(about).toBeVisible();
});

// axe cannot run in a page with JavaScript off (it never finishes), so this context is not
// scanned; the markup is the same as in the scanned pages above, minus GOV.UK's script.
test("every page works with JavaScript turned off", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto("/");
    await expect(page.locator("body")).not.toHaveClass(/govuk-frontend-supported/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByRole("list", { name: "Nettle in numbers" }).getByRole("listitem")).toHaveCount(6);

    // Without the script there is no Menu button, even on a small screen: the links show.
    await page.setViewportSize({ width: 375, height: 800 });
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
    const about = page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "About" });
    await expect(about).toBeVisible();

    await about.click();
    await expect(page).toHaveURL(/\/about$/);
    await expect(page.getByRole("heading", { level: 1, name: "About Nettle" })).toBeVisible();

    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main-content$/);

    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  } finally {
    await context.close();
  }
});
