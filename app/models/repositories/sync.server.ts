import pLimit from "p-limit";
import type { Prisma } from "~/generated/prisma/client";
import { refreshProjectStage } from "~/models/projects/stage.server";
import { recordProjectEvents, type NewProjectEvent } from "~/models/projects/timeline.server";
import { flushRateLimits, gitHubBlockedUntil, recordRateLimit } from "~/models/repositories/rate-limit.server";
import { whenAgain } from "~/models/repositories/labels";
import { prisma } from "~/services/db.server";
import {
  classifyGitHubError,
  conditionalGet,
  gitHubClient,
  lastPageOf,
  RequestError,
  type GitHubClient,
  type Validators,
} from "~/services/github.server";
import { renderMarkdown } from "~/services/markdown.server";

// Keeping a linked repository's facts up to date, as cheaply as GitHub allows.
//
// Cost: every GET sends the validators GitHub gave last time, so an unchanged answer is a 304
// that costs no rate limit. The repository itself is asked first; when it is unchanged (304),
// nothing else is asked. When it changed but `pushed_at` did not, no commits, README or
// contributors are asked either. A cold sync of a young repository asks 4 things: the
// repository, its commits of the last 12 weeks (one page of 100 in most cases), its README and
// its latest release. Contributors come from those commits when they cover the repository's
// whole life (it was created within the 12 weeks and the commits fit one page), otherwise from
// /contributors; open pull requests are counted only when open_issues_count (which counts them
// too) is above 0.
//
// Scheduling: active repositories (a commit in the last 7 days) are looked at again in an
// hour, quiet ones in a day, archived or gone ones in a week. Failures back off and say why in
// words for the team. Webhooks (part of this domain's neighbours) set nextSyncAt to now for a
// repository they touch; the scheduled sync is what catches deliveries GitHub never resent.

type Tx = Prisma.TransactionClient;

export const SYNC_TASK = "repositories:sync";
export const SYNC_DUE_TASK = "repositories:sync-due";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const WEEKS = 12;
const COMMIT_PAGES_MAX = 10;
const README_EXCERPT_CHARS = 2_000;

export async function queueRepositorySync(tx: Tx, repositoryId: string) {
  await tx.$executeRaw`SELECT graphile_worker.add_job(${SYNC_TASK}, json_build_object('id', ${repositoryId}::text), job_key := ${`${SYNC_TASK}:${repositoryId}`}, max_attempts := 3)`;
}

export interface CommitWeek {
  week: string;
  commits: number;
}

/** Monday 00:00 UTC of the week `date` is in, as "YYYY-MM-DD". */
export function weekOf(date: Date) {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/** The 12 weeks ending with the week of `now`, oldest first, counted from `counts`. */
export function commitWindow(now: Date, counts: Map<string, number>): CommitWeek[] {
  const weeks: CommitWeek[] = [];
  const monday = new Date(`${weekOf(now)}T00:00:00Z`);
  for (let i = WEEKS - 1; i >= 0; i--) {
    const week = new Date(monday.getTime() - i * 7 * DAY).toISOString().slice(0, 10);
    weeks.push({ week, commits: counts.get(week) ?? 0 });
  }
  return weeks;
}

function windowStart(now: Date) {
  return new Date(new Date(`${weekOf(now)}T00:00:00Z`).getTime() - (WEEKS - 1) * 7 * DAY);
}

function storedWeeks(value: Prisma.JsonValue | null): Map<string, number> {
  const counts = new Map<string, number>();
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item && typeof item === "object" && !Array.isArray(item) && typeof item.week === "string" && typeof item.commits === "number") {
        counts.set(item.week, item.commits);
      }
    }
  }
  return counts;
}

/** When to look again after a good sync. */
export function nextSyncAfterSuccess(now: Date, facts: { archived: boolean; gone: boolean; lastCommitAt: Date | null }) {
  if (facts.archived || facts.gone) return new Date(now.getTime() + 7 * DAY);
  if (facts.lastCommitAt && now.getTime() - facts.lastCommitAt.getTime() < 7 * DAY) return new Date(now.getTime() + HOUR);
  return new Date(now.getTime() + DAY);
}

