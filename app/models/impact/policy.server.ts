import type { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/models/platform/actor";
import { notFound } from "~/models/platform/errors";
import { authorizeProject, type ProjectAccess, type ProjectRef } from "~/models/projects/policy.server";
import { prisma } from "~/services/db.server";

// Who answers the follow-up questions about a published outcome: the members of the council
// whose challenge it answered (the projects policy's signOffOutcome, the same people who signed
// it off). Anyone else who may see the project is told they may not (403); anyone who may not
// even see it, or an outcome not yet published, is told there is no such thing (404).
// The answers themselves are public on the outcome page, as the outcome is.

type Db = Prisma.TransactionClient | typeof prisma;

export interface ImpactOutcomeRef {
  id: string;
  slug: string;
  title: string;
  publishedAt: Date;
}

export async function authorizeImpactAnswer(
  actor: Actor | null,
  outcomeSlug: string,
  db: Db = prisma,
): Promise<{ outcome: ImpactOutcomeRef; project: ProjectRef; access: ProjectAccess }> {
  const outcome = await db.outcome.findUnique({
    where: { slug: outcomeSlug },
    select: { id: true, slug: true, title: true, state: true, publishedAt: true, projectId: true },
  });
  if (!outcome || outcome.state !== "published" || !outcome.publishedAt) throw notFound("There is no such published outcome.");
  const { project, access } = await authorizeProject(actor, { id: outcome.projectId }, "signOffOutcome", db);
  return {
    outcome: { id: outcome.id, slug: outcome.slug, title: outcome.title || project.title, publishedAt: outcome.publishedAt },
    project,
    access,
  };
}
