import { closeWatched, expect, test } from "./fixtures";
import { makeOrganiser, newPage, run } from "./helpers";
import { createPerson, signInAs, sql } from "./session";

// On the day of a hack day: an organiser on a phone (390 px) checks people in by the ticket's
// QR address, by a typed code and by name; two attendees create and join a team; the organiser
// confirms it and its project page opens. Every page is scanned by axe. The event and the
// registrations are written directly (their pages belong to other parts of the issue).

const prefix = `e2e-c-${run}`;
const EVENT_TITLE = `Culvert hack day ${run}`;
const SLUG = `culvert-hack-day-${run}`;
const CODES = {
  amy: `AMY${run.slice(-5).toUpperCase()}`.slice(0, 8),
  ben: `BEN${run.slice(-5).toUpperCase()}`.slice(0, 8),
  cal: `CAL${run.slice(-5).toUpperCase()}`.slice(0, 8),
};

async function noSidewaysScroll(page: import("@playwright/test").Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

test("an organiser checks people in on a phone; attendees form a team; the organiser confirms it into a project", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const organiser = await createPerson("Orla Organiser", `${prefix}-organiser@example.org`);
  makeOrganiser(organiser.email);
  const [hub] = await sql<{ id: string }>("SELECT id FROM organisations WHERE slug = 'demo-pennine-data-hub'");
  const [council] = await sql<{ id: string }>("SELECT id FROM organisations WHERE local_authority_code = 'WKF'");
  const challenges = [
    { id: `${prefix}-ch1`, slug: `${prefix}-culverts`, title: `Which culverts block first? ${run}` },
    { id: `${prefix}-ch2`, slug: `${prefix}-gritting`, title: `Which roads need gritting? ${run}` },
  ];
  for (const c of challenges) {
    await sql(
      `INSERT INTO challenges (id, slug, organisation_id, status, title, problem, team_size_max, published_at, created_at, updated_at)
       VALUES ($1, $2, $3, 'open', $4, 'A problem for the hack day.', 5, now(), now(), now())`,
      [c.id, c.slug, council!.id, c.title],
    );
  }
  const eventId = `${prefix}-event`;
  await sql(
    `INSERT INTO events (id, slug, hub_id, status, title, starts_at, ends_at, capacity, published_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'published', $4, now() - interval '1 hour', now() + interval '6 hours', 20, now(), now(), now())`,
    [eventId, SLUG, hub!.id, EVENT_TITLE],
  );
  await sql("INSERT INTO event_challenges (event_id, challenge_id, position) VALUES ($1, $2, 0), ($1, $3, 1)", [
    eventId,
    challenges[0]!.id,
    challenges[1]!.id,
  ]);
  await sql("INSERT INTO checkpoints (id, event_id, name, position) VALUES ($1, $2, 'Arrival', 0)", [
    `${prefix}-arrival`,
    eventId,
  ]);
  const people = {
    amy: await createPerson("Amy Achebe", `${prefix}-amy@example.org`),
    ben: await createPerson("Ben Bowen", `${prefix}-ben@example.org`),
    cal: await createPerson("Cal Carvalho", `${prefix}-cal@example.org`),
  };
  for (const key of ["amy", "ben", "cal"] as const) {
    await sql(
      `INSERT INTO registrations (id, event_id, user_id, status, ticket_code, confirmed_at, created_at, updated_at)
       VALUES ($1, $2, $3, 'confirmed', $4, now(), now(), now())`,
      [`${prefix}-reg-${key}`, eventId, people[key].id, CODES[key]],
    );
  }

  // The organiser, on a phone, opens Amy's ticket's QR address and checks her in.
  const phone = await newPage(browser);
  await phone.setViewportSize({ width: 390, height: 844 });
  await signInAs(phone, organiser.email);
  await phone.goto(`/events/${SLUG}/check-in/${CODES.amy}`);
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Amy Achebe");
  await noSidewaysScroll(phone);
  await phone.getByRole("button", { name: "Check in at Arrival" }).click();
  await expect(phone.getByText("Amy Achebe is checked in at Arrival")).toBeVisible();
  // A second scan says so and counts once.
  await phone.goto(`/events/${SLUG}/check-in/${CODES.amy}`);
  await expect(phone.getByText(/Checked in at \d/)).toBeVisible();

  // Ben's code typed in lower case with a dash.
  await phone.goto(`/events/${SLUG}/check-in`);
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Check in");
  await noSidewaysScroll(phone);
  await phone
    .getByLabel("Ticket code")
    .fill(`${CODES.ben.slice(0, 4).toLowerCase()}-${CODES.ben.slice(4).toLowerCase()}`);
  await phone.getByRole("button", { name: "Find ticket" }).click();
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Ben Bowen");
  await phone.getByRole("button", { name: "Check in at Arrival" }).click();
  await expect(phone.getByText("Ben Bowen is checked in at Arrival")).toBeVisible();

  // Cal by name.
  await phone.goto(`/events/${SLUG}/check-in`);
  await phone.getByLabel("Or find by name").fill("cal carv");
  await phone.getByRole("button", { name: "Search" }).click();
  await expect(phone.getByRole("heading", { name: "1 person called “cal carv”" })).toBeVisible();
  await noSidewaysScroll(phone);
  await phone.getByRole("button", { name: "Check in Cal Carvalho" }).click();
  await expect(phone.getByText("Cal Carvalho is checked in at Arrival")).toBeVisible();
  await expect(phone.getByText("Arrival: 3 checked in")).toBeVisible();

  // Amy creates a team; Ben joins it.
  await signInAs(page, people.amy.email);
  await page.goto(`/events/${SLUG}/teams`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Teams");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByText("Enter a name for the team").first()).toBeVisible();
  await page.getByLabel("Challenge").selectOption({ label: challenges[0]!.title });
  await page.getByLabel("Team name").fill("Culvert Crew");
  await page.getByLabel("Demo link (optional)").fill("http://not-secure.example.org");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByText("Enter a demo link that starts with https://").first()).toBeVisible();
  await expect(page.getByLabel("Team name")).toHaveValue("Culvert Crew");
  await page.getByLabel("Demo link (optional)").fill("https://example.org/culverts");
  await page.getByRole("button", { name: "Create team" }).click();
  await expect(page.getByText("You created “Culvert Crew”")).toBeVisible();

  const ben = await newPage(browser);
  await signInAs(ben, people.ben.email);
  await ben.goto(`/events/${SLUG}/teams`);
  await ben.getByRole("button", { name: "Join Culvert Crew" }).click();
  await expect(ben.getByText("You joined “Culvert Crew”")).toBeVisible();
  await closeWatched(ben);

  // The organiser confirms the team; its project page opens.
  await phone.goto(`/events/${SLUG}/teams`);
  await noSidewaysScroll(phone);
  // Cal is not in a team: the organiser could place him.
  await expect(phone.getByLabel("Team for Cal Carvalho")).toBeVisible();
  await phone.getByRole("button", { name: "Confirm Culvert Crew" }).click();
  await phone.getByRole("button", { name: "Yes, confirm the team" }).click();
  await expect(phone.getByText("“Culvert Crew” is confirmed and is now a project")).toBeVisible();
  await phone.getByRole("link", { name: "Project page of Culvert Crew" }).click();
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Culvert Crew");
  await expect(phone.getByText("Amy Achebe").first()).toBeVisible();
  await closeWatched(phone);
});