/** Back-off after the n-th failure in a row: 10 minutes, doubling, at most 12 hours. */
export function backOff(now: Date, failures: number) {
  return new Date(now.getTime() + Math.min(12 * HOUR, 10 * 60_000 * 2 ** Math.max(0, failures - 1)));
}

// ---------------------------------------------------------------------------------------
// What GitHub sends, read defensively (only what Nettle keeps)
// ---------------------------------------------------------------------------------------

interface RepoJson {
  id: number;
  name: string;
  full_name: string;
  owner: { login: string };
  private: boolean;
  html_url: string;
  description: string | null;
  homepage?: string | null;
  archived: boolean;
  topics?: string[];
  license?: { spdx_id?: string | null; name?: string | null } | null;
  default_branch: string;
  pushed_at: string | null;
  created_at: string;
  updated_at: string;
  open_issues_count: number;
}

interface CommitJson {
  sha: string;
  html_url: string;
  commit: { message: string; author?: { date?: string; name?: string } | null; committer?: { date?: string } | null };
  author?: { login?: string; html_url?: string } | null;
}

interface ReleaseJson {
  id: number;
  tag_name: string;
  name: string | null;
  published_at: string | null;
  created_at?: string;
  html_url: string;
}

const safeText = (text: string | null | undefined, max = 1000) =>
  // eslint-disable-next-line no-control-regex -- PostgreSQL refuses NUL; none of these is meant
  (text ?? "").replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "").slice(0, max);

const commitDate = (commit: CommitJson) => new Date(commit.commit.committer?.date ?? commit.commit.author?.date ?? 0);

/** The repository's facts as Repository columns (what the repository endpoint tells). */
export function repositoryFacts(repo: RepoJson) {
  const spdx = repo.license?.spdx_id && repo.license.spdx_id !== "NOASSERTION" ? repo.license.spdx_id : null;
  return {
    githubId: BigInt(repo.id),
    owner: repo.owner.login,
    name: repo.name,
    fullNameKey: repo.full_name.toLowerCase(),
    htmlUrl: repo.html_url,
    private: repo.private,
    archived: repo.archived,
    description: safeText(repo.description, 2000),
    homepage: repo.homepage ? safeText(repo.homepage, 500) : null,
    topics: (repo.topics ?? []).slice(0, 50).map((topic) => safeText(topic, 100)),
    licenceSpdx: spdx,
    licenceName: repo.license?.name ? safeText(repo.license.name, 200) : null,
    defaultBranch: safeText(repo.default_branch, 255) || null,
    pushedAt: repo.pushed_at ? new Date(repo.pushed_at) : null,
  };
}

// ---------------------------------------------------------------------------------------
// README
// ---------------------------------------------------------------------------------------

const REUSE_HEADING = /^#{1,6}\s+.*\b(reus(e|ing)|how to use|getting started|install(ation|ing)?|usage|quick ?start)\b/im;

/** The README's first sections up to ~2,000 characters, rendered, with relative links fixed. */
export function readmeExcerpt(markdown: string, repo: { owner: string; name: string; branch: string }) {
  const sections = markdown.split(/\n(?=#{1,6}\s)/);
  let excerpt = "";
  for (const section of sections) {
    if (excerpt && excerpt.length + section.length > README_EXCERPT_CHARS) break;
    excerpt += (excerpt ? "\n" : "") + section;
  }
  if (excerpt.length > README_EXCERPT_CHARS * 2) excerpt = `${excerpt.slice(0, README_EXCERPT_CHARS)}…`;
  const base = `https://github.com/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}/blob/${encodeURIComponent(repo.branch)}/`;
  const html = renderMarkdown(safeText(excerpt, README_EXCERPT_CHARS * 2 + 10)).replace(/href="([^"]*)"/g, (whole, href: string) => {
    if (/^(https?:|mailto:)/i.test(href)) return whole;
    try {
      const target = href.startsWith("#") ? new URL(`https://github.com/${repo.owner}/${repo.name}${href}`) : new URL(href.replace(/&amp;/g, "&"), base);
      return `href="${target.toString().replace(/&/g, "&amp;").replace(/"/g, "%22")}"`;
    } catch {
      return "";
    }
  });
  return { html, hasReuse: REUSE_HEADING.test(markdown) };
}

