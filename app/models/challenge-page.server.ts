import type { ChallengeStatus } from "~/generated/prisma/client";
import { challengeAccess, PUBLIC_STATUSES } from "~/models/challenge.server";
import type { CurrentUser } from "~/services/auth.server";
import { prisma } from "~/services/db.server";
import { renderMarkdown } from "~/services/markdown.server";

// What the challenge page shows, already cut down to what this viewer may see: datasets with
// personal data (and their links) leave the server only for people with `personalData` access.

const fieldLabels: Record<string, string> = {
  title: "Title",
  problem: "The problem",
  whoIsAffected: "Who it affects",
  whyItMatters: "Why it matters",
  outcomeWanted: "Outcome wanted",
  successMeasures: "How success will be measured",
  area: "Area",
  teamSizeMin: "Smallest team",
  teamSizeMax: "Largest team",
  timeCommitment: "Time commitment",
  deadline: "Deadline",
  contactName: "Contact",
  themes: "Themes",
  skills: "Skills",
  datasets: "Datasets",
};

function describeValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  const text = Array.isArray(value)
    ? value.map(String).join(", ")
    : typeof value === "object"
      ? JSON.stringify(value)
      : String(value);
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
}

/** Markdown to a one-paragraph plain summary, for meta descriptions and JSON-LD. */
export function plainText(markdown: string, max = 300) {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]*>/g, " ")
    .replace(/[#>*_`~|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).replace(/\s+\S*$/, "")}…` : text;
}

export async function getChallengePage(slug: string, user: CurrentUser | null) {
  const challenge = await prisma.challenge.findUnique({
    where: { slug },
    include: {
      organisation: {
        select: {
          id: true,
          name: true,
          slug: true,
          kind: true,
          region: true,
          verifiedAt: true,
          gssCode: true,
          website: true,
        },
      },
      themes: { select: { theme: { select: { name: true } } }, orderBy: { theme: { position: "asc" } } },
      skills: { select: { importance: true, skill: { select: { name: true } } }, orderBy: { skill: { name: "asc" } } },
      datasets: { orderBy: [{ position: "asc" }, { createdAt: "asc" }] },
      events: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          kind: true,
          fromStatus: true,
          toStatus: true,
          comment: true,
          changes: true,
          createdAt: true,
        },
      },
    },
  });
  if (!challenge) return null;
  const access = await challengeAccess(user, challenge);
  if (!access.view) return null;

  const isPublic = PUBLIC_STATUSES.includes(challenge.status);
  const insider = access.council || access.reviewer;
  const visibleDatasets = challenge.datasets.filter((d) => access.personalData || !d.personalData);
  const following = user
    ? (await prisma.challengeFollow.count({ where: { userId: user.id, challengeId: challenge.id } })) > 0
    : false;

  return {
    id: challenge.id,
    slug: challenge.slug,
    title: challenge.title || "Untitled challenge",
    status: challenge.status,
    isPublic,
    summary: plainText(challenge.problem),
    publishedAt: challenge.publishedAt,
    updatedAt: challenge.updatedAt,
    council: {
      name: challenge.organisation.name,
      slug: challenge.organisation.slug,
      gssCode: challenge.organisation.gssCode,
    },
    html: {
      problem: renderMarkdown(challenge.problem),
      whoIsAffected: renderMarkdown(challenge.whoIsAffected),
      whyItMatters: renderMarkdown(challenge.whyItMatters),
      outcomeWanted: renderMarkdown(challenge.outcomeWanted),
      successMeasures: renderMarkdown(challenge.successMeasures),
    },
    area: challenge.area,
    themes: challenge.themes.map((t) => t.theme.name),
    essentialSkills: challenge.skills.filter((s) => s.importance === "essential").map((s) => s.skill.name),
    helpfulSkills: challenge.skills.filter((s) => s.importance === "helpful").map((s) => s.skill.name),
    teamSize: { min: challenge.teamSizeMin, max: challenge.teamSizeMax },
    timeCommitment: challenge.timeCommitment,
    deadline: challenge.deadline,
    contact: { name: challenge.contactName, email: user ? challenge.contactEmail : null },
    datasets: visibleDatasets.map((d) => ({
      id: d.id,
      title: d.title,
      description: d.description,
      format: d.format,
      licence: d.licence,
      sensitivity: d.sensitivity,
      personalData: d.personalData,
      dpia: d.dpia,
      accessRoute: d.accessRoute,
      retentionDate: d.retentionDate,
      link: d.link,
    })),
    hiddenPersonalDatasets: challenge.datasets.length - visibleDatasets.length,
    // The public sees the challenge's public life; the council and its reviewers see all of it,
    // including review comments on the way to publication.
    timeline: challenge.events
      .filter((e) => insider || e.kind === "edit" || (e.toStatus !== null && PUBLIC_STATUSES.includes(e.toStatus)))
      .map((e) => ({
        id: e.id.toString(),
        kind: e.kind === "edit" ? ("edit" as const) : ("status" as const),
        at: e.createdAt,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus as ChallengeStatus | null,
        comment: e.comment,
        changes:
          e.kind === "edit" && e.changes && typeof e.changes === "object" && !Array.isArray(e.changes)
            ? Object.entries(e.changes as Record<string, { from?: unknown; to?: unknown } | null>).map(
                ([field, change]) => ({
                  field: fieldLabels[field] ?? field,
                  from: describeValue(change?.from),
                  to: describeValue(change?.to),
                }),
              )
            : [],
      })),
    viewer: {
      signedIn: user !== null,
      following,
      council: access.council,
      reviewer: access.reviewer,
      personalData: access.personalData,
    },
  };
}

export type ChallengePage = NonNullable<Awaited<ReturnType<typeof getChallengePage>>>;

/** schema.org description of a public challenge, as JSON safe to put inside a <script>. */
export function challengeJsonLd(page: ChallengePage, url: string) {
  const organisationUrl = new URL(`/organisations/${page.council.slug}`, url).href;
  const data = {
    "@context": "https://schema.org",
    "@type": "CreativeWork",
    name: page.title,
    description: page.summary,
    url,
    ...(page.publishedAt ? { datePublished: new Date(page.publishedAt).toISOString() } : {}),
    dateModified: new Date(page.updatedAt).toISOString(),
    creativeWorkStatus: page.status,
    publisher: {
      "@type": "GovernmentOrganization",
      name: page.council.name,
      url: organisationUrl,
      ...(page.council.gssCode
        ? { identifier: { "@type": "PropertyValue", propertyID: "GSS", value: page.council.gssCode } }
        : {}),
    },
    keywords: [...page.themes, ...page.essentialSkills, ...page.helpfulSkills].join(", "),
    ...(page.area ? { spatialCoverage: { "@type": "Place", name: page.area } } : {}),
  };
  // Inside <script>, "</script>" or "<!--" in any value would end or confuse the element.
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
