import { z } from "zod";
import type { OutcomeLicence, Prisma } from "~/generated/prisma/client";
import { participantKindLabels } from "~/models/accounts/participant-kinds";
import { publicChallenges } from "~/models/challenges/policy.server";
import { impactAnswersFor } from "~/models/impact/impact.server";
import { outcomeLicences } from "~/models/outcomes/licences";
import type { Actor } from "~/models/platform/actor";
import { notFound } from "~/models/platform/errors";
import { absoluteUrl } from "~/models/platform/mail.server";
import { profilePolicy } from "~/models/profiles/policy.server";
import { projectAccess, loadProjectRef } from "~/models/projects/policy.server";
import { prisma } from "~/services/db.server";
import { renderMarkdown } from "~/services/markdown.server";

// What Nettle publishes about an outcome: the outcome page, the showcase gallery, the open
// data (API, CSV, Atom) and credits on people's profiles. One definition of "published"
// (publishedOutcomes) and one select of public columns: review comments, drafts and datasets
// with personal data never leave the database on these paths.

/** Outcomes the public may see: published, of a challenge the public may see. */
export const publishedOutcomes = {
  state: "published",
  publishedAt: { not: null },
  project: { challenge: publicChallenges },
} satisfies Prisma.OutcomeWhereInput;

const publicSelect = {
  id: true,
  slug: true,
  title: true,
  summary: true,
  whatWasBuilt: true,
  results: true,
  howToReuse: true,
  licence: true,
  repoRef: true,
  repoUrl: true,
  demoUrl: true,
  reportUrl: true,
  publishedAt: true,
  updatedAt: true,
  project: {
    select: {
      slug: true,
      title: true,
      repository: { select: { owner: true, name: true, htmlUrl: true } },
      challenge: {
        select: {
          slug: true,
          title: true,
          organisation: { select: { name: true, slug: true } },
          themes: { select: { theme: { select: { slug: true, name: true } } } },
          skills: { select: { skill: { select: { slug: true, name: true } } } },
        },
      },
    },
  },
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
  contributors: {
    orderBy: [{ teamRole: "asc" }, { userId: "asc" }],
    select: {
      teamRole: true,
      role: true,
      user: { select: { id: true, displayName: true, kind: true, visibility: true, deletedAt: true } },
    },
  },
} satisfies Prisma.OutcomeSelect;

type PublicRow = Prisma.OutcomeGetPayload<{ select: typeof publicSelect }>;

/** A contributor as `viewer` may see them: named and linked only if their profile shows to them. */
async function creditFor(viewer: Actor | null, contributor: PublicRow["contributors"][number]) {
  const { user } = contributor;
  const visible = await profilePolicy.may(viewer, "view", {
    userId: user.id,
    visibility: user.visibility,
    deleted: user.deletedAt !== null,
  });
  const kind = participantKindLabels[user.kind] ?? "Volunteer";
  return visible
    ? {
        name: user.displayName,
        href: `/people/${user.id}`,
        role: contributor.role,
        lead: contributor.teamRole === "lead",
      }
    : { name: `A ${kind.toLowerCase()}`, href: null, role: contributor.role, lead: contributor.teamRole === "lead" };
}

function licenceOf(licence: OutcomeLicence | null) {
  if (!licence) return null;
  const info = outcomeLicences[licence];
  return { id: licence, name: info.label, spdx: info.spdx, url: info.url };
}

/** Published datasets: a link only for open data anyone may download (as challenges do). */
function publicDatasets(row: PublicRow) {
  return row.datasets.map((d) => ({
    title: d.title,
    description: d.description,
    format: d.format,
    licence: d.licence,
    sensitivity: d.sensitivity,
    accessRoute: d.accessRoute,
    link: d.accessRoute === "open_download" && d.sensitivity === "open" ? d.link : null,
  }));
}

