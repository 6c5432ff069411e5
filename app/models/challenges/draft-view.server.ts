import type { ChallengeRef } from "~/models/challenges/policy.server";
import { dataCardForCouncil, changeSelect, datasetFields } from "~/models/challenges/data-card.server";
import { councilEditAccess } from "~/models/challenges/draft.server";
import { missingForSubmission } from "~/models/challenges/lifecycle.server";
import { renderChallengeText } from "~/models/challenges/page.server";
import { PUBLIC_STATUSES, statusLabels } from "~/models/challenges/status";
import type { WizardStep } from "~/models/challenges/wizard";
import { dateParts } from "~/models/challenges/wizard-steps/fields";
import type { Actor } from "~/models/platform/actor";
import { SKILL_CATEGORY_LABELS } from "~/models/taxonomy/skill-taxonomy.server";
import { listThemes } from "~/models/taxonomy/theme.server";
import { prisma } from "~/services/db.server";
import { renderMarkdown } from "~/services/markdown.server";

// What each page of the wizard shows, and nothing more: a step's form gets the saved values of
// its own fields (as the form shows them), the check page the whole challenge. Only the
// challenge's council reads these, and only while it may change the challenge.

interface StepContext {
  actor: Actor;
  ref: ChallengeRef;
  /** The dataset being changed on the data step (`?dataset=`). */
  datasetId: string | null;
}

const byId = (ref: ChallengeRef) => ({ where: { id: ref.id } });

const sortedThemes = (themes: { theme: { id: string; name: string } }[]) =>
  themes.map((t) => t.theme).sort((a, b) => a.name.localeCompare(b.name));

const sortedSkills = (skills: { importance: "essential" | "helpful"; skill: { id: string; name: string } }[]) =>
  skills.map((s) => ({ id: s.skill.id, name: s.skill.name, importance: s.importance })).sort((a, b) => a.name.localeCompare(b.name));

const themeSelect = { select: { theme: { select: { id: true, name: true } } } } as const;
const skillSelect = { select: { importance: true, skill: { select: { id: true, name: true } } } } as const;

/** The data card as the council edits it: approved datasets with waiting changes laid over them. */
async function councilDataCard(ref: ChallengeRef) {
  const { datasets, datasetChanges } = await prisma.challenge.findUniqueOrThrow({
    ...byId(ref),
    select: {
      datasets: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, ...datasetFields } },
      datasetChanges: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: changeSelect },
    },
  });
  return dataCardForCouncil(datasets, datasetChanges);
}

