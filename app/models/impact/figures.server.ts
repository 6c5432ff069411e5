import type { ChallengeStatus, Prisma, ProjectStage } from "~/generated/prisma/client";
import { councilsServedBy } from "~/models/challenges/policy.server";
import { HUB_LIST_STATUSES } from "~/models/challenges/review.server";
import { statusLabels } from "~/models/challenges/status";
import type { Actor } from "~/models/platform/actor";
import { csvCell } from "~/models/platform/open-data-formats.server";
import { oversightPolicy, PROJECT_STAGES } from "~/models/projects/lists.server";
import { stageLabels } from "~/models/projects/stage";
import { prisma } from "~/services/db.server";

// The numbers a hub's organisers show funders, over the councils the hub serves: challenges by
// status, projects by stage, outcomes published by year, what councils said about impact, and
// people in teams. All counts, but some count things not public (challenges still in review,
// withdrawn ones), so the page is for the hub's organisers and admins, as its project list is.

export interface FigureRow {
  section: string;
  measure: string;
  count: number;
}

export const IMPACT_MEASURES = ["in use", "partly in use", "not in use", "not answered", "waiting for an answer", "not yet due"] as const;

export async function hubFigures(actor: Actor, hub: { id: string; name: string; kind: string; region: string | null; servesRegions: string[] }, now = new Date()) {
  await oversightPolicy.authorize(actor, "list_hub_projects", hub);
  const organisation = councilsServedBy([hub]);
  const ofCouncils: Prisma.ChallengeWhereInput = { organisation };
  const projectsOfCouncils: Prisma.ProjectWhereInput = { challenge: ofCouncils };
  const [challengeGroups, projectGroups, published, checks, activePeople, everPeople] = await Promise.all([
    prisma.challenge.groupBy({
      by: ["status"],
      where: { ...ofCouncils, status: { in: [...HUB_LIST_STATUSES] } },
      _count: { _all: true },
    }),
    prisma.project.groupBy({ by: ["stage"], where: projectsOfCouncils, _count: { _all: true } }),
    prisma.outcome.findMany({ where: { state: "published", project: projectsOfCouncils }, select: { publishedAt: true } }),
    prisma.impactCheck.groupBy({
      by: ["state", "inUse"],
      where: { outcome: { state: "published", project: projectsOfCouncils } },
      _count: { _all: true },
    }),
    prisma.teamMember.findMany({
      where: { leftAt: null, project: { ...projectsOfCouncils, stage: { in: ["forming", "active", "stalled"] } } },
      distinct: ["userId"],
      select: { userId: true },
    }),
    prisma.teamMember.findMany({ where: { project: projectsOfCouncils }, distinct: ["userId"], select: { userId: true } }),
  ]);
  // "Not yet due" and "waiting" both have state scheduled/asked: a scheduled check past its due
  // date is waiting for the job to ask, which is the same thing to a funder.
  const notYetDue = await prisma.impactCheck.count({
    where: { state: "scheduled", dueAt: { gt: now }, outcome: { state: "published", project: projectsOfCouncils } },
  });

  const rows: FigureRow[] = [];
  const challengeCounts = new Map(challengeGroups.map((g) => [g.status, g._count._all]));
  for (const status of HUB_LIST_STATUSES) {
    rows.push({ section: "Challenges by status", measure: statusLabels[status as ChallengeStatus], count: challengeCounts.get(status) ?? 0 });
  }
  const stageCounts = new Map(projectGroups.map((g) => [g.stage, g._count._all]));
  for (const stage of PROJECT_STAGES) {
    rows.push({ section: "Projects by stage", measure: stageLabels[stage as ProjectStage], count: stageCounts.get(stage) ?? 0 });
  }
  const byYear = new Map<number, number>();
  for (const { publishedAt } of published) {
    if (publishedAt) byYear.set(publishedAt.getUTCFullYear(), (byYear.get(publishedAt.getUTCFullYear()) ?? 0) + 1);
  }
  for (const year of [...byYear.keys()].sort()) {
    rows.push({ section: "Outcomes published", measure: String(year), count: byYear.get(year)! });
  }
  rows.push({ section: "Outcomes published", measure: "All years", count: published.length });
  const impact = { yes: 0, partly: 0, no: 0, notAnswered: 0, waiting: 0 };
  for (const group of checks) {
    const n = group._count._all;
    if (group.state === "answered") {
      if (group.inUse === "yes") impact.yes += n;
      else if (group.inUse === "partly") impact.partly += n;
      else impact.no += n;
    } else if (group.state === "not_answered") impact.notAnswered += n;
    else impact.waiting += n;
  }
  impact.waiting -= notYetDue;
  const impactCounts = [impact.yes, impact.partly, impact.no, impact.notAnswered, impact.waiting, notYetDue];
  IMPACT_MEASURES.forEach((measure, i) => rows.push({ section: "Impact follow-up answers", measure, count: impactCounts[i]! }));
  rows.push({ section: "People", measure: "In teams of projects under way", count: activePeople.length });
  rows.push({ section: "People", measure: "Ever in a team", count: everPeople.length });
  return { hub: { name: hub.name }, rows, asOf: now };
}

export function figuresCsv(rows: readonly FigureRow[]) {
  const lines = [["section", "measure", "count"].join(",")];
  for (const row of rows) lines.push([csvCell(row.section), csvCell(row.measure), csvCell(row.count)].join(","));
  return `${lines.join("\r\n")}\r\n`;
}