// ---------------------------------------------------------------------------------------
// One repository
// ---------------------------------------------------------------------------------------

export type SyncOutcome = "synced" | "unchanged" | "postponed" | "failed" | "missing";

export interface SyncOptions {
  now?: Date;
  client?: GitHubClient;
  /** Spend requests even within the reserve (a person asked, or linking). */
  ignoreReserve?: boolean;
}

interface Fetched {
  endpoint: string;
  validators: Validators;
}

/** Makes a client that records every answer's rate-limit state. */
export function trackingClient(installationId?: bigint | null) {
  return gitHubClient({ observe: recordRateLimit, installationId });
}

export async function syncRepository(repositoryId: string, options: SyncOptions = {}): Promise<SyncOutcome> {
  try {
    return await syncOnce(repositoryId, options);
  } finally {
    await flushRateLimits();
  }
}

async function syncOnce(repositoryId: string, options: SyncOptions): Promise<SyncOutcome> {
  const now = options.now ?? new Date();
  const row = await prisma.repository.findUnique({
    where: { id: repositoryId },
    include: { conditionals: true },
  });
  if (!row) return "missing";

  const blockedUntil = await gitHubBlockedUntil(now, options.ignoreReserve ? 0 : undefined);
  if (blockedUntil) {
    await prisma.repository.update({
      where: { id: row.id },
      data: {
        nextSyncAt: blockedUntil,
        lastSyncAttemptAt: now,
        syncError: `GitHub’s rate limit was reached; next try at ${whenAgain(blockedUntil, now)}.`,
      },
    });
    return "postponed";
  }

  const client = options.client ?? (await trackingClient(row.installationId));
  const validatorsOf = (endpoint: string): Validators | null => {
    const stored = row.conditionals.find((c) => c.endpoint === endpoint);
    return stored ? { etag: stored.etag, lastModified: stored.lastModified } : null;
  };
  const fetched: Fetched[] = [];
  const dropped: string[] = [];
  const params = { owner: row.owner, repo: row.name };

  try {
    // A cold sync asks everything afresh: it has nothing to compare a 304 with.
    const cold = row.lastSyncedAt === null || row.commitWeeks === null;
    const repoAnswer = await conditionalGet<RepoJson>(client, "/repos/{owner}/{repo}", params, cold ? null : validatorsOf("repo"));
    if (!repoAnswer.changed) {
      // Nothing changed: move the commit window on without asking GitHub anything else.
      await prisma.repository.update({
        where: { id: row.id },
        data: {
          commitWeeks: commitWindow(now, storedWeeks(row.commitWeeks)) as unknown as Prisma.InputJsonValue,
          syncStatus: "ok",
          syncError: null,
          syncFailures: 0,
          goneAt: null,
          lastSyncedAt: now,
          lastSyncAttemptAt: now,
          nextSyncAt: nextSyncAfterSuccess(now, { archived: row.archived, gone: false, lastCommitAt: row.lastCommitAt }),
        },
      });
      return "unchanged";
    }
    const repo = repoAnswer.data;
    fetched.push({ endpoint: "repo", validators: repoAnswer.validators });
    const facts = repositoryFacts(repo);
    const current = { owner: facts.owner, repo: facts.name };
    const pushedChanged = cold || (facts.pushedAt?.getTime() ?? 0) !== (row.pushedAt?.getTime() ?? 0);
    const events: NewProjectEvent[] = [];
    const data: Prisma.RepositoryUpdateInput = { ...facts };

    if (facts.fullNameKey !== row.fullNameKey) {
      const transferred = facts.owner.toLowerCase() !== row.owner.toLowerCase();
      events.push({
        kind: transferred ? "repo_transferred" : "repo_renamed",
        source: "sync",
        occurredAt: now,
        title: `${row.owner}/${row.name} is now ${repo.full_name}`,
        url: facts.htmlUrl,
        dedupeKey: `renamed:${facts.fullNameKey}`,
      });
    }
    if (facts.archived !== row.archived && !cold) {
      events.push({
        kind: facts.archived ? "repo_archived" : "repo_unarchived",
        source: "sync",
        occurredAt: new Date(repo.updated_at),
        title: facts.archived ? "The repository was archived" : "The repository was unarchived",
        url: facts.htmlUrl,
        dedupeKey: `${facts.archived ? "archived" : "unarchived"}:${repo.updated_at.slice(0, 10)}`,
      });
    }

    // Commits of the last 12 weeks, when something was pushed.
    let commits: CommitJson[] | null = null;
    let commitsCoverHistory = false;
    if (pushedChanged) {
      const since = windowStart(now).toISOString();
      const first = await conditionalGet<CommitJson[]>(
        client,
        "/repos/{owner}/{repo}/commits",
        { ...current, since, per_page: 100 },
        cold ? null : validatorsOf("commits"),
      );
      if (first.changed) {
        fetched.push({ endpoint: "commits", validators: first.validators });
        commits = [...first.data];
        const pages = Math.min(lastPageOf(first.headers.link) ?? 1, COMMIT_PAGES_MAX);
        for (let page = 2; page <= pages; page++) {
          const next = await client.request("GET /repos/{owner}/{repo}/commits", { ...current, since, per_page: 100, page });
          commits.push(...(next.data as unknown as CommitJson[]));
        }
        commitsCoverHistory = pages === 1 && new Date(repo.created_at) >= new Date(since);
        if (commits.length === 0 && (cold || row.lastCommitSha === null) && facts.pushedAt) {
          // Quiet for 12 weeks: the newest commit is still worth showing.
          const latest = await client.request("GET /repos/{owner}/{repo}/commits", { ...current, per_page: 1 });
          const newest = (latest.data as unknown as CommitJson[])[0];
          if (newest) {
            data.lastCommitSha = newest.sha;
            data.lastCommitAt = commitDate(newest);
            data.lastCommitMessage = safeText(newest.commit.message.split("\n")[0], 500);
          }
        }
      }
    }
    if (commits) {
      const counts = new Map<string, number>();
      for (const commit of commits) {
        const week = weekOf(commitDate(commit));
        counts.set(week, (counts.get(week) ?? 0) + 1);
      }
      data.commitWeeks = commitWindow(now, counts) as unknown as Prisma.InputJsonValue;
      const head = commits[0];
      if (head) {
        data.lastCommitSha = head.sha;
        data.lastCommitAt = commitDate(head);
        data.lastCommitMessage = safeText(head.commit.message.split("\n")[0], 500);
        if (head.sha !== row.lastCommitSha) {
          const known = row.lastCommitSha ? commits.findIndex((c) => c.sha === row.lastCommitSha) : -1;
          const count = known === -1 ? commits.length : known;
          const branch = facts.defaultBranch ?? "the default branch";
          events.push({
            kind: "push",
            source: "sync",
            occurredAt: commitDate(head),
            title: `${count} ${count === 1 ? "commit" : "commits"} to ${branch}`,
            url: head.html_url,
            actorLogin: head.author?.login ?? null,
            details: { head: head.sha, message: safeText(head.commit.message.split("\n")[0], 200) },
            dedupeKey: `head:${head.sha}`,
          });
        }
      }
      if (commitsCoverHistory) {
        const byLogin = new Map<string, number>();
        for (const commit of commits) {
          const login = commit.author?.login;
          if (login) byLogin.set(login, (byLogin.get(login) ?? 0) + 1);
        }
        const contributors = [...byLogin.entries()]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .map(([login, contributions]) => ({ login, contributions, url: `https://github.com/${login}` }));
        data.contributors = contributors.slice(0, 30);
        data.contributorCount = contributors.length;
      }
    } else if (!pushedChanged) {
      data.commitWeeks = commitWindow(now, storedWeeks(row.commitWeeks)) as unknown as Prisma.InputJsonValue;
    }

    if (pushedChanged && !commitsCoverHistory) {
      const answer = await conditionalGet<{ login?: string; contributions: number; html_url?: string }[]>(
        client,
        "/repos/{owner}/{repo}/contributors",
        // 100 a page: one request covers nearly every hub project; the top 30 are kept.
        { ...current, per_page: 100 },
        cold ? null : validatorsOf("contributors"),
      );
      if (answer.changed) {
        fetched.push({ endpoint: "contributors", validators: answer.validators });
        const top = answer.data.filter((c) => c.login).slice(0, 30);
        data.contributors = top.map((c) => ({ login: safeText(c.login, 100), contributions: c.contributions, url: `https://github.com/${c.login}` }));
        const last = lastPageOf(answer.headers.link);
        if (last && last > 1) {
          const tail = await client.request("GET /repos/{owner}/{repo}/contributors", { ...current, per_page: 100, page: last });
          data.contributorCount = (last - 1) * 100 + (tail.data as unknown[]).length;
        } else {
          data.contributorCount = answer.data.filter((c) => c.login).length;
        }
      }
    }

    if (pushedChanged) {
      try {
        const readme = await conditionalGet<{ content?: string; encoding?: string }>(
          client,
          "/repos/{owner}/{repo}/readme",
          current,
          cold ? null : validatorsOf("readme"),
        );
        if (readme.changed) {
          fetched.push({ endpoint: "readme", validators: readme.validators });
          const markdown = readme.data.encoding === "base64" ? Buffer.from(readme.data.content ?? "", "base64").toString("utf8") : (readme.data.content ?? "");
          const excerpt = readmeExcerpt(markdown, { owner: facts.owner, name: facts.name, branch: facts.defaultBranch ?? "HEAD" });
          data.readmeHtml = excerpt.html;
          data.readmeHasReuse = excerpt.hasReuse;
        }
      } catch (error) {
        if (!(error instanceof RequestError && error.status === 404)) throw error;
        dropped.push("readme");
        data.readmeHtml = null;
        data.readmeHasReuse = false;
      }
    }

    // Open issues includes pull requests on GitHub; count the pull requests to tell them apart.
    if (repo.open_issues_count === 0) {
      data.openIssues = 0;
      data.openPullRequests = 0;
    } else if (cold || pushedChanged || repo.open_issues_count !== row.openIssues + row.openPullRequests) {
      const pulls = await client.request("GET /repos/{owner}/{repo}/pulls", { ...current, state: "open", per_page: 1 });
      const count = lastPageOf(pulls.headers.link) ?? (pulls.data as unknown[]).length;
      data.openPullRequests = Math.min(count, repo.open_issues_count);
      data.openIssues = repo.open_issues_count - (data.openPullRequests as number);
    }

    try {
      const release = await conditionalGet<ReleaseJson>(client, "/repos/{owner}/{repo}/releases/latest", current, cold ? null : validatorsOf("releases/latest"));
      if (release.changed) {
        fetched.push({ endpoint: "releases/latest", validators: release.validators });
        const latest = release.data;
        const at = new Date(latest.published_at ?? latest.created_at ?? now);
        data.latestReleaseTag = safeText(latest.tag_name, 255);
        data.latestReleaseName = safeText(latest.name, 255) || null;
        data.latestReleaseAt = at;
        data.latestReleaseUrl = latest.html_url;
        events.push({
          kind: "release",
          source: "sync",
          occurredAt: at,
          title: `${safeText(latest.name, 200) || safeText(latest.tag_name, 200)} released`,
          url: latest.html_url,
          details: { tag: safeText(latest.tag_name, 255) },
          dedupeKey: `release:${latest.id}`,
        });
      }
    } catch (error) {
      if (!(error instanceof RequestError && error.status === 404)) throw error;
      dropped.push("releases/latest");
      data.latestReleaseTag = null;
      data.latestReleaseName = null;
      data.latestReleaseAt = null;
      data.latestReleaseUrl = null;
    }

    const lastCommitAt = (data.lastCommitAt as Date | undefined) ?? row.lastCommitAt;
    await prisma.$transaction(async (tx) => {
      await tx.repository.update({
        where: { id: row.id },
        data: {
          ...data,
          goneAt: null,
          syncStatus: "ok",
          syncError: null,
          syncFailures: 0,
          lastSyncedAt: now,
          lastSyncAttemptAt: now,
          nextSyncAt: nextSyncAfterSuccess(now, { archived: facts.archived, gone: false, lastCommitAt }),
        },
      });
      for (const { endpoint, validators } of fetched) {
        if (!validators.etag && !validators.lastModified) continue;
        await tx.repositoryConditional.upsert({
          where: { repositoryId_endpoint: { repositoryId: row.id, endpoint } },
          create: { repositoryId: row.id, endpoint, etag: validators.etag, lastModified: validators.lastModified, checkedAt: now },
          update: { etag: validators.etag, lastModified: validators.lastModified, checkedAt: now },
        });
      }
      if (dropped.length > 0) await tx.repositoryConditional.deleteMany({ where: { repositoryId: row.id, endpoint: { in: dropped } } });
      if (events.length > 0) await recordProjectEvents(tx, row.projectId, events);
      else await refreshProjectStage(tx, row.projectId, now);
    });
    return "synced";
  } catch (error) {
    await recordFailure(row, error, now);
    return "failed";
  }
}