/** The published form of an outcome for open data: anonymous eyes, so only public profiles are named. */
export async function publicOutcomeRecord(row: PublicRow) {
  const challenge = row.project.challenge;
  return {
    id: row.id,
    slug: row.slug,
    url: absoluteUrl(`/outcomes/${encodeURIComponent(row.slug)}`),
    title: row.title || row.project.title,
    summary: row.summary,
    whatWasBuilt: row.whatWasBuilt,
    results: row.results,
    howToReuse: row.howToReuse,
    licence: licenceOf(row.licence),
    repository: row.repoUrl ? { url: row.repoUrl, ref: row.repoRef } : null,
    demoUrl: row.demoUrl,
    reportUrl: row.reportUrl,
    council: { name: challenge.organisation.name, slug: challenge.organisation.slug },
    challenge: {
      title: challenge.title,
      slug: challenge.slug,
      url: absoluteUrl(`/challenges/${encodeURIComponent(challenge.slug)}`),
    },
    themes: challenge.themes
      .map(({ theme }) => ({ slug: theme.slug, name: theme.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    skills: challenge.skills
      .map(({ skill }) => ({ slug: skill.slug, name: skill.name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    contributors: await Promise.all(
      row.contributors.map(async (c) => {
        const credit = await creditFor(null, c);
        return {
          name: credit.name,
          role: credit.role,
          lead: credit.lead,
          url: credit.href ? absoluteUrl(credit.href) : null,
        };
      }),
    ),
    datasets: publicDatasets(row),
    publishedAt: row.publishedAt!.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type PublicOutcomeRecord = Awaited<ReturnType<typeof publicOutcomeRecord>>;

/** schema.org JSON-LD for the outcome page, serialised so no text can close the script element. */
export function outcomeJsonLd(record: PublicOutcomeRecord, authors: { name: string; url: string }[]) {
  const data = {
    "@context": "https://schema.org",
    "@type": record.repository ? "SoftwareSourceCode" : "CreativeWork",
    name: record.title,
    description: record.summary,
    url: record.url,
    datePublished: record.publishedAt,
    ...(record.licence ? { license: record.licence.url } : {}),
    ...(record.repository ? { codeRepository: record.repository.url } : {}),
    author: authors.map((a) => ({ "@type": "Person", name: a.name, url: a.url })),
    publisher: {
      "@type": "GovernmentOrganization",
      name: record.council.name,
      url: absoluteUrl(`/organisations/${record.council.slug}`),
    },
    about: { "@type": "CreativeWork", name: record.challenge.title, url: record.challenge.url },
    keywords: record.themes.map((t) => t.name).join(", "),
  };
  return JSON.stringify(data).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

/**
 * The outcome page. Published outcomes are public; until then only the project's team, its
 * council and their hub organisers see it (a preview), and everyone else is told it does not exist.
 */
export async function getOutcomePage(actor: Actor | null, slug: string) {
  const row = await prisma.outcome.findUnique({
    where: { slug },
    select: { ...publicSelect, state: true, projectId: true },
  });
  if (!row) throw notFound("There is no such outcome.");
  const published = row.state === "published" && row.publishedAt !== null;
  const ref = await loadProjectRef(prisma, { id: row.projectId });
  const access = ref ? await projectAccess(actor, ref) : null;
  if (!access?.view || (!published && !access.insider)) throw notFound("There is no such outcome.");
  const record = await publicOutcomeRecord({ ...row, publishedAt: row.publishedAt ?? row.updatedAt });
  const contributors = await Promise.all(row.contributors.map((c) => creditFor(actor, c)));
  const authors = (await Promise.all(row.contributors.map((c) => creditFor(null, c))))
    .filter((c) => c.href)
    .map((c) => ({ name: c.name, url: absoluteUrl(c.href!) }));
  return {
    published,
    record,
    contributors,
    html: {
      whatWasBuilt: renderMarkdown(row.whatWasBuilt),
      results: renderMarkdown(row.results),
      howToReuse: renderMarkdown(row.howToReuse),
    },
    impact: published ? await impactAnswersFor(row.id) : [],
    jsonLd: published ? outcomeJsonLd(record, authors) : null,
    projectSlug: row.project.slug,
  };
}

// ---------------------------------------------------------------------------------------
// The showcase gallery and the open data: one parser for the page, the API and the CSV.
// ---------------------------------------------------------------------------------------

export const OUTCOMES_PER_PAGE = 20;

const filterWord = z.string().trim().max(100, "Must be 100 characters or fewer");
const outcomeSearchSchema = z.object({
  theme: filterWord.optional(),
  council: filterWord.optional(),
  skill: filterWord.optional(),
  year: z
    .string()
    .trim()
    .regex(/^\d{4}$/, "Year must be four digits, like 2026")
    .transform(Number)
    .optional(),
  page: z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, "Page must be a whole number from 1 to 9999")
    .transform(Number)
    .refine((n) => n >= 1, "Page must be a whole number from 1 to 9999")
    .optional(),
});

export type OutcomeSearch = { theme?: string; council?: string; skill?: string; year?: number; page: number };

/** The gallery's filters from a query string (slugs), or the problems with them, by field. */
export function parseOutcomeSearch(
  query: URLSearchParams,
): { ok: true; params: OutcomeSearch } | { ok: false; errors: Record<string, string> } {
  const known = ["theme", "council", "skill", "year", "page"];
  const raw: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const name of known) {
    const values = query.getAll(name).filter((v) => v !== "");
    if (values.length > 1) errors[name] = "Give this only once";
    if (values[0] !== undefined) raw[name] = values[0];
  }
  const parsed = outcomeSearchSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, params: { ...parsed.data, page: parsed.data.page ?? 1 } };
}

function whereFor(params: OutcomeSearch): Prisma.OutcomeWhereInput {
  const challenge: Prisma.ChallengeWhereInput = {
    ...(params.theme ? { themes: { some: { theme: { slug: params.theme } } } } : {}),
    ...(params.skill ? { skills: { some: { skill: { slug: params.skill } } } } : {}),
    ...(params.council ? { organisation: { slug: params.council } } : {}),
  };
  return {
    ...publishedOutcomes,
    project: { challenge: { ...publicChallenges, ...challenge } },
    ...(params.year
      ? { publishedAt: { gte: new Date(Date.UTC(params.year, 0, 1)), lt: new Date(Date.UTC(params.year + 1, 0, 1)) } }
      : {}),
  };
}

const newestFirst = [{ publishedAt: "desc" }, { id: "desc" }] satisfies Prisma.OutcomeOrderByWithRelationInput[];

/** One page of published outcomes matching the filters, newest first. */
export async function searchOutcomes(params: OutcomeSearch, perPage = OUTCOMES_PER_PAGE) {
  const where = whereFor(params);
  const [total, rows] = await Promise.all([
    prisma.outcome.count({ where }),
    prisma.outcome.findMany({
      where,
      orderBy: newestFirst,
      skip: (params.page - 1) * perPage,
      take: perPage,
      select: publicSelect,
    }),
  ]);
  return {
    records: await Promise.all(rows.map(publicOutcomeRecord)),
    total,
    page: params.page,
    perPage,
    totalPages: Math.ceil(total / perPage),
  };
}

export const OUTCOME_EXPORT_CAP = 10_000;

/** Every published outcome matching the filters (for CSV), up to the cap. */
export async function exportOutcomes(params: OutcomeSearch) {
  const rows = await prisma.outcome.findMany({
    where: whereFor(params),
    orderBy: newestFirst,
    take: OUTCOME_EXPORT_CAP,
    select: publicSelect,
  });
  return Promise.all(rows.map(publicOutcomeRecord));
}

/** One published outcome for the API, or null (drafts answer exactly as slugs that never existed). */
export async function getPublicOutcomeRecord(slug: string) {
  const row = await prisma.outcome.findFirst({ where: { slug, ...publishedOutcomes }, select: publicSelect });
  return row ? publicOutcomeRecord(row) : null;
}

/** What the gallery's filters offer: only values some published outcome has. */
export async function outcomeFilterOptions() {
  const rows = await prisma.outcome.findMany({
    where: publishedOutcomes,
    select: {
      publishedAt: true,
      project: {
        select: {
          challenge: {
            select: {
              organisation: { select: { slug: true, name: true } },
              themes: { select: { theme: { select: { slug: true, name: true } } } },
              skills: { select: { skill: { select: { slug: true, name: true } } } },
            },
          },
        },
      },
    },
  });
  const themes = new Map<string, string>();
  const councils = new Map<string, string>();
  const skills = new Map<string, string>();
  const years = new Set<number>();
  for (const row of rows) {
    const c = row.project.challenge;
    councils.set(c.organisation.slug, c.organisation.name);
    for (const { theme } of c.themes) themes.set(theme.slug, theme.name);
    for (const { skill } of c.skills) skills.set(skill.slug, skill.name);
    if (row.publishedAt) years.add(row.publishedAt.getUTCFullYear());
  }
  const sorted = (map: Map<string, string>) =>
    [...map].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  return {
    themes: sorted(themes),
    councils: sorted(councils),
    skills: sorted(skills),
    years: [...years].sort((a, b) => b - a),
  };
}

/** Newest published outcomes for the Atom feed, straight from PostgreSQL. */
export async function listOutcomesForFeed(limit: number) {
  const rows = await prisma.outcome.findMany({
    where: publishedOutcomes,
    orderBy: newestFirst,
    take: limit,
    select: publicSelect,
  });
  return Promise.all(rows.map(publicOutcomeRecord));
}

/** The published outcomes `userId` is credited on, for their profile page (already shown to the viewer). */
export async function outcomesCreditedTo(userId: string) {
  const rows = await prisma.outcomeContributor.findMany({
    where: { userId, outcome: publishedOutcomes },
    orderBy: { outcome: { publishedAt: "desc" } },
    select: {
      teamRole: true,
      role: true,
      outcome: {
        select: {
          slug: true,
          title: true,
          publishedAt: true,
          project: { select: { title: true, challenge: { select: { organisation: { select: { name: true } } } } } },
        },
      },
    },
  });
  return rows.map((r) => ({
    slug: r.outcome.slug,
    title: r.outcome.title || r.outcome.project.title,
    council: r.outcome.project.challenge.organisation.name,
    publishedAt: r.outcome.publishedAt?.toISOString() ?? null,
    role: r.role,
    lead: r.teamRole === "lead",
  }));
}

/** The published outcome of a challenge, for a link from the challenge's page. */
export async function publishedOutcomeOfChallenge(challengeId: string) {
  return prisma.outcome.findFirst({
    where: { ...publishedOutcomes, project: { challengeId, challenge: publicChallenges } },
    orderBy: { publishedAt: "desc" },
    select: { slug: true, title: true },
  });
}
