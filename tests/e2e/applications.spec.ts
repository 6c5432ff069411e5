import { closeWatched, expect, test } from "./fixtures";
import { newPage, run } from "./helpers";
import { createPerson, signInAs, signedInPerson, sql } from "./session";

// A volunteer offers to help with a challenge (first forgetting the note, told beside the field
// with what they typed kept); the council officer is notified, opens the offer and accepts them
// into the team; the volunteer sees the notification in the header and marks it read. Every page
// visited is scanned by axe.

const TITLE = `Which gullies block before a flood? ${run}`;

test("a volunteer offers help, the officer accepts, the volunteer is told", async ({ page, browser }) => {
  test.setTimeout(90_000);
  // An officer of the demo council (Wakefield) and an open challenge of theirs with room in the team.
  const officer = await createPerson("Orla Officer", `help-officer-${run}@example.org`, "council_staff");
  const [council] = await sql<{ id: string }>("SELECT id FROM organisations WHERE local_authority_code = 'WKF'");
  await sql("INSERT INTO memberships (id, user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, 'member', now())", [
    `e2e-m-${run}`,
    officer.id,
    council!.id,
  ]);
  const slug = `gullies-${run}`;
  await sql(
    `INSERT INTO challenges (id, slug, organisation_id, status, title, problem, team_size_max, published_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'open', $4, 'Gullies block with leaves and the road floods.', 3, now(), now(), now())`,
    [`e2e-c-${run}`, slug, council!.id, TITLE],
  );
  const volunteer = await signedInPerson(page, "Vic Volunteer", `help-volunteer-${run}@example.org`);
  await sql("INSERT INTO profiles (user_id, headline, hours_per_week, created_at, updated_at) VALUES ($1, 'GIS volunteer', 5, now(), now())", [
    volunteer.id,
  ]);

  // The volunteer offers help; forgetting the note is answered beside it, the role kept.
  await page.goto(`/challenges/${slug}`);
  await page.getByRole("button", { name: "I’d like to help" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Offer to help");
  await page.getByLabel("What role would you take?").fill("GIS analyst");
  await page.getByRole("button", { name: "Send offer to help" }).click();
  await expect(page.getByRole("alert")).toContainText("Write a short note to the council");
  await expect(page.getByLabel("What role would you take?")).toHaveValue("GIS analyst");
  await page.getByLabel("A short note to the council").fill("I map drainage for a living and have 5 hours a week.");
  await page.getByRole("button", { name: "Send offer to help" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your offer to help");
  await expect(page.getByText("Waiting for an answer")).toBeVisible();

  // The officer sees the offer in their notifications and accepts the volunteer into the team.
  const officerPage = await newPage(browser);
  await signInAs(officerPage, officer.email);
  await officerPage.goto("/");
  await officerPage.getByRole("link", { name: "Notifications (1 unread)" }).click();
  await officerPage.getByRole("link", { name: `Vic Volunteer offers to help with “${TITLE}”` }).click();
  await expect(officerPage.getByRole("heading", { level: 1 })).toHaveText("Vic Volunteer offers to help");
  await expect(officerPage.getByText("I map drainage for a living")).toBeVisible();
  await expect(officerPage.getByLabel("Hours a week in this team")).toHaveValue("5");
  await officerPage.getByRole("button", { name: "Accept into the team" }).click();
  await expect(officerPage.getByText(`Vic Volunteer is in the team for “${TITLE}”`)).toBeVisible();
  await officerPage.getByRole("link", { name: "All offers and invitations" }).click();
  await expect(officerPage.getByText("1 of 3 places are taken.")).toBeVisible();
  await closeWatched(officerPage);

  // The volunteer is told: the header counts it, the centre shows it, and it can be marked read.
  await page.goto("/");
  await page.getByRole("link", { name: "Notifications (1 unread)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Notifications");
  await expect(page.getByRole("link", { name: `You are in the team for “${TITLE}”` })).toBeVisible();
  await page.getByRole("button", { name: `Mark as read – You are in the team for “${TITLE}”` }).click();
  await expect(page.getByText("You have no unread notifications.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
});
