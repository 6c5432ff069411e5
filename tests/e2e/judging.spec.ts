import type { Page } from "@playwright/test";
import { closeWatched, expect, test, watchAccessibility } from "./fixtures";
import { newPage, run } from "./helpers";
import { createPerson, signInAs, sql } from "./session";

// Judging a hack day: the organiser invites two judges by email; each opens the link from the
// development mailbox without an account (one on a phone), declares conflicts and scores; the
// results show; checked-in attendees vote for people's choice (not for their own team); the
// organiser closes voting and announces the awards. Every page visited is scanned by axe.
// The event, its teams and its checked-in attendees are set up in the database: registration,
// check-in and team forming are journeys of their own.

const prefix = `e2e-judging-${run}`;
const slug = `judging-hack-day-${run}`;

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

test("two judges score, attendees vote, and the people's choice is announced", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const organiser = await createPerson("Orla Organiser", `${prefix}-organiser@example.org`);
  const [hub] = await sql<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo-pennine-data-hub'");
  await sql(
    "INSERT INTO memberships (id, user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, 'member', now())",
    [`${prefix}-m`, organiser.id, hub!.id],
  );
  const challenges = await sql<{ id: string }>(
    "SELECT id FROM challenges WHERE status = 'open' AND published_at IS NOT NULL ORDER BY slug LIMIT 2",
  );
  const eventId = `${prefix}-event`;
  await sql(
    `INSERT INTO events (id, slug, hub_id, kind, status, title, starts_at, ends_at, capacity, published_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'hack_day', 'published', $4, now() - interval '6 hours', now() + interval '2 hours', 30, now(), now(), now())`,
    [eventId, slug, hub!.id, `Hack day ${run}`],
  );
  for (const [i, c] of challenges.entries())
    await sql("INSERT INTO event_challenges (event_id, challenge_id, position) VALUES ($1, $2, $3)", [
      eventId,
      c.id,
      i,
    ]);
  await sql(
    `INSERT INTO criteria (id, event_id, name, description, weight, max_score, adoption, position) VALUES
     ($1, $3, 'Quality of the work', '', 3, 5, false, 0), ($2, $3, 'Could we adopt this?', 'Could the council use this within a year?', 3, 5, true, 1)`,
    [`${prefix}-c1`, `${prefix}-c2`, eventId],
  );
  for (const [i, name] of ["Red Kites", "Blue Herons"].entries()) {
    await sql(
      "INSERT INTO event_teams (id, event_id, challenge_id, name, created_at, updated_at) VALUES ($1, $2, $3, $4, now(), now())",
      [`${prefix}-t${i}`, eventId, challenges[i % challenges.length]!.id, name],
    );
  }
  // Three attendees checked in: the first in Red Kites, the second in Blue Herons, the third in no team.
  const attendees = [];
  for (const [i, name] of ["Ada Attendee", "Ben Attendee", "Cal Attendee"].entries()) {
    const person = await createPerson(name, `${prefix}-attendee${i}@example.org`);
    await sql(
      `INSERT INTO registrations (id, event_id, user_id, status, ticket_code, confirmed_at, attended_at, created_at, updated_at)
       VALUES ($1, $2, $3, 'confirmed', $4, now(), now(), now(), now())`,
      [`${prefix}-r${i}`, eventId, person.id, `JDG${i}${run}`.slice(0, 12).toUpperCase()],
    );
    if (i < 2) {
      await sql(
        "INSERT INTO event_team_members (id, event_id, team_id, registration_id, user_id, source, created_at) VALUES ($1, $2, $3, $4, $5, 'organiser', now())",
        [`${prefix}-tm${i}`, eventId, `${prefix}-t${i}`, `${prefix}-r${i}`, person.id],
      );
    }
    attendees.push(person);
  }

  // The organiser invites two judges.
  await signInAs(page, organiser.email);
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
  // Inviting the same address again is answered beside the field.
  await page.locator("form#invite-judge").getByLabel("Name").fill("Judge 1 again");
  await page.locator("form#invite-judge").getByLabel("Email address").fill(judges[0]!);
  await page.locator("form#invite-judge").getByRole("button", { name: "Send invitation" }).click();
  await expect(page.locator("#email-error")).toContainText("is already a judge of this event");

  // Judge 1, on a phone, without an account: a conflict with Red Kites, then scores Blue Herons.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const judge1 = watchAccessibility(await phone.newPage());
  const link1 = await judgeLink(judge1, judges[0]!);
  await judge1.goto(link1);
  await expect(judge1.getByRole("heading", { level: 1 })).toHaveText(`Judging Hack day ${run}`);
  await judge1.getByLabel("Red Kites").check();
  await judge1.getByRole("button", { name: "Continue" }).click();
  await expect(judge1.getByText("You declared a conflict of interest")).toBeVisible();
  await expect(judge1.getByText("You declared a conflict", { exact: true })).toBeVisible();
  expect(await judge1.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await judge1.getByRole("link", { name: "Score for Blue Herons" }).click();
  await judge1.getByRole("group", { name: "Quality of the work" }).getByLabel("4", { exact: true }).check();
  // The adoption question left out: refused beside it, the other answer kept.
  await judge1.getByRole("button", { name: "Save scores for Blue Herons" }).click();
  await expect(judge1.getByRole("group", { name: /Could we adopt this/ })).toContainText("Choose a score from 1 to 5");
  await expect(
    judge1.getByRole("group", { name: "Quality of the work" }).getByLabel("4", { exact: true }),
  ).toBeChecked();
  await judge1
    .getByRole("group", { name: /Could we adopt this/ })
    .getByLabel("5", { exact: true })
    .check();
  await judge1.getByRole("button", { name: "Save scores for Blue Herons" }).click();
  await expect(judge1.getByText("You have scored 1 of 1 team.")).toBeVisible();
  expect(await judge1.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await closeWatched(judge1);
  await phone.close();

  // Judge 2: no conflicts, scores both teams.
  const judge2 = await newPage(browser);
  await judge2.goto(await judgeLink(judge2, judges[1]!));
  await judge2.getByLabel("None: I have no conflicts of interest").check();
  await judge2.getByRole("button", { name: "Continue" }).click();
  for (const [team, quality, adoption] of [
    ["Red Kites", "3", "2"],
    ["Blue Herons", "5", "4"],
  ] as const) {
    await judge2.getByRole("link", { name: `Score for ${team}` }).click();
    await judge2.getByRole("group", { name: "Quality of the work" }).getByLabel(quality, { exact: true }).check();
    await judge2
      .getByRole("group", { name: /Could we adopt this/ })
      .getByLabel(adoption, { exact: true })
      .check();
    await judge2.getByRole("button", { name: `Save scores for ${team}` }).click();
    await expect(judge2.getByText(`Your scores for ${team} are saved`)).toBeVisible();
  }
  await expect(judge2.getByText("You have scored 2 of 2 teams.")).toBeVisible();
  await closeWatched(judge2);

  // The results show to the organiser, with each judge's progress.
  await page.goto(`/events/${slug}/judging`);
  await expect(page.getByText("1 of 1 teams scored")).toBeVisible();
  await expect(page.getByText("2 of 2 teams scored")).toBeVisible();
  const rows = page.locator("table tbody tr");
  await expect(rows.first()).toContainText("1st");
  await expect(rows.first()).toContainText("Blue Herons");
  await page.getByRole("button", { name: "Publish the results" }).click();
  await expect(page.getByText("The results are published")).toBeVisible();

  // People's choice: the organiser opens voting; the attendees vote.
  await page.goto(`/events/${slug}/voting`);
  await page.getByRole("button", { name: "Open voting" }).click();
  await expect(page.getByText("Voting is open. 0 of 3 attendees have voted.")).toBeVisible();
  const votes: [number, string][] = [
    [0, "Blue Herons"],
    [1, "Red Kites"],
    [2, "Blue Herons"],
  ];
  for (const [i, team] of votes) {
    const voter = await newPage(browser);
    await signInAs(voter, attendees[i]!.email);
    await voter.goto(`/events/${slug}/vote`);
    // Nobody is offered their own team.
    if (i === 0) await expect(voter.getByLabel("Red Kites")).toHaveCount(0);
    await voter.getByLabel(team).check();
    await voter.getByRole("button", { name: "Vote" }).click();
    await expect(voter.getByRole("heading", { name: `You voted for ${team}` })).toBeVisible();
    await closeWatched(voter);
  }
  // Counts stay hidden until the close.
  await page.goto(`/events/${slug}/voting`);
  await expect(page.getByText("Voting is open. 3 of 3 attendees have voted.")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await page.getByRole("button", { name: "Close voting" }).click();
  await page.getByRole("button", { name: "Yes, close voting" }).click();
  await expect(page.getByText("Voting is closed. People's choice: Blue Herons.")).toBeVisible();
  await expect(page.getByRole("row", { name: "Blue Herons 2" })).toBeVisible();

  // Awards: one named by the organiser, then both announced.
  await page.goto(`/events/${slug}/awards`);
  const add = page.locator("form#add-award");
  await add.getByLabel("Name").fill("Most likely to be adopted");
  const blue = await add.locator("option", { hasText: "Blue Herons" }).getAttribute("value");
  await add.getByLabel("Team (optional)").selectOption(blue!);
  await add.getByRole("button", { name: "Add award" }).click();
  await page.getByRole("button", { name: /Announce 2 awards/ }).click();
  await expect(page.getByText("2 awards announced")).toBeVisible();
  const announced = page.getByRole("region", { name: "Awards" });
  await expect(announced).toContainText("People's choice: Blue Herons");
  await expect(announced).toContainText("Most likely to be adopted");

  // The public event page announces them, to anyone.
  await page.goto(`/events/${slug}`);
  const onPage = page.getByRole("region", { name: "Awards" });
  await expect(onPage).toContainText("People's choice: Blue Herons");
  await expect(onPage).toContainText("Most likely to be adopted");
});
