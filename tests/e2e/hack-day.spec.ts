import type { Browser, Page } from "@playwright/test";
import { closeWatched, expect, scansDone, test } from "./fixtures";
import { makeOrganiser, newPage, run } from "./helpers";
import { createPerson, signInAs, sql } from "./session";

// A whole hack day, run through Nettle's pages: an organiser creates and publishes an event
// with two challenges and two places; three people register (the third waits); one cancels,
// and the person waiting is offered the place and confirms it on their ticket, on a phone; on
// the day the organiser opens each ticket's QR address and checks them in; teams form from a
// suggestion; two judges invited by email score them; the results show; the attendees vote,
// the organiser closes voting and announces the people's choice, which the showcase and the
// event page show; presentation mode moves with the arrow keys. axe scans every page.
// Only the clock is moved, in the database: check-in and voting need the day to have begun.

const prefix = `e2e-hackday-${run}`;
const TITLE = `Canal towpath hack day ${run}`;
const TOWPATH = `Who uses the towpath? hackday ${run}`;
const LOCKS = `When do the locks flood? hackday ${run}`;
const TEAM_TOWPATH = `${TOWPATH} – team 1`;
const TEAM_LOCKS = `${LOCKS} – team 1`;

async function personOn(browser: Browser, name: string, key: string) {
  const person = await createPerson(name, `${prefix}-${key}@example.org`);
  const page = await newPage(browser);
  await signInAs(page, person.email);
  return { ...person, page };
}

async function register(page: Page, slug: string, firstChoice: string) {
  await page.goto(`/events/${slug}/register`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Register");
  await page.getByLabel("First choice").selectOption({ label: firstChoice });
  await page.getByLabel("I agree to follow the code of conduct").check();
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your ticket");
}

async function judgeLink(page: Page, email: string) {
  await expect
    .poll(async () => {
      await page.goto(`/dev/mail?to=${encodeURIComponent(email)}`);
      return page.getByRole("link", { name: /You are invited to judge/ }).count();
    })
    .toBeGreaterThan(0);
  await page
    .getByRole("link", { name: /You are invited to judge/ })
    .first()
    .click();
  const href = await page.locator("a[href*='/judge/']").first().getAttribute("href");
  expect(href).toBeTruthy();
  return new URL(href!).pathname;
}

async function noSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, `${page.url()} is ${scroll}px wide on a ${client}px screen`).toBeLessThanOrEqual(client);
}

