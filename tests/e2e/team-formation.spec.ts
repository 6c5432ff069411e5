import type { Page } from "@playwright/test";
import { closeWatched, expect, test } from "./fixtures";
import { makeOrganiser, newPage, run } from "./helpers";
import { createPerson, signInAs, sql } from "./session";

// An organiser of the demo hub asks for suggested teams for the people registered at a hack
// day with two challenges, sees who gets their first choice and which essential skill nobody
// has, and applies the suggestion; then the public showcase lists the teams with an announced
// award, and presentation mode moves between teams with the arrow keys, at a projector's size
// and a phone's. The event and registrations are written directly (their pages are other
// parts' work); every page is scanned by axe.

const prefix = `e2e-d-${run}`;
const EVENT_SLUG = `formation-day-${run}`;
const POTHOLES = `Which potholes come back? ${run}`;
const BINS = `Who misses bin day? ${run}`;

async function setUp() {
  const [hub] = await sql<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo-pennine-data-hub'");
  const [council] = await sql<{ id: string }>("SELECT id FROM organisations WHERE local_authority_code = 'WKF'");
  const skills = await sql<{ id: string; slug: string }>("SELECT id, slug FROM skills WHERE slug IN ('sql', 'python', 'geospatial-analysis')");
  const skill = (slug: string) => skills.find((s) => s.slug === slug)!.id;
  const challenge = async (n: number, title: string, essentials: string[]) => {
    const id = `${prefix}-c${n}`;
    await sql(
      `INSERT INTO challenges (id, slug, organisation_id, status, title, problem, published_at, created_at, updated_at)
       VALUES ($1, $2, $3, 'open', $4, 'A problem the council has.', now(), now(), now())`,
      [id, `${prefix}-challenge-${n}`, council!.id, title],
    );
    for (const slug of essentials) await sql("INSERT INTO challenge_skills (challenge_id, skill_id, importance) VALUES ($1, $2, 'essential')", [id, skill(slug)]);
    return id;
  };
  const potholes = await challenge(1, POTHOLES, ["geospatial-analysis", "sql"]);
  const bins = await challenge(2, BINS, ["python"]);
  const eventId = `${prefix}-event`;
  await sql(
    `INSERT INTO events (id, slug, hub_id, kind, status, title, starts_at, ends_at, capacity, team_size_min, team_size_max, published_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'hack_day', 'published', $4, now() + interval '7 days', now() + interval '7 days 8 hours', 30, 2, 3, now(), now(), now())`,
    [eventId, EVENT_SLUG, hub!.id, `Formation hack day ${run}`],
  );
  await sql("INSERT INTO event_challenges (event_id, challenge_id, position) VALUES ($1, $2, 0), ($1, $3, 1)", [eventId, potholes, bins]);
  // Five people: a mapper and a coder who share their skills, three guests without.
  const people: { name: string; choices: string[]; skills: string[] }[] = [
    { name: "Maya Mapper", choices: [bins, potholes], skills: ["geospatial-analysis"] },
    { name: "Cody Coder", choices: [bins], skills: ["python"] },
    { name: "Gail Guest", choices: [potholes] },
    { name: "Hal Guest", choices: [potholes, bins] },
    { name: "Ida Guest", choices: [bins] },
  ].map((p) => ({ skills: [], ...p }));
  for (const [i, person] of people.entries()) {
    let userId: string | null = null;
    if (person.skills.length) {
      userId = (await createPerson(person.name, `${prefix}-p${i}@example.org`)).id;
      await sql("INSERT INTO profiles (user_id, headline, created_at, updated_at) VALUES ($1, 'Volunteer', now(), now())", [userId]);
      for (const slug of person.skills) await sql("INSERT INTO profile_skills (user_id, skill_id, level) VALUES ($1, $2, 'practised')", [userId, skill(slug)]);
    }
    const registrationId = `${prefix}-r${i}`;
    await sql(
      `INSERT INTO registrations (id, event_id, user_id, guest_name, status, ticket_code, confirmed_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, 'confirmed', $5, now(), now() + ($6 || ' seconds')::interval, now())`,
      [registrationId, eventId, userId, userId ? "" : person.name, `D${i}${run}`.toUpperCase().slice(0, 12), String(i)],
    );
    for (const [rank, challengeId] of person.choices.entries()) {
      await sql("INSERT INTO registration_choices (registration_id, challenge_id, rank) VALUES ($1, $2, $3)", [registrationId, challengeId, rank + 1]);
    }
  }
  return { eventId };
}

async function noSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, `${page.url()} is ${scroll}px wide on a ${client}px screen`).toBeLessThanOrEqual(client);
}

