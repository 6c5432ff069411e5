import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { audit } from "~/models/platform/audit.server";
import { recordProjectEvents, type NewProjectEvent } from "~/models/projects/timeline.server";
import type { AuditAction } from "~/models/registry/audit-actions";
import { prisma } from "~/services/db.server";

// The worker's half of a webhook: turns one stored delivery into changes to the tracked
// repositories it is about and entries on their projects' timelines. Each delivery is handled
// once: it is locked, applied and marked processed in one transaction, so a second run (a
// retried job, a second worker) finds it done. A failure rolls everything back, is noted on
// the delivery, and the queue tries again with back-off.
//
// Timeline entries use the dedupe keys the scheduled sync uses for the same facts
// (timeline.server.ts), so whichever sees a commit or release first records it, once. Counts
// the payloads do not carry reliably (open issues and pull requests, contributors, commits per
// week) are left to the sync: every delivery about a repository makes it due now.

type Tx = Prisma.TransactionClient;
export type DeliveryResult = "processed" | "ignored";

interface DeliveryRow {
  id: string;
  event: string;
  action: string | null;
  github_repo_id: bigint | null;
  repo_full_name: string | null;
  installation_id: bigint | null;
  payload: unknown;
}

/**
 * Processes a stored delivery unless it was already. Returns what happened, or null when there
 * was nothing to do (processed before, or no such delivery). Throws when processing failed,
 * after noting the failure on the delivery; `finalAttempt` marks it done as failed.
 */
