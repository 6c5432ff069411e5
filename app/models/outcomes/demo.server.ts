import { answerApplication, expressInterest } from "~/models/applications/applications.server";
import {
  requestOutcomeChanges,
  saveOutcome,
  saveOutcomeDataset,
  signOffOutcome,
} from "~/models/outcomes/outcome.server";
import type { Actor } from "~/models/platform/actor";
import { recordProjectEvents } from "~/models/projects/timeline.server";
import { prisma } from "~/services/db.server";

// The demo's published outcome: the fly-tipping challenge gets a team (two demo people offer
// help and the officer accepts them, which makes the project), a recorded repository snapshot
// (fictional, no network), and an outcome that is sent back once, changed and signed off —
// all through the functions people use, so a newcomer sees the whole path.

export const DEMO_OUTCOME_CHALLENGE = "Where does fly-tipping happen, and when?";
const REPO = { owner: "nettle-demo", name: "fly-tipping-hotspots" };

export async function seedDemoOutcomes(people: { officer: Actor }, councilId: string, now = new Date()) {
  const challenge = await prisma.challenge.findFirst({
    where: { organisationId: councilId, title: DEMO_OUTCOME_CHALLENGE, status: "in_progress" },
    select: { id: true, slug: true },
  });
  if (!challenge) return null;
  // Two demo people with visible profiles and nothing else going on: their names show as credits.
  const team = await prisma.user.findMany({
    where: {
      visibility: { in: ["public", "members"] },
      isAdmin: false,
      profile: { isNot: null },
      memberships: { none: {} },
      applications: { none: {} },
    },
    orderBy: [{ visibility: "asc" }, { createdAt: "asc" }],
    take: 2,
  });
  if (team.length === 0) return null;
  const roles = ["Mapping and analysis", "Data cleaning"];
  for (const [i, user] of team.entries()) {
    const actor: Actor = { ...user, sessionId: "demo-seed" };
    const offer = await expressInterest(actor, challenge.slug, {
      role: roles[i] ?? "Analysis",
      message: "I map things for a living and would like to help with the hotspot map.",
    });
    await answerApplication(people.officer, offer.id, { intent: "accept", hours: undefined });
  }
  const project = await prisma.project.findFirstOrThrow({
    where: { challengeId: challenge.id },
    select: { id: true, slug: true },
  });
  const lead = team[0]!;
  const leadActor: Actor = { ...lead, sessionId: "demo-seed" };

  // A recorded snapshot of the team's (fictional) repository, as the sync would leave it.
  const day = 86_400_000;
  const released = new Date(now.getTime() - 9 * day);
  const htmlUrl = `https://github.com/${REPO.owner}/${REPO.name}`;
  await prisma.$transaction(async (tx) => {
    await tx.repository.create({
      data: {
        projectId: project.id,
        owner: REPO.owner,
        name: REPO.name,
        fullNameKey: `${REPO.owner}/${REPO.name}`,
        htmlUrl,
        description:
          "Where and when fly-tipping happens in Wakefield district, and where the mobile cameras should go.",
        topics: ["fly-tipping", "geospatial", "open-data"],
        licenceSpdx: "MIT",
        licenceName: "MIT License",
        defaultBranch: "main",
        readmeHasReuse: true,
        lastCommitSha: "5f1c2ab9e0d3c4b7a8f6e5d4c3b2a1f0e9d8c7b6",
        lastCommitAt: new Date(released.getTime() - day),
        lastCommitMessage: "Camera site recommendations for the spring",
        pushedAt: new Date(released.getTime() - day),
        commitWeeks: Array.from({ length: 12 }, (_, i) => ({
          week: new Date(now.getTime() - (11 - i) * 7 * day).toISOString().slice(0, 10),
          commits: [0, 2, 5, 8, 6, 9, 4, 7, 3, 2, 1, 0][i],
        })),
        contributors: [
          { login: "demo-mapper", contributions: 31, url: "https://github.com/demo-mapper" },
          { login: "demo-cleaner", contributions: 17, url: "https://github.com/demo-cleaner" },
        ],
        contributorCount: 2,
        latestReleaseTag: "v1.0.0",
        latestReleaseName: "Hotspot map, first release",
        latestReleaseAt: released,
        latestReleaseUrl: `${htmlUrl}/releases/tag/v1.0.0`,
        linkedById: lead.id,
        syncStatus: "ok",
        lastSyncedAt: now,
      },
    });
    await recordProjectEvents(tx, project.id, [
      {
        kind: "push",
        source: "sync",
        occurredAt: new Date(released.getTime() - day),
        title: "Camera site recommendations for the spring",
        dedupeKey: "head:5f1c2ab9e0d3c4b7a8f6e5d4c3b2a1f0e9d8c7b6",
      },
      {
        kind: "release",
        source: "sync",
        occurredAt: released,
        title: "v1.0.0 released",
        url: `${htmlUrl}/releases/tag/v1.0.0`,
        dedupeKey: "release:demo-1",
      },
    ]);
  });

  const texts = {
    title: "Fly-tipping hotspot map and camera plan",
    summary:
      "A map of where and when fly-tipping happens across Wakefield district since 2019, and a plan for where the six mobile cameras should go each month.",
    whatWasBuilt:
      "- A hotspot map by month, built from every fly-tipping report since 2019\n- A short list of camera sites for each season, with the reasons\n- Scripts that rebuild both from the council's report export",
    results: "The map shows that 40% of reports come from 25 streets, mostly on Sunday evenings.",
    howToReuse:
      "Export your fly-tipping reports as CSV (location, date, size, waste type), put the file in `data/` and run `make map`. The README explains each step.",
    licence: "mit" as const,
    demoUrl: "",
    reportUrl: "",
  };
  await saveOutcomeDataset(leadActor, project.slug, undefined, {
    title: "Fly-tipping hotspots by month",
    description: "One row per 100 m square and month: number of reports and the most common waste type.",
    link: "",
    format: "CSV",
    licence: "ogl",
    sensitivity: "open",
    personalData: false,
    dpia: "not_needed",
    accessRoute: "open_download",
    retentionDate: null,
  });
  await saveOutcome(leadActor, project.slug, texts, { submit: true });
  await requestOutcomeChanges(
    people.officer,
    project.slug,
    "Please add the numbers from the camera trial, so other councils can see what changed.",
  );
  await saveOutcome(
    leadActor,
    project.slug,
    {
      ...texts,
      results:
        "The map shows that 40% of reports come from 25 streets, mostly on Sunday evenings. In a three-month trial at the six recommended sites, cases with enough evidence for enforcement rose from 4 to 19, and repeat tips at those sites fell by a third.",
    },
    { submit: true },
  );
  return signOffOutcome(people.officer, project.slug);
}
