import { readFileSync } from "node:fs";
import path from "node:path";
import { answerApplication, expressInterest } from "~/models/applications/applications.server";
import type { Actor } from "~/models/platform/actor";
import { demoPeople } from "~/models/profiles/demo";
import { demoPersonEmail } from "~/models/profiles/demo.server";
import { recordProjectEvents } from "~/models/projects/timeline.server";
import type { ProjectEventKind } from "~/models/projects/timeline";
import { agreeDelivery, postProjectUpdate, requestDelivery } from "~/models/projects/updates.server";
import { acceptDataTerms } from "~/models/projects/team.server";
import { prisma } from "~/services/db.server";
import { renderMarkdown } from "~/services/markdown.server";

// Demo projects on the demo council's challenges, one at each stage a newcomer should see:
// forming (a team, no repository yet), active (recent commits), stalled (quiet for weeks) and
// delivered (marked by the team, agreed by the council). Teams are made by accepting demo
// people's offers of help through applications/; each repository is a recorded snapshot
// (prisma/data/demo/repositories.json), so nothing is fetched at start.

interface Snapshot {
  owner: string;
  name: string;
  description: string;
  topics: string[];
  licenceSpdx: string | null;
  licenceName: string | null;
  defaultBranch: string;
  readme: string;
  readmeHasReuse: boolean;
  lastCommit: { sha: string; daysAgo: number; message: string };
  commitWeeks: number[];
  contributors: { login: string; contributions: number }[];
  openIssues: number;
  openPullRequests: number;
  events: { kind: ProjectEventKind; daysAgo: number; title: string; dedupeKey: string; path: string; actor: string }[];
  update: { daysAgo: number; body: string };
}

const DAY = 86_400_000;

function snapshots(): Record<"bins" | "care" | "damp", Snapshot> {
  const file = path.resolve("prisma/data/demo/repositories.json");
  return JSON.parse(readFileSync(file, "utf8")) as Record<"bins" | "care" | "damp", Snapshot>;
}

/** The Monday of the week `date` falls in, as an ISO date. */
function weekStart(date: Date) {
  const monday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return monday.toISOString().slice(0, 10);
}

async function team(officer: Actor, slug: string, people: Actor[], roles: string[]) {
  for (const [i, person] of people.entries()) {
    const offer = await expressInterest(person, slug, {
      role: roles[i] ?? "Analyst",
      message: "I would like to help with this. I can give a few hours a week.",
    });
    await answerApplication(officer, offer.id, { intent: "accept", hours: undefined });
  }
  return prisma.project.findFirstOrThrow({ where: { challenge: { slug } }, select: { id: true, slug: true } });
}

/** Stores a recorded snapshot as the project's repository, with its timeline entries. */
async function recordSnapshot(projectId: string, linkedBy: Actor, snapshot: Snapshot, now: Date) {
  const htmlUrl = `https://github.com/${snapshot.owner}/${snapshot.name}`;
  const weeks = snapshot.commitWeeks.map((commits, i) => ({
    week: weekStart(new Date(now.getTime() - (snapshot.commitWeeks.length - 1 - i) * 7 * DAY)),
    commits,
  }));
  await prisma.$transaction(async (tx) => {
    await tx.repository.create({
      data: {
        projectId,
        owner: snapshot.owner,
        name: snapshot.name,
        fullNameKey: `${snapshot.owner}/${snapshot.name}`.toLowerCase(),
        htmlUrl,
        description: snapshot.description,
        topics: snapshot.topics,
        licenceSpdx: snapshot.licenceSpdx,
        licenceName: snapshot.licenceName,
        defaultBranch: snapshot.defaultBranch,
        readmeHtml: renderMarkdown(snapshot.readme),
        readmeHasReuse: snapshot.readmeHasReuse,
        lastCommitSha: snapshot.lastCommit.sha,
        lastCommitAt: new Date(now.getTime() - snapshot.lastCommit.daysAgo * DAY),
        lastCommitMessage: snapshot.lastCommit.message,
        pushedAt: new Date(now.getTime() - snapshot.lastCommit.daysAgo * DAY),
        commitWeeks: weeks,
        contributors: snapshot.contributors.map((c) => ({ ...c, url: `https://github.com/${c.login}` })),
        contributorCount: snapshot.contributors.length,
        openIssues: snapshot.openIssues,
        openPullRequests: snapshot.openPullRequests,
        linkedById: linkedBy.id,
        linkedAt: new Date(now.getTime() - 60 * DAY),
        syncStatus: "ok",
        lastSyncedAt: new Date(now.getTime() - 2 * 3_600_000),
        // A recorded snapshot: the sync looks at it like any other linked repository.
        nextSyncAt: now,
      },
    });
    await recordProjectEvents(
      tx,
      projectId,
      snapshot.events.map((e) => ({
        kind: e.kind,
        source: "sync" as const,
        occurredAt: new Date(now.getTime() - e.daysAgo * DAY),
        title: e.title,
        url: `${htmlUrl}/${e.path}`,
        actorLogin: e.actor,
        dedupeKey: e.dedupeKey,
      })),
    );
  });
}

export async function seedDemoProjects(people: { officer: Actor }, councilId: string, now = new Date()) {
  const challenges = await prisma.challenge.findMany({ where: { organisationId: councilId }, select: { slug: true, title: true, status: true } });
  const find = (start: string) => challenges.find((c) => c.title.startsWith(start) && (c.status === "open" || c.status === "in_progress"));
  const plans = [
    { key: "forming", challenge: find("Who uses our libraries") },
    { key: "bins", challenge: find("Why are bins missed") },
    { key: "care", challenge: find("Why do some home care visits") },
    { key: "damp", challenge: find("Finding homes at risk of damp") },
  ] as const;
  // Demo people not already invited somewhere, two to a team.
  const pending = await prisma.challengeApplication.findMany({ where: { status: "pending" }, select: { userId: true } });
  const users = await prisma.user.findMany({
    where: { email: { in: demoPeople.map((p) => demoPersonEmail(p.name)) }, deletedAt: null, id: { notIn: pending.map((p) => p.userId) }, profile: { isNot: null } },
    orderBy: { createdAt: "asc" },
    take: plans.length * 2,
  });
  const actors: Actor[] = users.map((u) => ({ ...u, sessionId: "demo-seed" }));
  const recorded = snapshots();
  let made = 0;
  for (const [i, plan] of plans.entries()) {
    const pair = actors.slice(i * 2, i * 2 + 2);
    if (!plan.challenge || pair.length < 2) continue;
    const project = await team(people.officer, plan.challenge.slug, pair, ["Data analyst", "Mapping and charts"]);
    made++;
    await acceptDataTerms(pair[0]!, project.slug, now);
    if (plan.key === "forming") {
      await postProjectUpdate(pair[0]!, project.slug, "We met the library team on Tuesday and have a list of the activities nobody records yet.", now);
      continue;
    }
    const snapshot = recorded[plan.key];
    await recordSnapshot(project.id, pair[0]!, snapshot, now);
    await postProjectUpdate(pair[1]!, project.slug, snapshot.update.body, new Date(now.getTime() - snapshot.update.daysAgo * DAY));
    if (plan.key === "damp") {
      await requestDelivery(pair[0]!, project.slug, new Date(now.getTime() - 4 * DAY));
      await agreeDelivery(people.officer, project.slug, new Date(now.getTime() - 2 * DAY));
    }
  }
  return made;
}
