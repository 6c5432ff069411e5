import type { Prisma, ProjectStage } from "~/generated/prisma/client";
import { deriveStage, stageLabels } from "~/models/projects/stage";
import { getEnv } from "~/services/env.server";

type Tx = Prisma.TransactionClient;

/**
 * Re-derives a project's stage from its evidence and stores it when it changed, with a
 * "stage" entry on the timeline. Returns the stage before and after. Call inside the
 * transaction that changed the evidence (timeline entries, repository sync, delivery, outcome).
 */
export async function refreshProjectStage(
  tx: Tx,
  projectId: string,
  now = new Date(),
): Promise<{ from: ProjectStage; to: ProjectStage }> {
  const project = await tx.project.findUniqueOrThrow({
    where: { id: projectId },
    select: {
      stage: true,
      createdAt: true,
      lastActivityAt: true,
      deliveryAgreedAt: true,
      repository: { select: { lastCommitAt: true, latestReleaseAt: true } },
      outcome: { select: { state: true } },
    },
  });
  const to = deriveStage({
    now,
    createdAt: project.createdAt,
    hasCommits: project.repository?.lastCommitAt != null,
    lastActivityAt: project.lastActivityAt,
    hasRelease: project.repository?.latestReleaseAt != null,
    deliveryAgreed: project.deliveryAgreedAt !== null,
    outcomePublished: project.outcome?.state === "published",
    stalledAfterDays: getEnv().NETTLE_STALLED_AFTER_DAYS,
  });
  if (to !== project.stage) {
    await tx.project.update({
      where: { id: projectId },
      data: { stage: to, stageChangedAt: now, ...(to !== "stalled" ? { stalledNotifiedAt: null } : {}) },
    });
    await tx.projectEvent.create({
      data: {
        projectId,
        kind: "stage",
        source: "nettle",
        occurredAt: now,
        title: `${stageLabels[project.stage]} → ${stageLabels[to]}`,
        details: { from: project.stage, to },
      },
    });
  }
  return { from: project.stage, to };
}