test("an organiser applies suggested teams; the showcase and presentation mode show them", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const { eventId } = await setUp();
  const organiser = await createPerson("Orla Organiser", `${prefix}-organiser@example.org`);
  makeOrganiser(organiser.email);
  await signInAs(page, organiser.email);

  await page.goto(`/events/${EVENT_SLUG}/teams/suggest`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Suggested teams");
  await expect(page.getByText("5 people are not in a team yet.")).toBeVisible();
  await page.getByRole("button", { name: "Suggest teams" }).click();
  await expect(page.getByRole("heading", { name: "The suggestion" })).toBeVisible();
  // The mapper is moved to potholes for its geospatial analysis; nobody has SQL, and it says so.
  const potholesTeam = page.getByRole("table", { name: `${POTHOLES} – team 1 New team · ${POTHOLES}` });
  await expect(potholesTeam.getByRole("row", { name: /Maya Mapper.*2nd choice.*Geospatial analysis/ })).toBeVisible();
  await expect(page.getByTestId("gaps")).toContainText(`${POTHOLES} – team 1 has nobody with SQL: nobody attending shares SQL.`);
  await expect(page.getByTestId("first-choice")).toContainText("4 of 5 people get their first choice, 1 their second");
  // The suggestion reads on a phone too.
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page);
  await page.getByRole("button", { name: "Apply these teams" }).click();
  await expect(page).toHaveURL(new RegExp(`/events/${EVENT_SLUG}/teams$`));
  const placed = await sql<{ n: string }>("SELECT count(*)::text AS n FROM event_team_members WHERE event_id = $1 AND source = 'organiser'", [eventId]);
  expect(placed[0]!.n).toBe("5");

  // The teams' summaries, a demo link, presentation order and an announced award.
  const rows = await sql<{ id: string; name: string }>("SELECT id, name FROM event_teams WHERE event_id = $1", [eventId]);
  expect(rows.map((t) => t.name).sort()).toEqual([`${BINS} – team 1`, `${POTHOLES} – team 1`].sort());
  const teamId = (title: string) => rows.find((t) => t.name === `${title} – team 1`)!.id;
  await sql("UPDATE event_teams SET presentation_order = 1, summary = 'Maps where potholes return', demo_url = 'https://example.org/potholes' WHERE id = $1", [teamId(POTHOLES)]);
  await sql("UPDATE event_teams SET presentation_order = 2, summary = 'Predicts missed collections' WHERE id = $1", [teamId(BINS)]);
  await sql("INSERT INTO awards (id, event_id, name, team_id, peoples_choice, position, announced_at, created_at) VALUES ($1, $2, 'People’s choice', $3, true, 0, now(), now())", [
    `${prefix}-award`,
    eventId,
    teamId(BINS),
  ]);

  // The public showcase.
  const visitor = await newPage(browser);
  await visitor.goto(`/events/${EVENT_SLUG}/showcase`);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("Showcase");
  const listed = visitor.getByRole("list", { name: "Teams" }).getByRole("heading", { level: 2 });
  await expect(listed).toHaveText([`${POTHOLES} – team 1`, `${BINS} – team 1`]);
  await expect(visitor.getByText("People’s choice")).toBeVisible();
  await expect(visitor.getByText("Maya Mapper")).toHaveCount(0);

  // Presentation mode on a projector: the arrow keys, Home and End move, and say where they are.
  await visitor.setViewportSize({ width: 1280, height: 720 });
  await visitor.getByRole("link", { name: /Present the teams/ }).click();
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`${POTHOLES} – team 1`);
  await expect(visitor.getByTestId("slide-position")).toHaveText("Team 1 of 2");
  await expect(visitor.locator("header.govuk-template__header")).toHaveCount(0);
  const fits = await visitor.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight && document.documentElement.scrollWidth <= window.innerWidth);
  expect(fits, "the slide fits a 1280×720 projector without scrolling").toBe(true);
  await visitor.keyboard.press("ArrowRight");
  await expect(visitor).toHaveURL(/team=2/);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`${BINS} – team 1`);
  await expect(visitor.getByTestId("slide-position")).toHaveText("Team 2 of 2");
  await expect(visitor.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(visitor.getByText("People’s choice")).toBeVisible();
  await visitor.keyboard.press("ArrowLeft");
  await expect(visitor.getByTestId("slide-position")).toHaveText("Team 1 of 2");
  await visitor.keyboard.press("End");
  await expect(visitor.getByTestId("slide-position")).toHaveText("Team 2 of 2");
  await visitor.keyboard.press("Home");
  await expect(visitor.getByTestId("slide-position")).toHaveText("Team 1 of 2");
  await visitor.getByRole("link", { name: "Next team" }).click();
  await expect(visitor.getByTestId("slide-position")).toHaveText("Team 2 of 2");

  // And on a phone.
  await visitor.setViewportSize({ width: 390, height: 844 });
  await visitor.goto(`/events/${EVENT_SLUG}/present?team=1`);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`${POTHOLES} – team 1`);
  await noSidewaysScroll(visitor);
  await visitor.goto(`/events/${EVENT_SLUG}/showcase`);
  await noSidewaysScroll(visitor);
  await closeWatched(visitor);
});