async function recordFailure(row: { id: string; syncFailures: number; goneAt: Date | null }, error: unknown, now: Date) {
  const failure = classifyGitHubError(error);
  const failures = row.syncFailures + 1;
  let nextSyncAt: Date;
  let message: string;
  let goneAt = row.goneAt;
  switch (failure.kind) {
    case "not_found":
      goneAt = goneAt ?? now;
      nextSyncAt = new Date(now.getTime() + 7 * DAY);
      message = "GitHub says the repository no longer exists, or Nettle can no longer read it (it may have been made private).";
      break;
    case "forbidden":
      nextSyncAt = backOff(now, failures);
      message = `GitHub refused Nettle access to the repository; next try at ${whenAgain(nextSyncAt, now)}.`;
      break;
    case "rate_limited":
      nextSyncAt = failure.until;
      await recordRateLimit({ resource: "core", limit: 0, remaining: 0, resetAt: failure.until, pausedUntil: failure.until });
      message = `GitHub’s rate limit was reached; next try at ${whenAgain(nextSyncAt, now)}.`;
      break;
    case "unavailable":
      nextSyncAt = backOff(now, failures);
      message = `GitHub did not answer properly (${failure.detail}); next try at ${whenAgain(nextSyncAt, now)}.`;
      break;
  }
  await prisma.repository.update({
    where: { id: row.id },
    data: { syncStatus: "failed", syncError: message, syncFailures: failures, goneAt, lastSyncAttemptAt: now, nextSyncAt },
  });
}

