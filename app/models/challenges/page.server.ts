import type { Prisma } from "~/generated/prisma/client";
import { eventSelect, timelineFor } from "~/models/challenges/history.server";
import { challengeAccess, type ChallengeAccess } from "~/models/challenges/policy.server";
import { PUBLIC_STATUSES } from "~/models/challenges/status";
import type { Actor } from "~/models/platform/actor";
import { prisma } from "~/services/db.server";
import { renderMarkdown } from "~/services/markdown.server";

// What the challenge page shows, already cut down to what this viewer may see (challengeAccess
// decides): datasets with personal data, their links, the contact's email address and the old
// values in the history leave the server only for people allowed to see them.

/** The challenge's long texts as sanitised HTML: the one rendering every page shows. */
export function renderChallengeText(c: {
  problem: string;
  whoIsAffected: string;
  whyItMatters: string;
  outcomeWanted: string;
  successMeasures: string;
}) {
  return {
    problem: renderMarkdown(c.problem),
    whoIsAffected: renderMarkdown(c.whoIsAffected),
    whyItMatters: renderMarkdown(c.whyItMatters),
    outcomeWanted: renderMarkdown(c.outcomeWanted),
    successMeasures: renderMarkdown(c.successMeasures),
  };
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

/** The challenge at `slug` as `user` may see it, or null when they may not see it at all. */
export async function getChallengePage(slug: string, user: Actor | null) {
  const challenge = await prisma.challenge.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      status: true,
      organisationId: true,
      title: true,
      problem: true,
      whoIsAffected: true,
      whyItMatters: true,
      outcomeWanted: true,
      successMeasures: true,
      area: true,
      teamSizeMin: true,
      teamSizeMax: true,
      timeCommitment: true,
      deadline: true,
      contactName: true,
      contactEmail: true,
      publishedAt: true,
      updatedAt: true,
      organisation: {
        select: {
          id: true,
          name: true,
          slug: true,
          kind: true,
          region: true,
          verifiedAt: true,
          gssCode: true,
        },
      },
      themes: { select: { theme: { select: { name: true } } }, orderBy: { theme: { position: "asc" } } },
      skills: { select: { importance: true, skill: { select: { name: true } } }, orderBy: { skill: { name: "asc" } } },
      datasets: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: datasetSelect },
      events: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: eventSelect },
      _count: { select: { datasetChanges: true } },
    },
  });
  if (!challenge) return null;
  const access = await challengeAccess(user, challenge);
  if (!access.view) return null;

  const isPublic = PUBLIC_STATUSES.includes(challenge.status);
  const visibleDatasets = challenge.datasets.filter((d) => access.personalDatasets || !d.personalData);
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
    html: renderChallengeText(challenge),
    area: challenge.area,
    themes: challenge.themes.map((t) => t.theme.name),
    essentialSkills: challenge.skills.filter((s) => s.importance === "essential").map((s) => s.skill.name),
    helpfulSkills: challenge.skills.filter((s) => s.importance === "helpful").map((s) => s.skill.name),
    teamSize: { min: challenge.teamSizeMin, max: challenge.teamSizeMax },
    timeCommitment: challenge.timeCommitment,
    deadline: challenge.deadline,
    // The officer gave this address for the hub and the team, not for everyone signed in.
    contact: { name: challenge.contactName, email: access.contact ? challenge.contactEmail : null },
    // The data card as last approved; changes waiting for hub review are on the review page.
    datasets: visibleDatasets.map((d) => datasetView(d, access)),
    hiddenPersonalDatasets: challenge.datasets.length - visibleDatasets.length,
    dataCardChangesWaiting: access.manage ? challenge._count.datasetChanges : 0,
    timeline: timelineFor(challenge.events, access),
    viewer: {
      signedIn: user !== null,
      following,
      history: access.history,
      council: access.council,
      manage: access.manage,
      // "People for this challenge" (matching): those who manage it, while people can join.
      findPeople: access.manage && (challenge.status === "open" || challenge.status === "in_progress"),
    },
  };
}

/** The columns of a dataset any page may need; datasetView decides what leaves the server. */
export const datasetSelect = {
  id: true,
  title: true,
  description: true,
  format: true,
  licence: true,
  sensitivity: true,
  personalData: true,
  dpia: true,
  accessRoute: true,
  retentionDate: true,
  link: true,
} satisfies Prisma.DatasetSelect;

type DatasetRow = Prisma.DatasetGetPayload<{ select: typeof datasetSelect }>;

/** A dataset for a page: the link to personal data only for people who may know where it lives. */
export function datasetView(d: DatasetRow, access: Pick<ChallengeAccess, "personalDataLinks">) {
  return {
    id: d.id,
    title: d.title,
    descriptionHtml: renderMarkdown(d.description),
    format: d.format,
    licence: d.licence,
    sensitivity: d.sensitivity,
    personalData: d.personalData,
    dpia: d.dpia,
    accessRoute: d.accessRoute,
    retentionDate: d.retentionDate,
    link: d.personalData && !access.personalDataLinks ? null : d.link,
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
