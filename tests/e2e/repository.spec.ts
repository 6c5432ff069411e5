import { expect, test } from "./fixtures";
import { run } from "./helpers";
import { signedInPerson, sql } from "./session";

// A team lead opens the project's repository page and pastes things that are not a GitHub
// repository: each is refused beside the field with what they typed kept, without JavaScript
// as with it. Every page is scanned by axe; the page fits a phone.

test("a lead is told clearly when what they paste is not a GitHub repository", async ({ page }) => {
  test.setTimeout(90_000);
  const lead = await signedInPerson(page, "Lena Lead", `repo-lead-${run}@example.org`);
  const [council] = await sql<{ id: string }>("SELECT id FROM organisations WHERE local_authority_code = 'WKF'");
  const slug = `repo-journey-${run}`;
  await sql(
    `INSERT INTO challenges (id, slug, organisation_id, status, title, problem, team_size_max, published_at, created_at, updated_at)
     VALUES ($1, $2, $3, 'in_progress', 'Where do the buses run late?', 'Buses run late and nobody knows where.', 3, now(), now(), now())`,
    [`e2e-rc-${run}`, slug, council!.id],
  );
  await sql(`INSERT INTO projects (id, slug, challenge_id, title, updated_at) VALUES ($1, $2, $3, 'Late buses', now())`, [`e2e-rp-${run}`, slug, `e2e-rc-${run}`]);
  await sql(
    `INSERT INTO team_members (id, challenge_id, user_id, role, project_id, team_role, created_at) VALUES ($1, $2, $3, 'Data analyst', $4, 'lead', now())`,
    [`e2e-rt-${run}`, `e2e-rc-${run}`, lead.id, `e2e-rp-${run}`],
  );

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/projects/${slug}/repository`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Repository");
  await expect(page.getByText("No repository is linked to this project yet.")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  for (const typed of ["https://gitlab.com/wakefield/late-buses", "https://github.com/wakefield-council"]) {
    await page.getByLabel("GitHub repository").fill(typed);
    await page.getByRole("button", { name: "Link the repository" }).click();
    await expect(page.locator(".govuk-error-summary")).toContainText("Enter the repository as owner/name");
    await expect(page.locator("#reference-error")).toContainText("or its GitHub address (like https://github.com/");
    await expect(page.getByLabel("GitHub repository")).toHaveValue(typed);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