test("an organiser runs a hack day from publishing to the people's choice on the showcase", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const organiser = await createPerson("Orla Organiser", `${prefix}-organiser@example.org`);
  makeOrganiser(organiser.email);
  const [council] = await sql<{ id: string }>("SELECT id FROM organisations WHERE local_authority_code = 'WKF'");
  for (const [i, title] of [TOWPATH, LOCKS].entries()) {
    await sql(
      `INSERT INTO challenges (id, slug, organisation_id, status, title, problem, published_at, created_at, updated_at)
       VALUES ($1, $2, $3, 'open', $4, 'A problem for the hack day.', now(), now(), now())`,
      [`${prefix}-c${i}`, `${prefix}-c${i}`, council!.id, title],
    );
  }

  // The organiser creates the event: two places, teams of one to three.
  await signInAs(page, organiser.email);
  await page.goto("/hub/demo-pennine-data-hub/events");
  await page.getByRole("link", { name: "Create an event" }).click();
  const start = new Date(Date.now() + 30 * 86_400_000);
  for (const legend of ["Start date", "End date"]) {
    const group = page.getByRole("group", { name: legend });
    await group.getByLabel("Day").fill(String(start.getUTCDate()));
    await group.getByLabel("Month").fill(String(start.getUTCMonth() + 1));
    await group.getByLabel("Year").fill(String(start.getUTCFullYear()));
  }
  await page.getByLabel("Hack day").check();
  await page.getByLabel("Title").fill(TITLE);
  await page.getByLabel("Description").fill("A day on the canal's data with Wakefield.");
  await page.getByLabel("Start time").fill("10am");
  await page.getByLabel("End time").fill("5pm");
  await page.getByLabel("Venue name").fill("Wakefield One");
  await page.getByLabel("Venue address").fill("Burton Street, Wakefield");
  await page.getByRole("group", { name: "Step-free access" }).getByLabel("Yes", { exact: true }).check();
  await page.getByLabel("Capacity").fill("2");
  await page.getByLabel("Smallest team").fill("1");
  await page.getByLabel("Largest team").fill("3");
  await page.getByLabel("Code of conduct").fill("Be kind. Harassment is not tolerated.");
  await page.getByRole("button", { name: "Save as draft" }).click();
  await expect(page.getByText(`“${TITLE}” is saved as a draft`)).toBeVisible();
  const manage = page.url();
  const slug = new URL(manage).pathname.split("/")[2]!;

  await page.getByRole("link", { name: "Featured challenges" }).click();
  await page.getByLabel("Search by title or council").fill(`hackday ${run}`);
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByLabel(TOWPATH).check();
  await page.getByLabel(LOCKS).check();
  await page.getByRole("button", { name: "Save featured challenges" }).click();
  await expect(page.getByText("2 challenges featured")).toBeVisible();
  await page.goto(manage);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText(`“${TITLE}” is published`)).toBeVisible();
  await scansDone(page);

  // Three people register for two places: the third waits.
  const ada = await personOn(browser, "Ada Early", "ada");
  await register(ada.page, slug, TOWPATH);
  await expect(ada.page.getByRole("heading", { name: "You have a place" })).toBeVisible();
  const bea = await personOn(browser, "Bea Second", "bea");
  await register(bea.page, slug, TOWPATH);
  await expect(bea.page.getByRole("heading", { name: "You have a place" })).toBeVisible();
  const cal = await personOn(browser, "Cal Waiting", "cal");
  await register(cal.page, slug, LOCKS);
  await expect(cal.page.getByText("You are on the waiting list, number 1").first()).toBeVisible();

  // Ada cancels; Cal is offered her place and confirms it on a phone.
  await ada.page.getByRole("link", { name: "Cancel your place" }).click();
  await ada.page.getByRole("button", { name: "Yes, cancel your place" }).click();
  await expect(ada.page.getByText("Your registration is cancelled")).toBeVisible();
  await closeWatched(ada.page);
  await cal.page.setViewportSize({ width: 390, height: 844 });
  await cal.page.goto(`/events/${slug}/ticket`);
  await expect(cal.page.getByText(/^Confirm your place by /)).toBeVisible();
  await noSidewaysScroll(cal.page);
  await cal.page.getByRole("button", { name: "Confirm your place" }).click();
  await expect(cal.page.getByText("Your place is confirmed")).toBeVisible();
  await expect(cal.page.getByRole("heading", { name: "You have a place" })).toBeVisible();
  await noSidewaysScroll(cal.page);
  const codes: Record<"bea" | "cal", string> = { bea: "", cal: "" };
  codes.cal = (await cal.page.locator(".nettle-ticket__code").textContent())!.trim();
  await bea.page.goto(`/events/${slug}/ticket`);
  codes.bea = (await bea.page.locator(".nettle-ticket__code").textContent())!.trim();
  expect(codes.cal).toMatch(/^[A-Z0-9]{4,}$/);
  expect(codes.bea).toMatch(/^[A-Z0-9]{4,}$/);

  // The day begins (the clock moved in the database); the organiser opens each ticket's QR
  // address on a phone and checks the person in.
  await sql("UPDATE events SET starts_at = now() - interval '1 hour', ends_at = now() + interval '7 hours' WHERE slug = $1", [slug]);
  const phone = await newPage(browser);
  await phone.setViewportSize({ width: 390, height: 844 });
  await signInAs(phone, organiser.email);
  for (const [key, name] of [
    ["bea", "Bea Second"],
    ["cal", "Cal Waiting"],
  ] as const) {
    await phone.goto(`/events/${slug}/check-in/${codes[key]}`);
    await expect(phone.getByRole("heading", { level: 1 })).toHaveText(name);
    await noSidewaysScroll(phone);
    await phone.getByRole("button", { name: "Check in at Arrival" }).click();
    await expect(phone.getByText(`${name} is checked in at Arrival`)).toBeVisible();
  }
  await closeWatched(phone);

  // Teams form from the suggestion: each person at their first choice.
  await page.goto(`/events/${slug}/teams/suggest`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Suggested teams");
  await expect(page.getByText("2 people are not in a team yet (people checked in).")).toBeVisible();
  await page.getByRole("button", { name: "Suggest teams" }).click();
  await expect(page.getByRole("heading", { name: "The suggestion" })).toBeVisible();
  await expect(page.getByTestId("first-choice")).toContainText("2 of 2 people get their first choice");
  await page.getByRole("button", { name: "Apply these teams" }).click();
  await expect(page).toHaveURL(new RegExp(`/events/${slug}/teams$`));
  await expect(page.getByText(TEAM_TOWPATH).first()).toBeVisible();
  await expect(page.getByText(TEAM_LOCKS).first()).toBeVisible();

  // Two judges are invited by email and score both teams from their links, without accounts.
  await page.goto(`/events/${slug}/judging`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Judging");
  const judges = [`${prefix}-judge1@example.org`, `${prefix}-judge2@example.org`];
  for (const [i, email] of judges.entries()) {
    const form = page.locator("form#invite-judge");
    await form.getByLabel("Name").fill(`Judge ${i + 1}`);
    await form.getByLabel("Email address").fill(email);
    await form.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByText(`We have emailed ${email} a link to judge`)).toBeVisible();
  }
  const scores: Record<string, [string, string, string]>[] = [
    { [TEAM_TOWPATH]: ["3", "3", "2"], [TEAM_LOCKS]: ["5", "4", "5"] },
    { [TEAM_TOWPATH]: ["2", "2", "3"], [TEAM_LOCKS]: ["4", "4", "4"] },
  ];
  for (const [i, email] of judges.entries()) {
    const judge = await newPage(browser);
    await judge.goto(await judgeLink(judge, email));
    await expect(judge.getByRole("heading", { level: 1 })).toHaveText(`Judging ${TITLE}`);
    await judge.getByLabel("None: I have no conflicts of interest").check();
    await judge.getByRole("button", { name: "Continue" }).click();
    for (const [team, [quality, data, adoption]] of Object.entries(scores[i]!)) {
      await judge.getByRole("link", { name: `Score for ${team}` }).click();
      await judge.getByRole("group", { name: "Quality of the work" }).getByLabel(quality, { exact: true }).check();
      await judge.getByRole("group", { name: "Use of open data" }).getByLabel(data, { exact: true }).check();
      await judge.getByRole("group", { name: /Could we adopt this/ }).getByLabel(adoption, { exact: true }).check();
      await judge.getByRole("button", { name: `Save scores for ${team}` }).click();
      await expect(judge.getByText(`Your scores for ${team} are saved`)).toBeVisible();
    }
    await expect(judge.getByText("You have scored 2 of 2 teams.")).toBeVisible();
    await closeWatched(judge);
  }

  // The results: the locks team first.
  await page.goto(`/events/${slug}/judging`);
  await expect(page.getByText("2 of 2 teams scored")).toHaveCount(2);
  const rows = page.locator("table tbody tr");
  await expect(rows.first()).toContainText("1st");
  await expect(rows.first()).toContainText(TEAM_LOCKS);
  await page.getByRole("button", { name: "Publish the results" }).click();
  await expect(page.getByText("The results are published")).toBeVisible();

  // People's choice: voting opens, both attendees vote (neither is offered their own team),
  // and the organiser closes it.
  await page.goto(`/events/${slug}/voting`);
  await page.getByRole("button", { name: "Open voting" }).click();
  await expect(page.getByText("Voting is open. 0 of 2 attendees have voted.")).toBeVisible();
  await bea.page.goto(`/events/${slug}/vote`);
  await expect(bea.page.getByLabel(TEAM_TOWPATH)).toHaveCount(0);
  await bea.page.getByLabel(TEAM_LOCKS).check();
  await bea.page.getByRole("button", { name: "Vote" }).click();
  await expect(bea.page.getByRole("heading", { name: `You voted for ${TEAM_LOCKS}` })).toBeVisible();
  await closeWatched(bea.page);
  await cal.page.setViewportSize({ width: 1280, height: 800 });
  await cal.page.goto(`/events/${slug}/vote`);
  await expect(cal.page.getByLabel(TEAM_LOCKS)).toHaveCount(0);
  await expect(cal.page.getByLabel(TEAM_TOWPATH)).toBeVisible();
  await closeWatched(cal.page);
  await page.goto(`/events/${slug}/voting`);
  await expect(page.getByText("Voting is open. 1 of 2 attendees have voted.")).toBeVisible();
  await page.getByRole("button", { name: "Close voting" }).click();
  await page.getByRole("button", { name: "Yes, close voting" }).click();
  await expect(page.getByText(`Voting is closed. People's choice: ${TEAM_LOCKS}.`)).toBeVisible();

  await page.goto(`/events/${slug}/awards`);
  await page.getByRole("button", { name: /^Announce 1 award/ }).click();
  await expect(page.getByText("1 award announced")).toBeVisible();

  // The public sees the winner on the showcase and the event page, and presents the teams.
  const visitor = await newPage(browser);
  await visitor.goto(`/events/${slug}/showcase`);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Showcase");
  const teams = visitor.getByRole("list", { name: "Teams" });
  await expect(teams.getByRole("heading", { level: 2 })).toHaveCount(2);
  const winner = teams.getByRole("listitem").filter({ has: visitor.getByRole("heading", { name: TEAM_LOCKS }) });
  await expect(winner).toContainText("People's choice");
  const other = teams.getByRole("listitem").filter({ has: visitor.getByRole("heading", { name: TEAM_TOWPATH }) });
  await expect(other).not.toContainText("People's choice");
  await visitor.goto(`/events/${slug}`);
  await expect(visitor.getByRole("region", { name: "Awards" })).toContainText(`People's choice: ${TEAM_LOCKS}`);

  await visitor.goto(`/events/${slug}/showcase`);
  await visitor.getByRole("link", { name: /Present the teams/ }).click();
  await expect(visitor.getByTestId("slide-position")).toHaveText("Team 1 of 2");
  const first = await visitor.getByRole("heading", { level: 1 }).textContent();
  await visitor.keyboard.press("ArrowRight");
  await expect(visitor.getByTestId("slide-position")).toHaveText("Team 2 of 2");
  await expect(visitor.getByRole("heading", { level: 1 })).not.toHaveText(first!);
  await visitor.keyboard.press("ArrowLeft");
  await expect(visitor.getByTestId("slide-position")).toHaveText("Team 1 of 2");
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(first!);
  await closeWatched(visitor);
});
