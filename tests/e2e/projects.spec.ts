import { closeWatched, expect, test } from "./fixtures";
import { newPage, run } from "./helpers";
import { createPerson, signInAs, signedInPerson, sql } from "./session";

// A team's journey: the council accepts an offer of help and the project appears, led by that
// volunteer; the lead invites a second person, who joins, accepts the data terms and only then
// sees the restricted dataset's link; they post an update (first forgetting the text); the
// repository's facts, commits chart and timeline show; then they leave the team. Every page is
// scanned by axe; the project page is also checked at a phone's width.

const TITLE = `Which culverts block first? ${run}`;
const SECRET = `https://data.example.gov.uk/e2e-${run}/households.csv`;

test("a team forms, accepts the data terms, posts an update, sees its repository, and a member leaves", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const officer = await createPerson("Olu Officer", `proj-officer-${run}@example.org`, "council_staff");
  const [council] = await sql<{ id: string }>("SELECT id FROM organisations WHERE local_authority_code = 'WKF'");
  await sql("INSERT INTO memberships (id, user_id, organisation_id, role, created_at) VALUES ($1, $2, $3, 'member', now())", [`e2e-pm-${run}`, officer.id, council!.id]);
  const slug = `culverts-${run}`;
  await sql(
    `INSERT INTO challenges (id, slug, organisation_id, status, title, problem, team_size_max, published_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'open', $4, 'Culverts block with debris and the lane floods.', 4, now(), now(), now())`,
    [`e2e-pc-${run}`, slug, council!.id, TITLE],
  );
  await sql(
    `INSERT INTO datasets (id, challenge_id, title, link, licence, sensitivity, personal_data, dpia, access_route, updated_at)
     VALUES ($1, $2, 'Households near culverts', $3, 'not_licensed', 'official_sensitive', true, 'yes', 'secure_environment', now())`,
    [`e2e-pd-${run}`, `e2e-pc-${run}`, SECRET],
  );

  // The lead offers help and the officer accepts: the project exists, led by them.
  const lead = await signedInPerson(page, "Lena Lead", `proj-lead-${run}@example.org`);
  await sql("INSERT INTO profiles (user_id, headline, hours_per_week, created_at, updated_at) VALUES ($1, 'Drainage mapper', 5, now(), now())", [lead.id]);
  await page.goto(`/challenges/${slug}`);
  await page.getByRole("button", { name: "I’d like to help" }).click();
  await page.getByLabel("What role would you take?").fill("Drainage mapper");
  await page.getByLabel("A short note to the council").fill("I survey culverts for a living.");
  await page.getByRole("button", { name: "Send offer to help" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your offer to help");
  const [offer] = await sql<{ id: string }>("SELECT id FROM challenge_applications WHERE user_id = $1", [lead.id]);

  const officerPage = await newPage(browser);
  await signInAs(officerPage, officer.email);
  await officerPage.goto(`/applications/${offer!.id}`);
  await officerPage.getByRole("button", { name: "Accept into the team" }).click();
  await expect(officerPage.getByText(`Lena Lead is in the team for “${TITLE}”`)).toBeVisible();
  await officerPage.goto(`/projects/${slug}`);
  await expect(officerPage.getByRole("heading", { level: 1 })).toHaveText(TITLE);
  await expect(officerPage.getByText("Forming", { exact: true })).toBeVisible();
  await closeWatched(officerPage);

  // The lead invites a second person by address.
  const member = await createPerson("Max Member", `proj-member-${run}@example.org`);
  await page.goto(`/projects/${slug}/team`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Team");
  await page.getByLabel("Their email address").fill(member.email);
  await page.getByLabel("Message (optional)").fill("Come and help us map the culverts.");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`If ${member.email} has a Nettle account, we've invited them`)).toBeVisible();
  await expect(page.getByText("Come and help us map the culverts.")).toBeVisible();

  // The second person joins from their notification.
  const memberPage = await newPage(browser);
  await signInAs(memberPage, member.email);
  await memberPage.goto("/notifications");
  await memberPage.getByRole("link", { name: `Lena Lead invites you to join the team for “${TITLE}”` }).click();
  await memberPage.getByRole("button", { name: "Join the team" }).click();
  await expect(memberPage.getByText(`You joined the team for “${TITLE}”`)).toBeVisible();

  // Before the data terms: the dataset is named but its link is not there.
  await expect(memberPage.getByText("Households near culverts")).toBeVisible();
  await expect(memberPage.locator(`a[href="${SECRET}"]`)).toHaveCount(0);
  await memberPage.getByRole("button", { name: "Accept the data terms" }).click();
  await expect(memberPage.getByText("You accepted the data terms", { exact: true })).toBeVisible();
  await expect(memberPage.getByRole("link", { name: "Open Households near culverts" })).toHaveAttribute("href", SECRET);

  // An update: forgetting the text is answered beside the field; then it is posted.
  await memberPage.getByRole("button", { name: "Post update" }).click();
  await expect(memberPage.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("Write your update");
  await memberPage.getByLabel("Post an update").fill("Surveyed **14 culverts** on Saturday.");
  await memberPage.getByRole("button", { name: "Post update" }).click();
  await expect(memberPage.getByText("Your update is posted")).toBeVisible();
  await expect(memberPage.locator("strong", { hasText: "14 culverts" })).toBeVisible();

  // The repository as the sync stores it, and a push on the timeline.
  const [project] = await sql<{ id: string }>("SELECT id FROM projects WHERE slug = $1", [slug]);
  const weeks = Array.from({ length: 12 }, (_, i) => ({ week: new Date(Date.UTC(2026, 8, 7 + i * 7)).toISOString().slice(0, 10), commits: [1, 2, 3, 2, 4, 3, 2, 8, 3, 2, 2, 0][i] }));
  await sql(
    `INSERT INTO repositories (id, project_id, owner, name, full_name_key, html_url, description, topics, licence_spdx, licence_name, default_branch,
       last_commit_sha, last_commit_at, last_commit_message, commit_weeks, sync_status, last_synced_at, updated_at)
     VALUES ($1, $2, 'nettle-demo', 'culverts', 'nettle-demo/culverts', 'https://github.com/nettle-demo/culverts', 'Culvert survey tools',
       '{flooding}', 'MIT', 'MIT License', 'main', 'abc1234def', now(), 'Add Saturday survey', $3::jsonb, 'ok', now(), now())`,
    [`e2e-pr-${run}`, project!.id, JSON.stringify(weeks)],
  );
  await sql(
    `INSERT INTO project_events (project_id, kind, source, occurred_at, title, url, actor_login, dedupe_key, created_at)
     VALUES ($1, 'push', 'webhook', now(), '3 commits to main', 'https://github.com/nettle-demo/culverts/compare/a...b', 'lena-maps', 'head:abc1234def', now())`,
    [project!.id],
  );
  await memberPage.setViewportSize({ width: 390, height: 844 });
  await memberPage.goto(`/projects/${slug}`);
  await expect(memberPage.getByRole("img", { name: "32 commits in 12 weeks, most in the week of 26 October (8); none in the last week." })).toBeVisible();
  await memberPage.getByText("Commits per week as a table").click();
  await expect(memberPage.getByRole("cell", { name: "26 October" })).toBeVisible();
  await expect(memberPage.getByRole("link", { name: "3 commits to main" })).toBeVisible();
  await expect(memberPage.getByText("Add Saturday survey")).toBeVisible();
  const { scroll, client } = await memberPage.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, "the project page fits a phone").toBeLessThanOrEqual(client);
  await memberPage.setViewportSize({ width: 1280, height: 900 });

  // The member leaves, after confirming; the link is gone.
  await memberPage.goto(`/projects/${slug}/team`);
  await memberPage.getByRole("link", { name: "Leave the team" }).click();
  await expect(memberPage.getByRole("heading", { name: "Leave the team?" })).toBeVisible();
  await memberPage.getByRole("button", { name: "Yes, confirm" }).click();
  await expect(memberPage.getByText(`You left the team for “${TITLE}”`)).toBeVisible();
  await expect(memberPage.locator(`a[href="${SECRET}"]`)).toHaveCount(0);
  await expect(memberPage.getByText("Max Member left the team")).toBeVisible();
  await closeWatched(memberPage);
});
