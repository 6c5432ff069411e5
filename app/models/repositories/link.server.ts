import type { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, rateLimited } from "~/models/platform/errors";
import { hit } from "~/models/platform/rate-limit.server";
import { authorizeProject } from "~/models/projects/policy.server";
import { recordProjectEvents } from "~/models/projects/timeline.server";
import { whenAgain } from "~/models/repositories/labels";
import { flushRateLimits, gitHubBlockedUntil } from "~/models/repositories/rate-limit.server";
import { fullNameOf, type RepositoryReference } from "~/models/repositories/reference";
import { queueRepositorySync, repositoryFacts, trackingClient } from "~/models/repositories/sync.server";
import { prisma } from "~/services/db.server";
import { classifyGitHubError, gitHubAuthMode } from "~/services/github.server";

// Linking a project's GitHub repository (its lead only, as the projects policy says), replacing
// and unlinking it, and asking for a sync now. Linking asks GitHub once whether the repository
// exists and can be read, stores it under the name GitHub spells (following a rename), and
// queues its first full sync. Whatever GitHub answers, the lead gets words beside the field and
// keeps what they typed; nothing is stored unless GitHub said yes.

const FIELD = "reference";

type Tx = Prisma.TransactionClient;

/** Linking, replacing and unlinking take turns per project (a double click sends two). */
async function lockProject(tx: Tx, projectId: string) {
  await tx.$executeRaw`SELECT 1 FROM projects WHERE id = ${projectId} FOR UPDATE`;
}

function howToReachPrivate() {
  return gitHubAuthMode() === "none"
    ? "If it is private, ask the hub to give Nettle a GitHub token or install the Nettle GitHub App on it."
    : "If it is private, ask the hub to install the Nettle GitHub App on it.";
}

export interface LinkResult {
  fullName: string;
  /** "o/old is now o/new" when GitHub answered for a renamed or moved repository. */
  renamedFrom: string | null;
  archived: boolean;
  replaced: string | null;
}

export async function linkRepository(
  actor: Actor,
  slug: string,
  input: { reference: RepositoryReference; replace?: "yes" },
): Promise<LinkResult & { projectSlug: string }> {
  const { project } = await authorizeProject(actor, { slug }, "linkRepository");
  const wanted = fullNameOf(input.reference);
  const existing = await prisma.repository.findUnique({ where: { projectId: project.id }, select: { id: true, owner: true, name: true } });
  if (existing && input.replace !== "yes") {
    throw conflict(`This project is linked to ${existing.owner}/${existing.name}. Tick the box to confirm you want to replace it.`, "replace");
  }
  const blocked = await gitHubBlockedUntil(new Date(), 0);
  if (blocked) throw conflict(`GitHub’s limit is reached until ${whenAgain(blocked)}; try again then.`, FIELD);

  const client = await trackingClient();
  let repo;
  try {
    repo = (await client.request("GET /repos/{owner}/{repo}", { owner: input.reference.owner, repo: input.reference.name })).data;
    await flushRateLimits();
  } catch (error) {
    await flushRateLimits();
    const failure = classifyGitHubError(error);
    switch (failure.kind) {
      case "not_found":
        throw conflict(`GitHub has no repository ${wanted}, or it is private and Nettle cannot read it. Check the name. ${howToReachPrivate()}`, FIELD);
      case "forbidden":
        throw conflict(`${wanted} is private and Nettle has no access to it. ${howToReachPrivate()}`, FIELD);
      case "rate_limited":
        throw conflict(`GitHub’s limit is reached until ${whenAgain(failure.until)}; try again then.`, FIELD);
      case "unavailable":
        throw conflict("GitHub is not answering at the moment, so the repository could not be checked. Nothing was saved; try again in a few minutes.", FIELD);
    }
  }

  const facts = repositoryFacts(repo as Parameters<typeof repositoryFacts>[0]);
  const renamedFrom = facts.fullNameKey !== wanted.toLowerCase() ? wanted : null;
  const elsewhere = await prisma.repository.findFirst({
    where: { OR: [{ githubId: facts.githubId }, { fullNameKey: facts.fullNameKey }], NOT: { projectId: project.id } },
    select: { id: true },
  });
  if (elsewhere) throw conflict(`${repo.full_name} is already linked to another project on Nettle.`, FIELD);

  const now = new Date();
  const replaced = await prisma.$transaction(async (tx) => {
    await lockProject(tx, project.id);
    const previous = await tx.repository.findUnique({ where: { projectId: project.id }, select: { owner: true, name: true } });
    if (previous && input.replace !== "yes") {
      throw conflict(`This project is linked to ${previous.owner}/${previous.name}. Tick the box to confirm you want to replace it.`, "replace");
    }
    if (previous) await tx.repository.deleteMany({ where: { projectId: project.id } });
    const created = await tx.repository.create({
      data: {
        projectId: project.id,
        ...facts,
        linkedById: actor.id,
        linkedAt: now,
        syncStatus: "pending",
        nextSyncAt: now,
      },
      select: { id: true },
    });
    await recordProjectEvents(tx, project.id, [
      {
        kind: "repo_linked",
        source: "nettle",
        occurredAt: now,
        actorId: actor.id,
        title: previous ? `Repository changed from ${previous.owner}/${previous.name} to ${repo.full_name}` : `Repository ${repo.full_name} linked`,
        url: facts.htmlUrl,
      },
    ]);
    await audit(tx, {
      actorId: actor.id,
      action: previous ? "repositories.replace" : "repositories.link",
      subjectType: "project",
      subjectId: project.id,
      organisationId: project.challenge.organisationId,
      details: { repository: repo.full_name, ...(previous ? { previous: `${previous.owner}/${previous.name}` } : {}) },
    });
    await queueRepositorySync(tx, created.id);
    return previous ? `${previous.owner}/${previous.name}` : null;
  });
  return { projectSlug: project.slug, fullName: repo.full_name, renamedFrom, archived: facts.archived, replaced };
}

