import type { Prisma } from "~/generated/prisma/client";
import { refreshProjectStage } from "~/models/projects/stage.server";
import { activityKinds, type ProjectEventKind } from "~/models/projects/timeline";

type Tx = Prisma.TransactionClient;

export interface NewProjectEvent {
  kind: ProjectEventKind;
  source: "webhook" | "sync" | "nettle";
  occurredAt: Date;
  /** One line for the timeline ("3 commits to main", "v1.0.0 released"). Plain text. */
  title: string;
  url?: string | null;
  actorLogin?: string | null;
  actorId?: string | null;
  details?: Prisma.InputJsonValue;
  /**
   * The same fact gets the same key however it was seen, so a webhook and the sync that
   * reconciles it record it once: "head:<sha>" for the newest commit of a push, "release:<id>",
   * "issue:<number>:opened", "pr:<number>:merged", "renamed:<new full name>".
   */
  dedupeKey?: string | null;
}

/**
 * Adds entries to a project's timeline, skipping any whose dedupeKey is already there, moves
 * the project's lastActivityAt for work done, and re-derives its stage. Call inside the
 * writer's transaction. Returns how many entries were new.
 */
export async function recordProjectEvents(tx: Tx, projectId: string, events: NewProjectEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const { count } = await tx.projectEvent.createMany({
    data: events.map((event) => ({
      projectId,
      kind: event.kind,
      source: event.source,
      occurredAt: event.occurredAt,
      title: event.title.slice(0, 500),
      url: event.url ?? null,
      actorLogin: event.actorLogin ?? null,
      actorId: event.actorId ?? null,
      details: event.details,
      dedupeKey: event.dedupeKey ?? null,
    })),
    skipDuplicates: true,
  });
  const latestWork = events
    .filter((event) => activityKinds.has(event.kind))
    .reduce<Date | null>((latest, event) => (latest === null || event.occurredAt > latest ? event.occurredAt : latest), null);
  if (latestWork) {
    await tx.project.updateMany({
      where: { id: projectId, OR: [{ lastActivityAt: null }, { lastActivityAt: { lt: latestWork } }] },
      data: { lastActivityAt: latestWork },
    });
  }
  await refreshProjectStage(tx, projectId);
  return count;
}