const steps = {
  problem: async ({ ref }: StepContext) => ({
    challenge: await prisma.challenge.findUniqueOrThrow({
      ...byId(ref),
      select: { title: true, problem: true, whoIsAffected: true },
    }),
  }),
  why: async ({ ref }: StepContext) => ({
    challenge: await prisma.challenge.findUniqueOrThrow({ ...byId(ref), select: { whyItMatters: true } }),
  }),
  outcome: async ({ ref }: StepContext) => ({
    challenge: await prisma.challenge.findUniqueOrThrow({
      ...byId(ref),
      select: { outcomeWanted: true, successMeasures: true },
    }),
  }),
  themes: async ({ ref }: StepContext) => {
    const { themes } = await prisma.challenge.findUniqueOrThrow({ ...byId(ref), select: { themes: themeSelect } });
    return {
      challenge: { themes: themes.map((t) => t.theme.id) },
      themes: (await listThemes()).map((theme) => ({ id: theme.id, name: theme.name })),
    };
  },
  area: async ({ ref }: StepContext) => {
    const { area } = await prisma.challenge.findUniqueOrThrow({ ...byId(ref), select: { area: true } });
    // Usually the whole council.
    return { challenge: { area: area || ref.organisation.name } };
  },
  skills: async ({ ref }: StepContext) => {
    const { skills } = await prisma.challenge.findUniqueOrThrow({ ...byId(ref), select: { skills: skillSelect } });
    return { challenge: { skills: sortedSkills(skills) }, skillGroups: await skillChoices() };
  },
  team: async ({ ref }: StepContext) => {
    const team = await prisma.challenge.findUniqueOrThrow({
      ...byId(ref),
      select: { teamSizeMin: true, teamSizeMax: true, timeCommitment: true, deadline: true },
    });
    return { challenge: { ...team, deadline: dateParts(team.deadline) } };
  },
  data: async ({ ref, datasetId }: StepContext) => {
    const card = await councilDataCard(ref);
    const editing = card.find((d) => d.id === datasetId);
    return {
      challenge: {
        datasets: card.map((d) => ({
          id: d.id,
          title: d.title,
          licence: d.licence,
          sensitivity: d.sensitivity,
          personalData: d.personalData,
          dpia: d.dpia,
          accessRoute: d.accessRoute,
          retentionDate: d.retentionDate,
          review: d.review,
        })),
      },
      // The dataset being changed, as its form shows it.
      editingDataset: editing
        ? {
            id: editing.id,
            title: editing.title,
            description: editing.description,
            link: editing.link ?? "",
            format: editing.format,
            licence: editing.licence,
            sensitivity: editing.sensitivity,
            personalData: editing.personalData ? "yes" : "no",
            dpia: editing.dpia,
            accessRoute: editing.accessRoute,
            retentionDate: dateParts(editing.retentionDate),
          }
        : null,
      // Changes to the data card of a public challenge wait for hub review.
      dataCardReviewed: PUBLIC_STATUSES.includes(ref.status),
    };
  },
  contact: async ({ ref, actor }: StepContext) => {
    const contact = await prisma.challenge.findUniqueOrThrow({
      ...byId(ref),
      select: { contactName: true, contactEmail: true },
    });
    // The officer writing it, unless they named someone else.
    return {
      challenge: {
        contactName: contact.contactName || actor.displayName,
        contactEmail: contact.contactEmail || (actor.email ?? ""),
      },
    };
  },
  check: async ({ ref }: StepContext) => {
    const { themes, skills, ...challenge } = await prisma.challenge.findUniqueOrThrow({
      ...byId(ref),
      select: {
        id: true,
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
        themes: themeSelect,
        skills: skillSelect,
      },
    });
    const canSubmit = ref.status === "draft" || ref.status === "changes_requested";
    return {
      challenge: {
        id: challenge.id,
        title: challenge.title,
        area: challenge.area,
        themes: sortedThemes(themes),
        skills: sortedSkills(skills),
        teamSizeMin: challenge.teamSizeMin,
        teamSizeMax: challenge.teamSizeMax,
        timeCommitment: challenge.timeCommitment,
        deadline: challenge.deadline,
        // The summary shows a dataset's description as HTML only.
        datasets: (await councilDataCard(ref)).map(({ description: _, ...dataset }) => dataset),
        contactName: challenge.contactName,
        contactEmail: challenge.contactEmail,
      },
      challengeHtml: renderChallengeText(challenge),
      missing: canSubmit ? await missingForSubmission(prisma, ref.id) : [],
      canSubmit,
      canDelete: ref.status === "draft",
      statusLabel: statusLabels[ref.status],
      organisationVerified: ref.organisation.verifiedAt !== null,
    };
  },
} satisfies Record<WizardStep, (context: StepContext) => Promise<object>>;

interface WizardFrame {
  challengeId: string;
  /** For the page's title. */
  challengeTitle: string;
  organisation: { name: string; slug: string };
  /** The hub's comment while it has asked for changes, rendered and sanitised. */
  reviewCommentHtml: string | null;
}

/** One page of the wizard: what every step shows (the frame) and what this step shows. */
export type WizardPage = {
  [S in WizardStep]: WizardFrame & { step: S } & Awaited<ReturnType<(typeof steps)[S]>>;
}[WizardStep];

export type WizardPageOf<S extends WizardStep> = Extract<WizardPage, { step: S }>;

/**
 * The page for `step` of the wizard, for a member of the challenge's council. Not found or
 * forbidden for anyone else (the policy decides); `review-page` when the challenge may not be
 * changed now (waiting for review, or finished): the council sees it there instead.
 */
export async function getWizardPage(
  actor: Actor,
  challengeId: string,
  step: WizardStep,
  options: { datasetId?: string | null } = {},
): Promise<WizardPage | { kind: "review-page" }> {
  const { ref, editable } = await councilEditAccess(actor, challengeId);
  if (!editable) return { kind: "review-page" };
  const { title, reviewComment, organisation } = await prisma.challenge.findUniqueOrThrow({
    ...byId(ref),
    select: { title: true, reviewComment: true, organisation: { select: { slug: true } } },
  });
  const frame: WizardFrame = {
    challengeId: ref.id,
    challengeTitle: title,
    organisation: { name: ref.organisation.name, slug: organisation.slug },
    reviewCommentHtml: ref.status === "changes_requested" && reviewComment ? renderMarkdown(reviewComment) : null,
  };
  const view = await steps[step]({ actor, ref, datasetId: options.datasetId ?? null });
  // TypeScript cannot follow `step` into `steps[step]`; `WizardPage` pairs them.
  return { ...frame, step, ...view } as WizardPage;
}

/** The skill taxonomy grouped by category, for the skills picker. */
async function skillChoices() {
  const skills = await prisma.skill.findMany({
    orderBy: [{ category: "asc" }, { name: "asc" }],
    select: { id: true, name: true, category: true },
  });
  const groups = new Map<string, { id: string; name: string }[]>();
  for (const skill of skills) {
    const label = SKILL_CATEGORY_LABELS[skill.category];
    groups.set(label, [...(groups.get(label) ?? []), { id: skill.id, name: skill.name }]);
  }
  return [...groups].map(([category, options]) => ({ category, options }));
}