export async function unlinkRepository(actor: Actor, slug: string) {
  const { project } = await authorizeProject(actor, { slug }, "linkRepository");
  return prisma.$transaction(async (tx) => {
    await lockProject(tx, project.id);
    const previous = await tx.repository.findUnique({ where: { projectId: project.id }, select: { owner: true, name: true } });
    if (!previous) throw conflict("This project has no repository linked.");
    await tx.repository.deleteMany({ where: { projectId: project.id } });
    const fullName = `${previous.owner}/${previous.name}`;
    await recordProjectEvents(tx, project.id, [
      { kind: "repo_unlinked", source: "nettle", occurredAt: new Date(), actorId: actor.id, title: `Repository ${fullName} unlinked` },
    ]);
    await audit(tx, {
      actorId: actor.id,
      action: "repositories.unlink",
      subjectType: "project",
      subjectId: project.id,
      organisationId: project.challenge.organisationId,
      details: { repository: fullName },
    });
    return { projectSlug: project.slug, fullName };
  });
}

/** Sync now, when the lead asks: at most 3 times in 10 minutes per project. */
export const SYNC_NOW_LIMIT = { limit: 3, windowSeconds: 600 };

export async function requestSyncNow(actor: Actor, slug: string) {
  const { project } = await authorizeProject(actor, { slug }, "linkRepository");
  const repository = await prisma.repository.findUnique({ where: { projectId: project.id }, select: { id: true } });
  if (!repository) throw conflict("Link a repository first.");
  const counted = await hit(`github-sync-now:project:${project.id}`, SYNC_NOW_LIMIT);
  if (!counted.allowed) {
    const minutes = Math.ceil(counted.retryAfterSeconds / 60);
    throw rateLimited(`This repository was synced several times in the last few minutes. Try again in ${minutes === 1 ? "1 minute" : `${minutes} minutes`}.`, counted.retryAfterSeconds);
  }
  await prisma.$transaction(async (tx) => {
    await tx.repository.update({ where: { id: repository.id }, data: { nextSyncAt: new Date() } });
    await queueRepositorySync(tx, repository.id);
    await audit(tx, {
      actorId: actor.id,
      action: "repositories.sync_now",
      subjectType: "project",
      subjectId: project.id,
      organisationId: project.challenge.organisationId,
      details: { projectId: project.id },
    });
  });
  return { projectSlug: project.slug };
}

/** What the repository page shows, for this person. */
export async function repositoryPage(actor: Actor | null, slug: string) {
  const { project, access } = await authorizeProject(actor, { slug }, "view");
  const repository = await prisma.repository.findUnique({
    where: { projectId: project.id },
    select: {
      owner: true,
      name: true,
      htmlUrl: true,
      archived: true,
      goneAt: true,
      private: true,
      syncStatus: true,
      lastSyncedAt: true,
      syncError: true,
      nextSyncAt: true,
    },
  });
  // Sync errors are for the team, the council and its organisers; a private repository's
  // existence is the team's to share.
  const shown = repository && (access.insider || !repository.private) ? repository : null;
  return {
    project: { slug: project.slug, title: project.title },
    canLink: access.linkRepository,
    insider: access.insider,
    repository: shown
      ? {
          fullName: `${shown.owner}/${shown.name}`,
          htmlUrl: shown.htmlUrl,
          archived: shown.archived,
          gone: shown.goneAt !== null,
          syncStatus: shown.syncStatus,
          lastSyncedAt: shown.lastSyncedAt?.toISOString() ?? null,
          syncError: access.insider ? shown.syncError : null,
          nextSyncAt: access.insider ? shown.nextSyncAt.toISOString() : null,
        }
      : null,
  };
}
