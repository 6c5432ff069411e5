import { plainSummary } from "~/models/platform/search-index";
import type { Prisma } from "~/generated/prisma/client";
import { publicChallenges } from "~/models/challenges/policy.server";
import { searchChallenges, type ChallengeSearch } from "~/models/challenges/search.server";
import { statusLabels } from "~/models/challenges/status";
import { absoluteUrl } from "~/models/platform/mail.server";
import { prisma } from "~/services/db.server";

// What Nettle publishes about a challenge as open data (API, CSV, Atom). This file is the one
// definition: only challenges the policy makes public (publicChallenges), and the select names
// only public columns, so contact details and datasets with personal data never leave the
// database on these paths, and a dataset's link is published only when anyone may download it.

const openDataSelect = {
  id: true,
  slug: true,
  title: true,
  problem: true,
  outcomeWanted: true,
  status: true,
  area: true,
  teamSizeMin: true,
  teamSizeMax: true,
  timeCommitment: true,
  deadline: true,
  publishedAt: true,
  updatedAt: true,
  organisation: { select: { name: true, slug: true, gssCode: true, localAuthorityCode: true, region: true } },
  themes: { select: { theme: { select: { slug: true, name: true, position: true } } } },
  skills: { select: { importance: true, skill: { select: { slug: true, name: true } } } },
  datasets: {
    where: { personalData: false },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: {
      title: true,
      description: true,
      format: true,
      licence: true,
      sensitivity: true,
      accessRoute: true,
      link: true,
    },
  },
} satisfies Prisma.ChallengeSelect;

export type OpenDataChallengeRow = Prisma.ChallengeGetPayload<{ select: typeof openDataSelect }>;
export type PublicChallengeRecord = ReturnType<typeof publicChallengeRecord>;

/** The published form of a challenge. Callers pass rows loaded with `openDataSelect`. */
export function publicChallengeRecord(challenge: OpenDataChallengeRow) {
  const c = challenge;
  return {
    id: c.id,
    slug: c.slug,
    url: absoluteUrl(`/challenges/${encodeURIComponent(c.slug)}`),
    title: c.title,
    summary: plainSummary(c.problem),
    outcomeWanted: c.outcomeWanted,
    status: c.status,
    statusLabel: statusLabels[c.status],
    council: {
      name: c.organisation.name,
      slug: c.organisation.slug,
      gssCode: c.organisation.gssCode,
      localAuthorityCode: c.organisation.localAuthorityCode,
    },
    region: c.organisation.region,
    area: c.area,
    themes: [...c.themes]
      .sort((a, b) => a.theme.position - b.theme.position || a.theme.name.localeCompare(b.theme.name))
      .map(({ theme }) => ({ slug: theme.slug, name: theme.name })),
    skills: [...c.skills]
      .sort((a, b) =>
        a.importance === b.importance
          ? a.skill.name.localeCompare(b.skill.name)
          : a.importance === "essential"
            ? -1
            : 1,
      )
      .map((s) => ({ slug: s.skill.slug, name: s.skill.name, importance: s.importance })),
    teamSize: { min: c.teamSizeMin, max: c.teamSizeMax },
    timeCommitment: c.timeCommitment,
    deadline: c.deadline ? c.deadline.toISOString().slice(0, 10) : null,
    publishedAt: c.publishedAt?.toISOString() ?? null,
    updatedAt: c.updatedAt.toISOString(),
    datasets: c.datasets.map((d) => ({
      title: d.title,
      description: d.description,
      format: d.format,
      licence: d.licence,
      sensitivity: d.sensitivity,
      accessRoute: d.accessRoute,
      // A link to anything that is not an open download may reveal where restricted data lives.
      link: d.accessRoute === "open_download" && d.sensitivity === "open" ? d.link : null,
    })),
  };
}

/** One public challenge by slug, or null when it does not exist or is not public. */
export async function getPublicChallengeRecord(slug: string) {
  const row = await prisma.challenge.findFirst({ where: { slug, ...publicChallenges }, select: openDataSelect });
  return row ? publicChallengeRecord(row) : null;
}

/** Public challenges with these ids, in the order given (search order); others are dropped. */
export async function publicChallengeRecordsByIds(ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await prisma.challenge.findMany({
    where: { id: { in: [...ids] }, ...publicChallenges },
    select: openDataSelect,
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [publicChallengeRecord(row)] : [];
  });
}

/**
 * Newest public challenges straight from PostgreSQL, for feeds: a feed reader must keep working
 * while Meilisearch is down or behind.
 */
export async function listPublicChallengesForFeed({
  councilSlug,
  themeSlug,
  limit,
}: {
  councilSlug?: string;
  themeSlug?: string;
  limit: number;
}) {
  const rows = await prisma.challenge.findMany({
    where: {
      ...publicChallenges,
      ...(councilSlug ? { organisation: { slug: councilSlug } } : {}),
      ...(themeSlug ? { themes: { some: { theme: { slug: themeSlug } } } } : {}),
    },
    orderBy: [{ publishedAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
    take: limit,
    select: openDataSelect,
  });
  return rows.map(publicChallengeRecord);
}

export const EXPORT_ROW_CAP = 10_000;

/**
 * Every public challenge matching a search (not one page), in search order, up to `cap`: the
 * same search as the challenges page picks the ids, a few pages at a time.
 */
export async function exportPublicChallenges(params: ChallengeSearch, cap = EXPORT_ROW_CAP) {
  const first = await searchChallenges({ ...params, page: 1 });
  const ids = first.hits.map((hit) => hit.id);
  const lastPage = Math.min(first.totalPages, Math.ceil(cap / Math.max(first.perPage, 1)));
  for (let start = 2; start <= lastPage; start += 5) {
    const pages = Array.from({ length: Math.min(5, lastPage - start + 1) }, (_, i) => start + i);
    const results = await Promise.all(pages.map((page) => searchChallenges({ ...params, page })));
    for (const result of results) ids.push(...result.hits.map((hit) => hit.id));
  }
  const unique = [...new Set(ids)].slice(0, cap);
  const records: PublicChallengeRecord[] = [];
  for (let i = 0; i < unique.length; i += 1_000)
    records.push(...(await publicChallengeRecordsByIds(unique.slice(i, i + 1_000))));
  return { records, degraded: first.degraded, truncated: first.total > cap };
}

/** The council a council feed is about, or null (only councils post challenges). */
export function findFeedCouncil(slug: string) {
  return prisma.organisation.findFirst({ where: { slug, kind: "council" }, select: { slug: true, name: true, createdAt: true } });
}

export function findFeedTheme(slug: string) {
  return prisma.theme.findUnique({ where: { slug }, select: { slug: true, name: true, createdAt: true } });
}

/** When this installation began: the date an empty feed of all challenges was last "updated". */
export async function installedAt() {
  const first = await prisma.organisation.findFirst({ orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  return first?.createdAt ?? new Date();
}