export async function processDelivery(id: string, { finalAttempt = false } = {}): Promise<DeliveryResult | null> {
  try {
    return await prisma.$transaction(
      async (tx) => {
        const [row] = await tx.$queryRaw<DeliveryRow[]>`
          SELECT id, event, action, github_repo_id, repo_full_name, installation_id, payload
          FROM webhook_deliveries WHERE id = ${id} AND processed_at IS NULL FOR UPDATE`;
        if (!row) return null;
        const { result, note } = await applyDelivery(tx, row);
        await tx.webhookDelivery.update({
          where: { id },
          data: { processedAt: new Date(), result, error: note ?? null, attempts: { increment: 1 } },
        });
        return result;
      },
      { timeout: 30_000 },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await prisma.webhookDelivery.updateMany({
      where: { id, processedAt: null },
      data: {
        result: "failed",
        error: message.slice(0, 1000),
        attempts: { increment: 1 },
        ...(finalAttempt ? { processedAt: new Date() } : {}),
      },
    });
    throw error;
  }
}

/** Drops the payloads of deliveries processed more than `days` ago; the rows stay as a record. */
export async function prunePayloads(days = 30) {
  return prisma.$executeRaw`
    UPDATE webhook_deliveries SET payload = NULL
    WHERE payload IS NOT NULL AND processed_at < now() - make_interval(days => ${days})`;
}

// ---------------------------------------------------------------------------------------------
// What the payloads carry that Nettle uses. Parsed leniently (GitHub adds fields all the time);
// a payload without what its event needs is recorded as ignored, never retried forever.

const login = z.object({ login: z.string() }).passthrough();
const repositoryShape = z
  .object({
    id: z.number().int().positive().safe(),
    name: z.string().min(1).max(200),
    full_name: z.string().min(3).max(300),
    html_url: z.string().url().max(500).optional(),
    owner: login,
    default_branch: z.string().max(300).optional(),
    private: z.boolean().optional(),
    archived: z.boolean().optional(),
    pushed_at: z.union([z.number(), z.string()]).nullish(),
    updated_at: z.union([z.number(), z.string()]).nullish(),
  })
  .passthrough();
const time = z.string().max(100).nullish();
const pushShape = z.object({
  ref: z.string().max(500),
  after: z.string().regex(/^[0-9a-f]{40,64}$/),
  deleted: z.boolean().optional(),
  compare: z.string().url().max(1000).optional(),
  commits: z.array(z.unknown()).optional(),
  head_commit: z.object({ id: z.string(), message: z.string(), timestamp: z.string(), url: z.string().optional() }).passthrough().nullish(),
  pusher: z.object({ name: z.string().optional() }).passthrough().optional(),
  sender: login.optional(),
  repository: repositoryShape,
});
const releaseShape = z.object({
  action: z.string(),
  release: z
    .object({
      id: z.number().int().positive().safe(),
      tag_name: z.string().max(300),
      name: z.string().max(500).nullish(),
      html_url: z.string().url().max(1000).optional(),
      prerelease: z.boolean().optional(),
      draft: z.boolean().optional(),
      published_at: time,
      created_at: time,
      author: login.nullish(),
    })
    .passthrough(),
  sender: login.optional(),
  repository: repositoryShape,
});
const itemShape = z
  .object({
    number: z.number().int().positive().safe(),
    title: z.string().max(2000),
    html_url: z.string().url().max(1000).optional(),
    created_at: time,
    closed_at: time,
    merged_at: time,
    merged: z.boolean().nullish(),
    user: login.nullish(),
  })
  .passthrough();
const issuesShape = z.object({ action: z.string(), issue: itemShape, sender: login.optional(), repository: repositoryShape });
const pullShape = z.object({ action: z.string(), pull_request: itemShape, sender: login.optional(), repository: repositoryShape });
const ownerChange = z.object({ from: z.object({ user: login.optional(), organization: login.optional() }).passthrough() }).passthrough();
const repositoryEventShape = z.object({
  action: z.string(),
  repository: repositoryShape,
  changes: z
    .object({ repository: z.object({ name: z.object({ from: z.string() }) }).optional(), owner: ownerChange.optional() })
    .passthrough()
    .optional(),
  sender: login.optional(),
});
const installedRepo = z.object({ id: z.number().int().positive().safe(), full_name: z.string().max(300).optional() }).passthrough();
const installationShape = z.object({
  action: z.string(),
  installation: z.object({ id: z.number().int().positive().safe() }).passthrough(),
  repositories: z.array(installedRepo).nullish(),
  repositories_added: z.array(installedRepo).nullish(),
  repositories_removed: z.array(installedRepo).nullish(),
});

// ---------------------------------------------------------------------------------------------

interface Tracked {
  id: string;
  projectId: string;
  fullNameKey: string;
  defaultBranch: string | null;
  latestReleaseAt: Date | null;
  lastCommitAt: Date | null;
  organisationId: string;
}

/** What one delivery does to one tracked repository. */
interface Change {
  events: Omit<NewProjectEvent, "source">[];
  data?: Prisma.RepositoryUpdateManyMutationInput;
  /** Applied only when newer than what is stored: deliveries can arrive out of order. */
  commit?: { sha: string; at: Date; message: string; pushedAt: Date };
  release?: { tag: string; name: string | null; at: Date; url: string | null };
  audit?: { action: AuditAction; details: Prisma.InputJsonObject };
}

async function applyDelivery(tx: Tx, row: DeliveryRow): Promise<{ result: DeliveryResult; note?: string }> {
  if (row.event === "ping") return { result: "processed" };
  if (row.event === "installation" || row.event === "installation_repositories") return applyInstallation(tx, row);
  const handler = repositoryHandlers[row.event];
  if (!handler) return { result: "ignored", note: "Nettle does not use this event." };
  const parsed = handler.shape.safeParse(row.payload);
  if (!parsed.success) return { result: "ignored", note: "The payload lacks what this event needs." };
  const payload = parsed.data as { repository: z.infer<typeof repositoryShape> };

  const tracked = await findTracked(tx, payload.repository.id, [payload.repository.full_name, ...formerNames(row.event, parsed.data)]);
  if (tracked.length === 0) return { result: "ignored", note: "No project tracks this repository." };

  let changed = false;
  for (const repository of tracked) {
    const change = handler.change(parsed.data, repository);
    if (!change) continue;
    changed = true;
    await applyChange(tx, repository, change);
  }
  return changed ? { result: "processed" } : { result: "ignored", note: "Nettle does not use this action." };
}

interface Handler<T> {
  shape: z.ZodType<T, z.ZodTypeDef, unknown>;
  change: (payload: T, repository: Tracked) => Change | null;
}
const handler = <T>(shape: z.ZodType<T, z.ZodTypeDef, unknown>, change: (payload: T, repository: Tracked) => Change | null) =>
  ({ shape, change }) as Handler<unknown>;

const repositoryHandlers: Record<string, Handler<unknown>> = {
  push: handler(pushShape, pushChange),
  release: handler(releaseShape, releaseChange),
  issues: handler(issuesShape, issueChange),
  pull_request: handler(pullShape, pullChange),
  repository: handler(repositoryEventShape, repositoryChange),
};

const NO_COMMIT = /^0+$/;

function pushChange(push: z.infer<typeof pushShape>, repository: Tracked): Change | null {
  // Tags are releases' business; a deleted branch is no work done.
  if (!push.ref.startsWith("refs/heads/") || push.deleted || NO_COMMIT.test(push.after)) return null;
  const branch = push.ref.slice("refs/heads/".length);
  const count = push.commits?.length ?? 0;
  const who = push.sender?.login ?? push.pusher?.name ?? null;
  const at = dateOf(push.head_commit?.timestamp) ?? dateOf(push.repository.pushed_at) ?? new Date();
  // GitHub lists at most 20 commits in a push payload.
  const commits = count === 0 ? "Pushed" : count >= 20 ? "20 or more commits" : `${count} commit${count === 1 ? "" : "s"}`;
  // Work on any branch counts as activity; only the default branch is "the last commit".
  const defaultBranch = push.repository.default_branch ?? repository.defaultBranch;
  const onDefault = defaultBranch === null || defaultBranch === branch;
  return {
    events: [
      {
        kind: "push",
        occurredAt: at,
        title: `${commits} to ${branch}${who ? ` by ${who}` : ""}`,
        url: push.compare ?? null,
        actorLogin: who,
        dedupeKey: `head:${push.after}`,
        details: { branch, commits: count, head: push.after },
      },
    ],
    commit:
      onDefault && push.head_commit
        ? {
            sha: push.after,
            at,
            message: firstLine(push.head_commit.message),
            pushedAt: dateOf(push.repository.pushed_at) ?? at,
          }
        : undefined,
  };
}

function releaseChange(payload: z.infer<typeof releaseShape>): Change | null {
  const { release } = payload;
  if (payload.action === "deleted" || payload.action === "edited" || payload.action === "unpublished") {
    // The latest release may have changed: the sync asks GitHub which it is now.
    return { events: [] };
  }
  if ((payload.action !== "published" && payload.action !== "released") || release.draft) return null;
  const at = dateOf(release.published_at) ?? dateOf(release.created_at) ?? new Date();
  const named = release.name && release.name !== release.tag_name ? `${release.name} (${release.tag_name})` : release.tag_name;
  return {
    events: [
      {
        kind: "release",
        occurredAt: at,
        title: `${named} ${release.prerelease ? "pre-released" : "released"}`,
        url: release.html_url ?? null,
        actorLogin: release.author?.login ?? payload.sender?.login ?? null,
        dedupeKey: `release:${release.id}`,
        details: { tag: release.tag_name, prerelease: release.prerelease ?? false },
      },
    ],
    // GitHub's "latest release" (what the sync reads) is never a pre-release.
    release: release.prerelease
      ? undefined
      : { tag: release.tag_name, name: release.name ?? null, at, url: release.html_url ?? null },
  };
}

function issueChange(payload: z.infer<typeof issuesShape>): Change | null {
  const { issue } = payload;
  const who = payload.sender?.login ?? null;
  if (payload.action === "opened" || payload.action === "closed") {
    const opened = payload.action === "opened";
    return {
      events: [
        {
          kind: opened ? "issue_opened" : "issue_closed",
          occurredAt: (opened ? dateOf(issue.created_at) : dateOf(issue.closed_at)) ?? new Date(),
          title: `#${issue.number} ${issue.title}`,
          url: issue.html_url ?? null,
          actorLogin: who,
          dedupeKey: `issue:${issue.number}:${payload.action}`,
          details: { number: issue.number },
        },
      ],
    };
  }
  // These change the count of open issues, which the sync reads.
  if (["reopened", "deleted", "transferred"].includes(payload.action)) return { events: [] };
  return null;
}

function pullChange(payload: z.infer<typeof pullShape>): Change | null {
  const pull = payload.pull_request;
  const who = payload.sender?.login ?? null;
  let kind: "pr_opened" | "pr_merged" | "pr_closed";
  let at: Date | null;
  if (payload.action === "opened") {
    kind = "pr_opened";
    at = dateOf(pull.created_at);
  } else if (payload.action === "closed") {
    const merged = pull.merged === true || !!pull.merged_at;
    kind = merged ? "pr_merged" : "pr_closed";
    at = dateOf(merged ? pull.merged_at : pull.closed_at) ?? dateOf(pull.closed_at);
  } else if (payload.action === "reopened") {
    return { events: [] };
  } else {
    return null;
  }
  const verb = kind.slice(3);
  return {
    events: [
      {
        kind,
        occurredAt: at ?? new Date(),
        title: `#${pull.number} ${pull.title}`,
        url: pull.html_url ?? null,
        actorLogin: who,
        dedupeKey: `pr:${pull.number}:${verb}`,
        details: { number: pull.number },
      },
    ],
  };
}

function repositoryChange(payload: z.infer<typeof repositoryEventShape>, tracked: Tracked): Change {
  const repo = payload.repository;
  const newKey = repo.full_name.toLowerCase();
  const identity = {
    owner: repo.owner.login,
    name: repo.name,
    fullNameKey: newKey,
    htmlUrl: repo.html_url ?? `https://github.com/${repo.full_name}`,
    githubId: BigInt(repo.id),
  };
  const when = dateOf(repo.updated_at) ?? new Date();
  const day = when.toISOString().slice(0, 10);
  const who = payload.sender?.login ?? null;
  switch (payload.action) {
    case "renamed":
    case "transferred": {
      const renamed = payload.action === "renamed";
      if (tracked.fullNameKey === newKey) return { events: [], data: identity };
      const formerOwner = payload.changes?.owner?.from.user?.login ?? payload.changes?.owner?.from.organization?.login;
      return {
        data: identity,
        events: [
          {
            // A rename and a transfer both give the repository a new full name, which is also
            // how the sync notices either (GitHub redirects the old name): one key for both.
            kind: renamed ? "repo_renamed" : "repo_transferred",
            occurredAt: when,
            title: renamed
              ? `Renamed to ${repo.full_name}`
              : `Moved${formerOwner ? ` from ${formerOwner}` : ""} to ${repo.owner.login} (now ${repo.full_name})`,
            url: identity.htmlUrl,
            actorLogin: who,
            dedupeKey: `renamed:${newKey}`,
            details: { from: tracked.fullNameKey, to: repo.full_name },
          },
        ],
        audit: {
          action: renamed ? "webhooks.repository_renamed" : "webhooks.repository_transferred",
          details: { from: tracked.fullNameKey, to: repo.full_name },
        },
      };
    }
    case "archived":
    case "unarchived": {
      const archived = payload.action === "archived";
      return {
        data: { archived },
        events: [
          {
            kind: archived ? "repo_archived" : "repo_unarchived",
            occurredAt: when,
            title: archived ? "Archived on GitHub (read-only)" : "Unarchived on GitHub",
            url: identity.htmlUrl,
            actorLogin: who,
            dedupeKey: `${payload.action}:${day}`,
          },
        ],
        audit: { action: archived ? "webhooks.repository_archived" : "webhooks.repository_unarchived", details: { repository: repo.full_name } },
      };
    }
    case "deleted":
      return {
        data: { goneAt: new Date() },
        events: [
          { kind: "repo_deleted", occurredAt: new Date(), title: `${repo.full_name} was deleted on GitHub`, actorLogin: who, dedupeKey: "deleted" },
        ],
        audit: { action: "webhooks.repository_deleted", details: { repository: repo.full_name } },
      };
    case "privatized":
    case "publicized":
      return { events: [], data: { private: payload.action === "privatized" } };
    default:
      // Edited (description, default branch…): the sync reads the new values.
      return { events: [] };
  }
}

/** The names a repository had before this delivery, so a rename still finds it by name. */
function formerNames(event: string, payload: unknown): string[] {
  if (event !== "repository") return [];
  const { repository, changes } = payload as z.infer<typeof repositoryEventShape>;
  const names: string[] = [];
  const oldName = changes?.repository?.name.from;
  if (oldName) names.push(`${repository.owner.login}/${oldName}`);
  const oldOwner = changes?.owner?.from.user?.login ?? changes?.owner?.from.organization?.login;
  if (oldOwner) names.push(`${oldOwner}/${repository.name}`);
  return names;
}

/**
 * The tracked repositories a delivery is about (several projects may follow one repository):
 * by GitHub's id, which survives renames and transfers, else by name for those whose id is not
 * known yet. A repository known by another id is another repository that once had this name.
 */
async function findTracked(tx: Tx, githubId: number, names: string[]): Promise<Tracked[]> {
  const keys = [...new Set(names.map((name) => name.toLowerCase()))];
  const rows = await tx.repository.findMany({
    where: { OR: [{ githubId: BigInt(githubId) }, { githubId: null, fullNameKey: { in: keys } }] },
    select: {
      id: true,
      projectId: true,
      fullNameKey: true,
      defaultBranch: true,
      latestReleaseAt: true,
      lastCommitAt: true,
      project: { select: { challenge: { select: { organisationId: true } } } },
    },
  });
  return rows.map(({ project, ...row }) => ({ ...row, organisationId: project.challenge.organisationId }));
}

async function applyChange(tx: Tx, repository: Tracked, change: Change) {
  const now = new Date();
  // Evidence first: recordProjectEvents re-derives the stage from these columns.
  await tx.repository.update({ where: { id: repository.id }, data: { ...change.data, nextSyncAt: now } });
  if (change.commit && (!repository.lastCommitAt || repository.lastCommitAt <= change.commit.at)) {
    await tx.repository.update({
      where: { id: repository.id },
      data: {
        lastCommitSha: change.commit.sha,
        lastCommitAt: change.commit.at,
        lastCommitMessage: change.commit.message,
        pushedAt: change.commit.pushedAt,
      },
    });
  }
  if (change.release && (!repository.latestReleaseAt || repository.latestReleaseAt <= change.release.at)) {
    await tx.repository.update({
      where: { id: repository.id },
      data: {
        latestReleaseTag: change.release.tag,
        latestReleaseName: change.release.name,
        latestReleaseAt: change.release.at,
        latestReleaseUrl: change.release.url,
      },
    });
  }
  if (change.audit) {
    await audit(tx, {
      actorId: null,
      action: change.audit.action,
      subjectType: "repository",
      subjectId: repository.id,
      organisationId: repository.organisationId,
      details: { ...change.audit.details, projectId: repository.projectId },
    });
  }
  // Always, even with no entries: a stage may change with the evidence alone.
  await recordProjectEvents(
    tx,
    repository.projectId,
    change.events.map((event) => ({ ...event, source: "webhook" as const })),
  );
}

/** installation and installation_repositories: which tracked repositories the GitHub App reaches. */
async function applyInstallation(tx: Tx, row: DeliveryRow): Promise<{ result: DeliveryResult; note?: string }> {
  const parsed = installationShape.safeParse(row.payload);
  if (!parsed.success) return { result: "ignored", note: "The payload lacks what this event needs." };
  const { action, installation } = parsed.data;
  const installationId = BigInt(installation.id);
  let reached: z.infer<typeof installedRepo>[] = [];
  let lost: z.infer<typeof installedRepo>[] | "all" = [];
  if (row.event === "installation") {
    if (["created", "new_permissions_accepted", "unsuspend"].includes(action)) reached = parsed.data.repositories ?? [];
    else if (action === "deleted" || action === "suspend") lost = "all";
    else return { result: "ignored", note: "Nettle does not use this action." };
  } else {
    reached = parsed.data.repositories_added ?? [];
    lost = parsed.data.repositories_removed ?? [];
  }

  const changed: { id: string; organisationId: string; projectId: string; change: "added" | "removed" }[] = [];
  for (const repo of reached) {
    for (const tracked of await findTracked(tx, repo.id, repo.full_name ? [repo.full_name] : [])) {
      await tx.repository.update({ where: { id: tracked.id }, data: { installationId, nextSyncAt: new Date() } });
      changed.push({ ...tracked, change: "added" });
    }
  }
  const losing: { id: string }[] = [];
  if (lost === "all") losing.push(...(await tx.repository.findMany({ where: { installationId }, select: { id: true } })));
  else for (const repo of lost) losing.push(...(await findTracked(tx, repo.id, repo.full_name ? [repo.full_name] : [])));
  for (const { id } of losing) {
    const tracked = await tx.repository.findUniqueOrThrow({
      where: { id },
      select: { id: true, installationId: true, projectId: true, project: { select: { challenge: { select: { organisationId: true } } } } },
    });
    if (tracked.installationId !== installationId) continue;
    await tx.repository.update({ where: { id }, data: { installationId: null, nextSyncAt: new Date() } });
    changed.push({ id, projectId: tracked.projectId, organisationId: tracked.project.challenge.organisationId, change: "removed" });
  }
  for (const repo of changed) {
    await audit(tx, {
      actorId: null,
      action: "webhooks.installation_changed",
      subjectType: "repository",
      subjectId: repo.id,
      organisationId: repo.organisationId,
      details: { installationId: installation.id, change: repo.change, projectId: repo.projectId },
    });
  }
  return changed.length > 0 ? { result: "processed" } : { result: "ignored", note: "No project tracks these repositories." };
}

function dateOf(value: string | number | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  // Push payloads give the repository's times as Unix seconds, others as ISO strings.
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function firstLine(message: string) {
  return (message.split("\n")[0] ?? "").slice(0, 500);
}