// ---------------------------------------------------------------------------------------
// The schedule
// ---------------------------------------------------------------------------------------

export interface DueSyncResult {
  looked: number;
  outcomes: Record<SyncOutcome, number>;
  stoppedUntil: Date | null;
}

/**
 * Syncs repositories whose nextSyncAt has come, oldest first, a few at a time. Stops when
 * GitHub's limit comes within the reserve (the rest stay due for the next run).
 */
export async function syncDueRepositories({
  now = new Date(),
  batch = 200,
  concurrency = 4,
  client,
}: { now?: Date; batch?: number; concurrency?: number; client?: GitHubClient } = {}): Promise<DueSyncResult> {
  const due = await prisma.repository.findMany({
    where: { nextSyncAt: { lte: now } },
    orderBy: { nextSyncAt: "asc" },
    take: batch,
    select: { id: true, installationId: true },
  });
  const result: DueSyncResult = { looked: 0, outcomes: { synced: 0, unchanged: 0, postponed: 0, failed: 0, missing: 0 }, stoppedUntil: null };
  if (due.length === 0) return result;
  const shared = client ?? (await trackingClient());
  const limit = pLimit(concurrency);
  await Promise.all(
    due.map((repo) =>
      limit(async () => {
        if (result.stoppedUntil) return;
        const blocked = await gitHubBlockedUntil(now);
        if (blocked) {
          result.stoppedUntil = blocked;
          return;
        }
        const repoClient = repo.installationId && !client ? await trackingClient(repo.installationId) : shared;
        const outcome = await syncRepository(repo.id, { now, client: repoClient });
        result.looked++;
        result.outcomes[outcome]++;
      }),
    ),
  );
  return result;
}
