import { closeWatched, expect, scansDone, test } from "./fixtures";
import { newPage, run } from "./helpers";
import { createPerson, signInAs, signedInPerson, sql } from "./session";

// Registering for a hack day with two places: two people get them, a third joins the waiting
// list (number 1); one of the two cancels after confirming, the third is offered the place with
// a deadline and confirms it on their ticket page, which then shows the code and the QR code —
// checked at a phone's width. The organiser sees the counts. axe scans every page.

const TITLE = `Registrations hack day ${run}`;
const SLUG = `e2e-reg-${run}`;

test("register, join the waiting list, cancel, and the person waiting confirms the place offered", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const [hub] = await sql<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo-pennine-data-hub'");
  const [council] = await sql<{ id: string }>("SELECT id FROM organisations WHERE local_authority_code = 'WKF'");
  for (const [n, title] of [`Where do gullies block? ${run}`, `Which bins are missed? ${run}`].entries()) {
    await sql(
      `INSERT INTO challenges (id, slug, organisation_id, status, title, problem, published_at, created_at, updated_at)
       VALUES ($1, $2, $3, 'open', $4, 'A problem for the hack day.', now(), now(), now())`,
      [`e2e-reg-c${n}-${run}`, `e2e-reg-c${n}-${run}`, council!.id, title],
    );
  }
  await sql(
    `INSERT INTO events (id, slug, hub_id, kind, status, title, starts_at, ends_at, venue_name, venue_address, step_free_access,
       nearest_station, capacity, code_of_conduct, published_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'hack_day', 'published', $4, now() + interval '14 days', now() + interval '14 days 8 hours', 'Wakefield Library',
       'Burton Street, Wakefield', true, 'Wakefield Westgate', 2, 'Be **kind**. Harassment is not tolerated.', now(), now(), now())`,
    [`e2e-reg-e-${run}`, SLUG, hub!.id, TITLE],
  );
  await sql(
    `INSERT INTO event_challenges (event_id, challenge_id, position) VALUES ($1, $2, 0), ($1, $3, 1)`,
    [`e2e-reg-e-${run}`, `e2e-reg-c0-${run}`, `e2e-reg-c1-${run}`],
  );

  // The first person registers: forgetting the code of conduct keeps what they typed.
  await signedInPerson(page, "Ada Early", `e2e-reg-ada-${run}@example.org`);
  await page.goto(`/events/${SLUG}/register`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Register");
  await page.getByLabel("First choice").selectOption({ label: `Which bins are missed? ${run}` });
  await page.getByLabel("Second choice").selectOption({ label: `Which bins are missed? ${run}` });
  await page.getByLabel("Dietary needs").fill("Vegetarian");
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByText("Choose a different challenge for your second choice").first()).toBeVisible();
  await expect(page.getByText("Agree to the code of conduct to register").first()).toBeVisible();
  await expect(page.getByLabel("Dietary needs")).toHaveValue("Vegetarian");
  await page.getByLabel("Second choice").selectOption({ label: `Where do gullies block? ${run}` });
  await page.getByLabel("I agree to follow the code of conduct").check();
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your ticket");
  await expect(page.getByRole("heading", { name: "You have a place" })).toBeVisible();

  // The second takes the last place; the third waits.
  const bea = await newPage(browser);
  await createPerson("Bea Second", `e2e-reg-bea-${run}@example.org`);
  await signInAs(bea, `e2e-reg-bea-${run}@example.org`);
  await bea.goto(`/events/${SLUG}/register`);
  await bea.getByLabel("I agree to follow the code of conduct").check();
  await bea.getByRole("button", { name: "Register" }).click();
  await expect(bea.getByRole("heading", { name: "You have a place" })).toBeVisible();
  await closeWatched(bea);

  const cal = await newPage(browser);
  await createPerson("Cal Waiting", `e2e-reg-cal-${run}@example.org`);
  await signInAs(cal, `e2e-reg-cal-${run}@example.org`);
  await cal.goto(`/events/${SLUG}/register`);
  await cal.getByLabel("Access needs").fill("Step-free route, please");
  await cal.getByLabel("I agree to follow the code of conduct").check();
  await cal.getByRole("button", { name: "Register" }).click();
  await expect(cal.getByText("You are on the waiting list, number 1").first()).toBeVisible();

  // Ada gives up her place, after confirming.
  await page.getByRole("link", { name: "Cancel your place" }).click();
  await page.getByRole("button", { name: "Yes, cancel your place" }).click();
  await expect(page.getByText("Your registration is cancelled")).toBeVisible();

  // Cal is offered it, with a deadline, and confirms on the ticket page at a phone's width.
  await cal.setViewportSize({ width: 390, height: 844 });
  await cal.goto(`/events/${SLUG}/ticket`);
  await expect(cal.getByText(/^Confirm your place by \d{1,2}(:\d\d)?(am|pm) on \w+day/)).toBeVisible();
  await cal.getByRole("button", { name: "Confirm your place" }).click();
  await expect(cal.getByText("Your place is confirmed")).toBeVisible();
  await expect(cal.getByRole("heading", { name: "You have a place" })).toBeVisible();
  const [ticket] = await sql<{ ticket_code: string }>("SELECT ticket_code FROM registrations WHERE event_id = $1 AND status = 'confirmed' AND user_id = (SELECT id FROM users WHERE email = $2)", [
    `e2e-reg-e-${run}`,
    `e2e-reg-cal-${run}@example.org`,
  ]);
  await expect(cal.locator(".nettle-ticket__code")).toHaveText(ticket!.ticket_code);
  await expect(cal.getByRole("img", { name: /QR code of your ticket/ })).toBeVisible();
  const { scroll, client } = await cal.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
  await scansDone(cal);
  await cal.goto("/account/events");
  await expect(cal.getByRole("link", { name: TITLE })).toBeVisible();
  await closeWatched(cal);

  // The hub's organiser sees the counts, and the needs only when asking.
  const organiser = await newPage(browser);
  const boss = await createPerson("Orla Organiser", `e2e-reg-org-${run}@example.org`);
  await sql("INSERT INTO memberships (id, user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, 'member', now())", [`e2e-reg-m-${run}`, boss.id, hub!.id]);
  await signInAs(organiser, boss.email);
  await organiser.goto(`/events/${SLUG}/registrations`);
  await expect(organiser.getByRole("heading", { level: 1 })).toHaveText("Registrations");
  await expect(organiser.getByText("2 of 2 places taken")).toBeVisible();
  await expect(organiser.getByText("Step-free route, please")).toHaveCount(0);
  await organiser.getByRole("button", { name: "Show dietary and access needs" }).click();
  await expect(organiser.getByText("Step-free route, please")).toBeVisible();
  await closeWatched(organiser);
});
