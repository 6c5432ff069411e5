import type { Page } from "@playwright/test";
import { closeWatched, expect, test } from "./fixtures";
import { newPage, run } from "./helpers";
import { createPerson, signInAs, signedInPerson, sql } from "./session";

// The whole matching journey, as the issue tells it: a volunteer builds a profile with ArcGIS
// and Python; a council officer opens the people list for a geospatial challenge and sees the
// volunteer with the reasons; invites them; the volunteer sees the notification and accepts;
// the officer accepts them into the team; someone following the challenge is told when its
// status changes. Every page each browser shows is scanned by axe.

const TITLE = `Where does surface water pool after storms? ${run}`;

async function addSkill(page: Page, word: string, skill: string, level: string) {
  await page.getByLabel("Find a skill").fill(word);
  await page.getByRole("button", { name: "Search skills" }).click();
  await page.getByRole("radio", { name: skill, exact: true }).check();
  await page.getByRole("group", { name: "How well do you know it?" }).getByLabel(level).check();
  await page.getByRole("button", { name: "Add skill" }).click();
  await expect(page.getByText(`${skill} is on your profile`)).toBeVisible();
}

async function openNotification(page: Page, title: string) {
  await page.goto("/");
  await page.getByRole("link", { name: /^Notifications \(\d+ unread\)$/ }).click();
  await page.getByRole("link", { name: title }).click();
}

test("a volunteer is found, invited, accepts and joins the team; a follower hears the challenge has started", async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);

  // A Wakefield officer and an open challenge of theirs that needs geospatial analysis.
  const officer = await createPerson("Omar Officer", `omar-${run}@example.org`, "council_staff");
  const [council] = await sql<{ id: string }>("SELECT id FROM organisations WHERE local_authority_code = 'WKF'");
  await sql("INSERT INTO memberships (id, user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, 'member', now())", [
    `journey-m-${run}`,
    officer.id,
    council!.id,
  ]);
  const challengeId = `journey-c-${run}`;
  const slug = `surface-water-${run}`;
  await sql(
    `INSERT INTO challenges (id, slug, organisation_id, status, title, problem, area, team_size_max, published_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'open', $4, 'Water pools on the same streets after every storm.', 'Wakefield', 4, now(), now(), now())`,
    [challengeId, slug, council!.id, TITLE],
  );
  await sql(
    `INSERT INTO challenge_skills (challenge_id, skill_id, importance)
     SELECT $1, id, 'essential'::"SkillImportance" FROM skills WHERE slug = 'geospatial-analysis'`,
    [challengeId],
  );

  // Someone follows the challenge from its page.
  const follower = await newPage(browser);
  await signedInPerson(follower, "Fern Follower", `fern-${run}@example.org`);
  await follower.goto(`/challenges/${slug}`);
  await follower.getByRole("button", { name: "Follow" }).click();
  await expect(follower.getByRole("button", { name: "Unfollow" })).toBeVisible();

  // The volunteer builds a profile with ArcGIS and Python.
  const name = `Vera Mapper ${run}`;
  await signedInPerson(page, name, `vera-${run}@example.org`);
  await page.goto("/account/profile");
  await addSkill(page, "arcgis", "ArcGIS", "Expert");
  await addSkill(page, "python", "Python", "Practised");
  await page.getByLabel("Headline").fill("GIS analyst who likes drains");
  await page.getByLabel("Hours a week you can give").fill("5");
  await page.getByLabel("Where are you based?").selectOption("Yorkshire and The Humber");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your profile is saved")).toBeVisible();

  // The officer opens the people list and sees the volunteer, with the reasons in words.
  const council_ = await newPage(browser);
  await signInAs(council_, officer.email);
  await council_.goto(`/challenges/${slug}`);
  await council_.getByRole("link", { name: "Find people for this challenge" }).click();
  await expect(council_.getByRole("heading", { level: 1 })).toHaveText("People for this challenge");
  await expect(async () => {
    await council_.reload();
    await expect(council_.getByRole("heading", { name, level: 2 })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const entry = council_.locator("li").filter({ has: council_.getByRole("heading", { name, level: 2 }) });
  await expect(entry).toContainText("ArcGIS → Geospatial analysis");
  await expect(entry).toContainText("5 hours a week free");

  // …and invites them.
  await entry.getByRole("link", { name: `Invite ${name}` }).click();
  await expect(council_.getByRole("heading", { level: 1 })).toHaveText(`Invite ${name}`);
  await council_.getByLabel("Your message").fill("Your ArcGIS work is exactly what we need for the drains map.");
  await council_.getByRole("button", { name: "Send invitation" }).click();
  await expect(council_.getByText(`Invitation sent to ${name}`)).toBeVisible();

  // The volunteer sees the notification and accepts.
  await openNotification(page, `Wakefield invites you to “${TITLE}”`);
  await expect(page.getByText("Your ArcGIS work is exactly what we need")).toBeVisible();
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page.getByText(`You accepted the invitation to “${TITLE}”`)).toBeVisible();

  // The officer is told and accepts the volunteer into the team.
  await openNotification(council_, `${name} accepted the invitation to “${TITLE}”`);
  await council_.getByRole("button", { name: "Accept into the team" }).click();
  await expect(council_.getByText(`${name} is in the team for “${TITLE}”`)).toBeVisible();

  // Work starts with the first team place: the challenge is in progress without anyone marking it…
  await council_.goto(`/challenges/${challengeId}/review`);
  await expect(council_.getByText(/in progress/i).first()).toBeVisible();
  await expect(council_.getByRole("button", { name: "Mark as in progress" })).toHaveCount(0);
  await closeWatched(council_);

  // …and the follower hears of it.
  await openNotification(follower, `“${TITLE}” is now in progress`);
  await expect(follower.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await closeWatched(follower);

  // The volunteer is in the team too.
  await openNotification(page, `You are in the team for “${TITLE}”`);
  await expect(page.getByText("You are in the team.")).toBeVisible();
});
