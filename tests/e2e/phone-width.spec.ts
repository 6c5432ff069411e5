import type { Page } from "@playwright/test";
import { closeWatched, expect, scansDone, test } from "./fixtures";
import { newPage, run } from "./helpers";
import { signInAs } from "./session";

// Every page a newcomer and each role can reach, at a phone's width (390 px), with the demo
// data: none may scroll sideways. axe scans each page too (see fixtures).

const DEMO = "demo.nettle.invalid";
const FLOOD = "/challenges/which-streets-flood-first-when-the-calder-is-high";
const LONG_TITLE = `Floodreport${"x".repeat(100)}${run}`.slice(0, 120);

/** A demo account, signed in without the form (tests/e2e/session.ts). */
async function signIn(page: Page, who: string) {
  await signInAs(page, `${who}@${DEMO}`);
  await page.goto("/");
  await expect(page.locator("a[href='/account']").first()).toBeAttached();
}

/** Opens each page and notes those wider than the screen. */
async function visit(page: Page, paths: string[], wide: string[]) {
  for (const target of paths) {
    const response = await page.goto(target);
    expect(response?.status(), target).toBeLessThan(400);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    if (scroll > client) wide.push(`${target}: ${scroll}px wide on a ${client}px screen`);
    await scansDone(page);
  }
}

async function hrefOf(page: Page, name: string | RegExp) {
  const href = await page.getByRole("link", { name }).first().getAttribute("href");
  expect(href, String(name)).toBeTruthy();
  return href!;
}

test("no page scrolls sideways on a phone, for a newcomer or any role", async ({ browser, page }) => {
  test.setTimeout(300_000);
  const wide: string[] = [];
  await page.setViewportSize({ width: 390, height: 844 });

  // A newcomer, signed out.
  await visit(page, ["/", "/challenges", "/challenges?q=Glasshoughton", "/challenges?q=zzzzqqq", FLOOD, "/organisations",
    "/organisations?q=E08000036", "/organisations/wakefield", "/organisations/demo-pennine-data-hub", "/about", "/signin",
    "/signup", "/forgot-password", "/check-your-email", "/dev/mail"], wide);

  // A volunteer claims a council, so the hub has a claim to decide.
  const volunteer = await newPage(browser);
  await volunteer.setViewportSize({ width: 390, height: 844 });
  await signIn(volunteer, "volunteer");
  await visit(volunteer, [`${FLOOD}/interest`, "/notifications", "/account/notifications", "/account/applications"], wide);
  // The demo volunteer's offer of help, from their list.
  const offer = await volunteer.locator("main a[href^='/applications/']").first().getAttribute("href");
  await visit(volunteer, [offer!, "/account", "/account/projects", "/account/sessions", "/account/delete", "/skills/propose", FLOOD, "/organisations/barnsley"], wide);
  await volunteer.getByRole("button", { name: "Claim this council" }).click();
  await volunteer.getByRole("button", { name: "Confirm claim" }).click();
  await expect(volunteer.getByText("Claimed – waiting for a hub organiser")).toBeVisible();
  await closeWatched(volunteer);

  // A council officer: the council's page with its drafts, the wizard, a long unbroken title.
  await signIn(page, "officer");
  await visit(page, ["/organisations/wakefield", "/organisations/wakefield/members", "/organisations/wakefield/projects", "/challenges/new", "/account", "/notifications",
    offer!, `${FLOOD}/applications`], wide);
  await page.goto("/challenges/new");
  await page.getByRole("button", { name: "Start" }).click();
  await page.getByLabel("Title").fill(LONG_TITLE);
  await page.getByLabel("What is the problem?").fill("A problem with a title that has no spaces at all.");
  await page.getByLabel("Who does it affect?").fill("Everyone");
  await page.getByRole("button", { name: "Save and continue" }).click();
  const draftId = page.url().split("/")[4]!;
  const steps = ["problem", "why", "outcome", "themes", "area", "skills", "team", "data", "contact", "check"];
  await visit(page, [...steps.map((step) => `/challenges/${draftId}/edit/${step}`), `/challenges/${draftId}/review`,
    `/challenges/${draftId}/delete`, "/organisations/wakefield"], wide);
  await page.goto("/organisations/wakefield");
  const continueDraft = await hrefOf(page, /Continue Are our bus stops accessible/);
  await visit(page, [continueDraft], wide);

  // A hub organiser: the dashboard with the claim, a challenge to review, the hub's councils.
  const organiser = await newPage(browser);
  await organiser.setViewportSize({ width: 390, height: 844 });
  await signIn(organiser, "organiser");
  await visit(organiser, ["/hub", "/hub/demo-pennine-data-hub/councils", "/organisations/demo-pennine-data-hub/members",
    "/hub/demo-pennine-data-hub/projects", "/hub/demo-pennine-data-hub/figures"], wide);
  await visit(organiser, ["/hub/taxonomy", "/hub/taxonomy/geospatial-analysis", "/hub/taxonomy/proposals"], wide);
  await organiser.goto("/hub");
  // The decision buttons are on the screen, not off to the right of it.
  const verify = await organiser.getByRole("button", { name: "Verify Barnsley" }).boundingBox();
  if (verify!.x < 0 || verify!.x + verify!.width > 390) wide.push(`/hub: "Verify Barnsley" ends at ${verify!.x + verify!.width}px`);
  const review = await hrefOf(organiser, "Air quality outside schools at drop-off time");
  await visit(organiser, [review, `/hub?reject=${await organiser.locator("a[href^='/hub?reject=']").first().getAttribute("href").then((h) => h!.split("=")[1])}`], wide);
  await closeWatched(organiser);

  // An admin.
  const admin = await newPage(browser);
  await admin.setViewportSize({ width: 390, height: 844 });
  await signIn(admin, "admin");
  await visit(admin, ["/admin", "/admin/audit", "/admin/themes", FLOOD], wide);
  await closeWatched(admin);

  expect(wide).toEqual([]);
});

test("a challenge's facts come before its history on a phone, and never overlap on a desktop", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(FLOOD);
  const facts = page.locator(".nettle-facts");
  const history = page.getByRole("heading", { name: "History" });
  expect((await facts.boundingBox())!.y).toBeLessThan((await history.boundingBox())!.y);

  await page.setViewportSize({ width: 1280, height: 900 });
  // A name wider than its own box spills over the value beside it.
  const key = page.locator(".nettle-facts dt", { hasText: "Time commitment" });
  const { scroll, client } = await key.evaluate((dt) => ({ scroll: dt.scrollWidth, client: dt.clientWidth }));
  expect(scroll, `"Time commitment" needs ${scroll}px in a ${client}px column`).toBeLessThanOrEqual(client);
});
