import type { Prisma } from "~/generated/prisma/client";
import { notify } from "~/models/notifications/notify.server";
import type { DomainJobs } from "~/models/platform/jobs.server";
import { hubsServing } from "~/models/platform/policy.server";
import { refreshProjectStage } from "~/models/projects/stage.server";
import { prisma } from "~/services/db.server";
import { getEnv } from "~/services/env.server";

// Stalled projects. Time passing is evidence too: a project nobody has worked on for
// NETTLE_STALLED_AFTER_DAYS becomes "stalled" without any event to trigger it, so a daily job
// re-derives the stage of quiet projects. Whoever oversees the project is told once per stall:
// the project row is claimed with a conditional update on stalledNotifiedAt, which
// refreshProjectStage clears when work resumes, so a second stall tells them again. Safe to run
// at every start and twice at once. `now` is an argument so tests drive the clock.

type Tx = Prisma.TransactionClient;
const DAY = 86_400_000;
const BATCH = 200;

/** Everyone who oversees a project: its current team, the council's members, the hubs' organisers. */
export async function projectOverseers(tx: Tx, project: { id: string; council: { id: string; region: string | null } }) {
  const hubs = await hubsServing(project.council, tx);
  const [team, council, organisers] = await Promise.all([
    tx.teamMember.findMany({ where: { projectId: project.id, leftAt: null }, select: { userId: true } }),
    tx.membership.findMany({ where: { organisationId: project.council.id }, select: { userId: true } }),
    tx.membership.findMany({ where: { organisationId: { in: hubs.map((hub) => hub.id) } }, select: { userId: true } }),
  ]);
  return {
    team: new Set(team.map((row) => row.userId)),
    everyone: [...new Set([...team, ...council, ...organisers].map((row) => row.userId))],
  };
}

/**
 * Re-derives the stage of projects quiet for longer than the stalled threshold, and tells each
 * newly stalled project's overseers. Returns how many projects were newly stalled and told.
 */
export async function markStalledProjects(now = new Date()) {
  const days = getEnv().NETTLE_STALLED_AFTER_DAYS;
  const cutoff = new Date(now.getTime() - days * DAY);
  let told = 0;
  let cursor: string | undefined;
  for (;;) {
    const quiet = await prisma.project.findMany({
      where: {
        stage: { in: ["forming", "active", "stalled"] },
        stalledNotifiedAt: null,
        OR: [{ lastActivityAt: { lt: cutoff } }, { lastActivityAt: null, createdAt: { lt: cutoff } }],
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      orderBy: { id: "asc" },
      take: BATCH,
      select: {
        id: true,
        slug: true,
        title: true,
        challenge: { select: { organisation: { select: { id: true, name: true, region: true } } } },
      },
    });
    for (const project of quiet) {
      await prisma.$transaction(async (tx) => {
        const { to } = await refreshProjectStage(tx, project.id, now);
        if (to !== "stalled") return;
        const claimed = await tx.project.updateMany({
          where: { id: project.id, stage: "stalled", stalledNotifiedAt: null },
          data: { stalledNotifiedAt: now },
        });
        if (claimed.count === 0) return;
        told++;
        const { team, everyone } = await projectOverseers(tx, { id: project.id, council: project.challenge.organisation });
        for (const userId of everyone) {
          await notify(tx, {
            userId,
            kind: "project_stalled",
            title: `“${project.title}” has had no activity for ${days} days`,
            body: team.has(userId)
              ? "No commits, releases, issues or team updates for a while. Post a short update on the project page to say where things stand, or ask the council for help."
              : `No commits, releases, issues or team updates for ${days} days. The team may need help, or may have finished without saying so.`,
            href: `/projects/${project.slug}`,
          });
        }
      });
    }
    if (quiet.length < BATCH) break;
    cursor = quiet[quiet.length - 1]!.id;
  }
  return told;
}

export const projectJobs: DomainJobs = {
  tasks: {
    "projects:stalled": async (_payload, helpers) => {
      const told = await markStalledProjects();
      if (told > 0) helpers.logger.info(`projects: ${told} project(s) stalled, their team, council and hubs told`);
    },
  },
  // Daily, and again at start-up if the worker was down when it was due (fill).
  schedules: ["15 6 * * * projects:stalled ?fill=1d&max=3&jobKey=projects:stalled&jobKeyMode=preserve_run_at"],
};
