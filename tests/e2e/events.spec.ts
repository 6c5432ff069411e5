import { closeWatched, expect, test } from "./fixtures";
import { makeOrganiser, newPage, run } from "./helpers";
import { signedInPerson, sql } from "./session";

// A hub organiser creates a hack day (a mistake is answered beside its field, with what was
// typed kept), features two challenges, adds an agenda item and publishes it; the public sees
// the event page at desktop and phone width and downloads its calendar file. Every page is
// scanned by axe.

const TITLE = `Calder flood data hack day ${run}`;

test("an organiser creates, fills in and publishes a hack day that the public can see and add to a calendar", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = `e2e-events-organiser-${run}@example.org`;
  await signedInPerson(page, "Ola Organiser", email);
  makeOrganiser(email);
  const [council] = await sql<{ id: string }>("SELECT id FROM organisations WHERE local_authority_code = 'WKF'");
  for (const [i, title] of [`Gritting routes ${run}`, `Bus shelter use ${run}`].entries()) {
    await sql(
      `INSERT INTO challenges (id, slug, organisation_id, status, title, problem, published_at, created_at, updated_at)
       VALUES ($1, $2, $3, 'open', $4, 'A problem.', now(), now(), now())`,
      [`e2e-events-c${i}-${run}`, `e2e-events-c${i}-${run}`, council!.id, title],
    );
  }

  await page.goto("/hub/demo-pennine-data-hub/events");
  await page.getByRole("link", { name: "Create an event" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create an event");

  const start = new Date(Date.now() + 60 * 86_400_000);
  const fillDate = async (legend: string, date: Date) => {
    const group = page.getByRole("group", { name: legend });
    await group.getByLabel("Day").fill(String(date.getUTCDate()));
    await group.getByLabel("Month").fill(String(date.getUTCMonth() + 1));
    await group.getByLabel("Year").fill(String(date.getUTCFullYear()));
  };
  await page.getByLabel("Hack day").check();
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Description").fill("A day on **flood data** with Wakefield.");
  await fillDate("Start date", start);
  await page.getByLabel("Start time").fill("10am");
  await fillDate("End date", start);
  // A mistake: the end time is not a time.
  await page.getByLabel("End time").fill("half five");
  await page.getByLabel("Venue name").fill("Wakefield One");
  await page.getByLabel("Venue address").fill("Burton Street, Wakefield");
  await page.getByLabel("Postcode").fill("WF1 2EB");
  await page.getByRole("group", { name: "Step-free access" }).getByLabel("Yes", { exact: true }).check();
  await page.getByRole("group", { name: "Hearing loop" }).getByLabel("No", { exact: true }).check();
  await page.getByLabel("Nearest station").fill("Wakefield Westgate");
  await page.getByLabel("Capacity").fill("30");
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.locator("#endTime-error")).toContainText("End time must be a time");
  await expect(page.getByLabel("Title")).toHaveValue(TITLE);
  await page.getByLabel("End time").fill("5:30pm");
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.getByText(`“${TITLE}” is saved as a draft`)).toBeVisible();
  await expect(page.getByText("Feature at least one challenge")).toBeVisible();
  const manage = page.url();

  // The public cannot see the draft yet.
  const visitor = await newPage(browser);
  const slug = new URL(manage).pathname.split("/")[2]!;
  const draft = await visitor.goto(`/events/${slug}`);
  expect(draft?.status()).toBe(404);

  await page.getByRole("link", { name: "Featured challenges" }).click();
  await page.getByLabel("Search by title or council").fill(run);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByLabel(`Gritting routes ${run}`).check();
  await page.getByLabel(`Bus shelter use ${run}`).check();
  await page.getByRole("button", { name: "Save featured challenges" }).click();
  await expect(page.getByText("2 challenges featured")).toBeVisible();

  await page.goto(`/events/${slug}/agenda`);
  await page.getByLabel("Starts at").fill("10am");
  await page.getByLabel("Ends at (optional)").fill("10:30am");
  await page.getByLabel("What happens").fill("Welcome and introductions");
  await page.getByRole("button", { name: "Add to the agenda" }).click();
  await expect(page.getByText("Welcome and introductions is on the agenda")).toBeVisible();

  await page.goto(manage);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText(`“${TITLE}” is published`)).toBeVisible();

  // The public page, at desktop width and a phone's.
  await visitor.goto("/events");
  await visitor.getByRole("link", { name: TITLE }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(visitor.getByText("10am to 5:30pm")).toBeVisible();
  await expect(visitor.getByText("Step-free access")).toBeVisible();
  await expect(visitor.getByRole("link", { name: `Gritting routes ${run}` })).toBeVisible();
  await expect(visitor.getByText("Welcome and introductions")).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Register", exact: true })).toBeVisible();
  await visitor.setViewportSize({ width: 390, height: 844 });
  await visitor.reload();
  expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The calendar file downloads.
  const download = visitor.waitForEvent("download");
  await visitor.getByRole("link", { name: "Add to calendar" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${slug}.ics`);
  const text = await (await visitor.request.get(`/events/${slug}/calendar.ics`)).text();
  expect(text).toContain(`SUMMARY:${TITLE}`);
  expect(text).toMatch(/DTSTART:\d{8}T\d{6}Z/);
  await closeWatched(visitor);
});
