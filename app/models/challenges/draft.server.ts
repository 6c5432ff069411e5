import { z } from "zod";
import type { ChallengeStatus, Prisma } from "~/generated/prisma/client";
import { ChallengeRuleError, recordEdit } from "~/models/challenges/lifecycle.server";
import { challengeAccess, EDITABLE_STATUSES, loadChallengeRef } from "~/models/challenges/policy.server";
import { PUBLIC_STATUSES, statusLabels } from "~/models/challenges/status";
import {
  changeSelect,
  dataCardForCouncil,
  datasetFields,
  proposeDatasetChange,
  publicDatasets,
  recordDatasetChangeSent,
} from "~/models/challenges/data-card.server";
import { renderChallengeText } from "~/models/challenges/page.server";
import { exampleDate, stepNumber, WIZARD_STEPS, type WizardStep } from "~/models/challenges/wizard";
import { emailAddress } from "~/models/platform/fields";
import { SKILL_CATEGORY_LABELS } from "~/models/taxonomy/skill-taxonomy.server";
import type { Actor } from "~/models/platform/actor";
import { prisma } from "~/services/db.server";
import { fieldErrors, type FieldErrors } from "~/services/form.server";

// The intake wizard: a council officer writes a challenge one short step at a time. Each step
// is checked on its own and saved at once, so the officer can leave and come back. Edits to a
// challenge the public can already see go through recordEdit, so its history shows old → new;
// changes to its data card wait for hub review instead (challenge-data-card.server.ts).

type Tx = Prisma.TransactionClient;

export const MAX_SKILLS = 20;
export const MAX_DATASETS = 20;

const requiredText = (max: number, empty: string, name: string) =>
  z
    .string({ required_error: empty })
    .trim()
    .min(1, empty)
    .max(max, `${name} must be ${max.toLocaleString("en-GB")} characters or fewer`);

const optionalText = (max: number, name: string) =>
  z
    .string()
    .trim()
    .max(max, `${name} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .default("");

const choice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.enum(values as unknown as [T[number], ...T[number][]], { errorMap: () => ({ message }) });

/** Today's date in the UK, as YYYY-MM-DD (deadlines are calendar dates, not instants). */
function ukToday() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
}

/** A GOV.UK date input (three boxes) → a Date at UTC midnight, or null when left empty. */
function dateField(name: string, { future }: { future: boolean }) {
  return z
    .object({ day: z.string().trim().default(""), month: z.string().trim().default(""), year: z.string().trim().default("") })
    .transform((parts, ctx) => {
      const { day, month, year } = parts;
      if (!day && !month && !year) return null;
      const missing = (["day", "month", "year"] as const).filter((part) => !parts[part]);
      if (missing.length > 0) {
        ctx.addIssue({ code: "custom", message: `${name} must include a ${missing.join(" and ")}` });
        return z.NEVER;
      }
      const [d, m, y] = [day, month, year].map(Number) as [number, number, number];
      const date = new Date(Date.UTC(y, m - 1, d));
      const real =
        /^\d{1,2}$/.test(day) &&
        /^\d{1,2}$/.test(month) &&
        /^\d{4}$/.test(year) &&
        date.getUTCFullYear() === y &&
        date.getUTCMonth() === m - 1 &&
        date.getUTCDate() === d;
      if (!real) {
        ctx.addIssue({ code: "custom", message: `${name} must be a real date, like ${exampleDate(6)}` });
        return z.NEVER;
      }
      if (future && date.toISOString().slice(0, 10) <= ukToday()) {
        ctx.addIssue({ code: "custom", message: `${name} must be in the future` });
        return z.NEVER;
      }
      return date;
    });
}

const teamSize = (which: "smallest" | "largest") =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${which} team size`)
    .regex(/^\d+$/, `The ${which} team size must be a whole number, like 4`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, `The ${which} team size must be at least 1`)
        .max(50, `The ${which} team size must be 50 or fewer`),
    );

export const stepSchemas = {
  problem: z.object({
    title: requiredText(120, "Enter a title for the challenge", "Title"),
    problem: requiredText(10_000, "Describe the problem", "The problem"),
    whoIsAffected: requiredText(2_000, "Say who the problem affects", "Who it affects"),
  }),
  why: z.object({ whyItMatters: requiredText(5_000, "Say why the problem matters", "Why it matters") }),
  outcome: z.object({
    outcomeWanted: requiredText(5_000, "Describe the outcome you want", "The outcome"),
    successMeasures: requiredText(5_000, "Say how you will know it worked", "How you will measure success"),
  }),
  themes: z.object({
    themes: z.array(z.string().max(40)).min(1, "Choose at least one theme").max(50, "Choose fewer themes"),
  }),
  area: z.object({ area: requiredText(200, "Enter the area the challenge covers", "Area") }),
  skill: z.object({
    skillId: z.string().trim().min(1, "Choose a skill").max(40),
    importance: choice(["essential", "helpful"], "Choose whether the skill is essential or helpful"),
  }),
  team: z
    .object({
      teamSizeMin: teamSize("smallest"),
      teamSizeMax: teamSize("largest"),
      timeCommitment: requiredText(200, "Say how much time the team will need to give", "Time commitment"),
      deadline: dateField("The deadline", { future: true }),
    })
    .refine((team) => team.teamSizeMin <= team.teamSizeMax, {
      message: "The largest team size must be the same as or more than the smallest",
      path: ["teamSizeMax"],
    }),
  dataset: z
    .object({
      title: requiredText(200, "Enter the name of the dataset", "Name"),
      description: optionalText(2_000, "Description"),
      link: z
        .string()
        .trim()
        .max(2_000, "Link must be 2,000 characters or fewer")
        .refine((link) => link === "" || isWebAddress(link), "Enter a web address starting with https:// or http://, like https://data.example.gov.uk/floods")
        .default(""),
      format: optionalText(100, "Format"),
      licence: choice(["ogl", "cc_by", "other", "not_licensed"], "Choose the licence"),
      sensitivity: choice(["open", "official", "official_sensitive"], "Choose how sensitive the data is"),
      personalData: choice(["yes", "no"], "Say whether the data is about people").transform((value) => value === "yes"),
      dpia: choice(["yes", "no", "not_needed"], "Say whether a data protection impact assessment has been done"),
      accessRoute: choice(
        ["open_download", "on_request_dsa", "secure_environment", "synthetic_sample"],
        "Choose how people will get the data",
      ),
      retentionDate: dateField("The date to delete the data", { future: false }),
    })
    .superRefine((dataset, ctx) => {
      if (!dataset.personalData) return;
      if (dataset.accessRoute === "open_download") {
        ctx.addIssue({
          code: "custom",
          path: ["accessRoute"],
          message: "Data about people must not be an open download: choose a data sharing agreement, a secure environment or a synthetic sample",
        });
      }
      if (dataset.sensitivity === "open") {
        ctx.addIssue({ code: "custom", path: ["sensitivity"], message: "Data about people cannot be marked open: choose OFFICIAL or OFFICIAL-SENSITIVE" });
      }
    }),
  contact: z.object({
    contactName: requiredText(100, "Enter the contact's name", "Name"),
    contactEmail: emailAddress("Enter the contact's email address"),
  }),
};

function isWebAddress(text: string) {
  try {
    const url = new URL(text);
    // Single-label hosts are fine: council intranets often live at http://intranet/….
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "" && !/\s/.test(text);
  } catch {
    return false;
  }
}

const dateParts = (form: FormData, name: string) => ({
  day: String(form.get(`${name}-day`) ?? ""),
  month: String(form.get(`${name}-month`) ?? ""),
  year: String(form.get(`${name}-year`) ?? ""),
});

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

// ---------------------------------------------------------------------------------------------
// Access
// ---------------------------------------------------------------------------------------------

/** Throws unless `user` may edit the challenge now: 404 if they may not even see it. */
export async function requireEditAccess(user: Actor, challengeId: string) {
  const ref = await loadChallengeRef(prisma, challengeId);
  if (!ref) throw new ChallengeRuleError("That challenge does not exist.", 404);
  const access = await challengeAccess(user, ref);
  if (!access.view) throw new ChallengeRuleError("That challenge does not exist.", 404);
  if (!access.council) throw new ChallengeRuleError(`Only members of ${ref.organisation.name} can change this challenge.`, 403);
  if (!access.edit) {
    throw new ChallengeRuleError(`A challenge that is "${statusLabels[ref.status]}" cannot be changed.`, 409);
  }
  return ref;
}

// ---------------------------------------------------------------------------------------------
// Saving a step
// ---------------------------------------------------------------------------------------------

const currentInclude = {
  themes: { select: { theme: { select: { id: true, name: true } } } },
  skills: { select: { importance: true, skill: { select: { id: true, name: true } } } },
  datasets: { orderBy: [{ position: "asc" }, { createdAt: "asc" }] },
  datasetChanges: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: changeSelect },
} satisfies Prisma.ChallengeInclude;

type Current = Prisma.ChallengeGetPayload<{ include: typeof currentInclude }>;
type Changes = Record<string, { from: unknown; to: unknown }>;
type StepOutcome = { errors: FieldErrors } | { changes: Changes; stay?: boolean; message?: string };

interface StepArgs {
  tx: Tx;
  user: Actor;
  current: Current;
  form: FormData;
  intent: string;
}

export type SaveResult = { ok: false; errors: FieldErrors } | { ok: true; goTo: WizardStep; message?: string };

/**
 * Checks and saves one step of the wizard for `user`. Returns field errors for bad input;
 * otherwise the step to show next (the same step after adding or removing a skill or dataset).
 */
export async function saveStep(user: Actor, challengeId: string, step: WizardStep, form: FormData): Promise<SaveResult> {
  await requireEditAccess(user, challengeId);
  if (step === "check") throw new ChallengeRuleError("There is nothing to save on this page.", 400);
  const intent = text(form, "intent") ?? "continue";
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM challenges WHERE id = ${challengeId} FOR UPDATE`;
    const current = await tx.challenge.findUniqueOrThrow({ where: { id: challengeId }, include: currentInclude });
    if (!EDITABLE_STATUSES.includes(current.status)) {
      throw new ChallengeRuleError(`A challenge that is "${statusLabels[current.status]}" cannot be changed.`, 409);
    }
    const outcome = await steps[step]({ tx, user, current, form, intent });
    if ("errors" in outcome) return { ok: false, errors: outcome.errors };
    const done = outcome.stay ? current.wizardStep : Math.max(current.wizardStep, stepNumber(step));
    if (done !== current.wizardStep) await tx.challenge.update({ where: { id: challengeId }, data: { wizardStep: done } });
    await recordEdit(tx, user, current, outcome.changes);
    return { ok: true, goTo: outcome.stay ? step : nextStep(step, done), message: outcome.message };
  });
}

/** The next step; once every step has been done, changes go back to the check page. */
function nextStep(step: WizardStep, done: number): WizardStep {
  if (done >= stepNumber("contact")) return "check";
  return WIZARD_STEPS[WIZARD_STEPS.indexOf(step) + 1] ?? "check";
}

type Scalar = "title" | "problem" | "whoIsAffected" | "whyItMatters" | "outcomeWanted" | "successMeasures" | "area"
  | "teamSizeMin" | "teamSizeMax" | "timeCommitment" | "deadline" | "contactName" | "contactEmail";

const comparable = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : (value ?? null));

/** Writes the fields that changed and returns them with their old and new values. */
async function updateFields(tx: Tx, current: Current, patch: Partial<Record<Scalar, string | number | Date | null>>) {
  const changes: Changes = {};
  for (const [field, value] of Object.entries(patch) as [Scalar, unknown][]) {
    const from = comparable(current[field]);
    const to = comparable(value);
    if (from !== to) changes[field] = { from, to };
  }
  if (Object.keys(changes).length > 0) {
    await tx.challenge.update({ where: { id: current.id }, data: patch as Prisma.ChallengeUpdateInput });
  }
  return changes;
}

function scalarStep<S extends z.ZodTypeAny>(schema: S, read: (form: FormData) => unknown) {
  return async ({ tx, current, form }: StepArgs): Promise<StepOutcome> => {
    const parsed = schema.safeParse(read(form));
    if (!parsed.success) return { errors: fieldErrors(parsed.error) };
    return { changes: await updateFields(tx, current, parsed.data as Record<Scalar, string | number | Date | null>) };
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** `{ [field]: { from, to } }` when the value changed, otherwise no changes. */
const diff = (field: string, from: unknown, to: unknown): Changes => (same(from, to) ? {} : { [field]: { from, to } });

const skillList = (skills: { importance: string; skill: { name: string } }[]) =>
  skills.map((s) => `${s.skill.name} (${s.importance})`).sort();

const steps: Record<Exclude<WizardStep, "check">, (args: StepArgs) => Promise<StepOutcome>> = {
  problem: scalarStep(stepSchemas.problem, (form) => ({
    title: text(form, "title"),
    problem: text(form, "problem"),
    whoIsAffected: text(form, "whoIsAffected"),
  })),
  why: scalarStep(stepSchemas.why, (form) => ({ whyItMatters: text(form, "whyItMatters") })),
  outcome: scalarStep(stepSchemas.outcome, (form) => ({
    outcomeWanted: text(form, "outcomeWanted"),
    successMeasures: text(form, "successMeasures"),
  })),
  area: scalarStep(stepSchemas.area, (form) => ({ area: text(form, "area") })),
  team: scalarStep(stepSchemas.team, (form) => ({
    teamSizeMin: text(form, "teamSizeMin") ?? "",
    teamSizeMax: text(form, "teamSizeMax") ?? "",
    timeCommitment: text(form, "timeCommitment"),
    deadline: dateParts(form, "deadline"),
  })),
  contact: scalarStep(stepSchemas.contact, (form) => ({
    contactName: text(form, "contactName"),
    contactEmail: text(form, "contactEmail"),
  })),

  async themes({ tx, current, form }) {
    const parsed = stepSchemas.themes.safeParse({ themes: form.getAll("themes").filter((v) => typeof v === "string") });
    if (!parsed.success) return { errors: fieldErrors(parsed.error) };
    const ids = [...new Set(parsed.data.themes)];
    const chosen = await tx.theme.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    if (chosen.length !== ids.length) return { errors: { themes: "Choose themes from the list" } };
    const from = current.themes.map((t) => t.theme.name).sort();
    const to = chosen.map((t) => t.name).sort();
    if (same(from, to)) return { changes: {} as Changes };
    await tx.challengeTheme.deleteMany({ where: { challengeId: current.id } });
    await tx.challengeTheme.createMany({ data: ids.map((themeId) => ({ challengeId: current.id, themeId })) });
    return { changes: { themes: { from, to } } };
  },

  async skills({ tx, current, form, intent }) {
    const before = skillList(current.skills);
    if (intent === "remove-skill") {
      const skillId = text(form, "skillId") ?? "";
      await tx.challengeSkill.deleteMany({ where: { challengeId: current.id, skillId } });
      const after = skillList(current.skills.filter((s) => s.skill.id !== skillId));
      return { changes: diff("skills", before, after), stay: true, message: "Skill removed" };
    }
    const picked = text(form, "skillId")?.trim();
    // "Save and continue" with a skill still chosen in the list adds it too: people expect that.
    if (intent === "add-skill" || picked) {
      const parsed = stepSchemas.skill.safeParse({ skillId: picked ?? "", importance: text(form, "importance") });
      if (!parsed.success) return { errors: fieldErrors(parsed.error) };
      const skill = await tx.skill.findUnique({ where: { id: parsed.data.skillId }, select: { id: true, name: true } });
      if (!skill) return { errors: { skillId: "Choose a skill from the list" } };
      const exists = current.skills.some((s) => s.skill.id === skill.id);
      if (!exists && current.skills.length >= MAX_SKILLS) return { errors: { skillId: `You can ask for up to ${MAX_SKILLS} skills` } };
      await tx.challengeSkill.upsert({
        where: { challengeId_skillId: { challengeId: current.id, skillId: skill.id } },
        create: { challengeId: current.id, skillId: skill.id, importance: parsed.data.importance },
        update: { importance: parsed.data.importance },
      });
      const after = skillList([
        ...current.skills.filter((s) => s.skill.id !== skill.id),
        { importance: parsed.data.importance, skill },
      ]);
      const changes = diff("skills", before, after);
      if (intent === "add-skill") return { changes, stay: true, message: `${skill.name} added` };
      return { changes };
    }
    if (current.skills.length === 0) return { errors: { skillId: "Add at least one skill the team will need" } };
    return { changes: {} };
  },

  async data({ tx, user, current, form, intent }) {
    const isPublic = PUBLIC_STATUSES.includes(current.status);
    const before = publicDatasets(current.datasets);
    const datasetId = text(form, "datasetId")?.trim() || null;
    const target = datasetId ? current.datasets.find((d) => d.id === datasetId) : undefined;
    // A new dataset still waiting for hub review is known by its change's id.
    const waiting = datasetId ? current.datasetChanges.find((c) => c.id === datasetId && !c.datasetId) : undefined;
    if (datasetId && !target && !waiting) return { errors: { form: "That dataset is not part of this challenge" } };
    const changed = (after: Current["datasets"]) => diff("datasets", before, publicDatasets(after));

    if (intent === "remove-dataset") {
      if (waiting) {
        await tx.datasetChange.delete({ where: { id: waiting.id } });
        return { changes: {}, stay: true, message: `${waiting.title} removed` };
      }
      if (!target) return { errors: { form: "Choose a dataset to remove" } };
      // Removing shares less, so it goes live at once (with any change waiting for it).
      await tx.dataset.delete({ where: { id: target.id } });
      return { changes: changed(current.datasets.filter((d) => d.id !== target.id)), stay: true, message: `${target.title} removed` };
    }
    if (intent === "discard-change") {
      const change = target ? current.datasetChanges.find((c) => c.datasetId === target.id) : undefined;
      if (!target || !change) return { errors: { form: "There is no change waiting for that dataset" } };
      await tx.datasetChange.delete({ where: { id: change.id } });
      return { changes: {}, stay: true, message: `Your change to ${target.title} is cancelled` };
    }
    // "Save and continue" with a half-filled dataset form saves the dataset too.
    if (intent === "save-dataset" || text(form, "title")?.trim()) {
      const parsed = stepSchemas.dataset.safeParse({
        title: text(form, "title"),
        description: text(form, "description"),
        link: text(form, "link"),
        format: text(form, "format"),
        licence: text(form, "licence"),
        sensitivity: text(form, "sensitivity"),
        personalData: text(form, "personalData"),
        dpia: text(form, "dpia"),
        accessRoute: text(form, "accessRoute"),
        retentionDate: dateParts(form, "retentionDate"),
      });
      if (!parsed.success) return { errors: fieldErrors(parsed.error) };
      const fields = { ...parsed.data, link: parsed.data.link || null };
      const waitingNew = current.datasetChanges.filter((c) => !c.datasetId).length;
      if (!target && !waiting && current.datasets.length + waitingNew >= MAX_DATASETS) {
        return { errors: { title: `You can list up to ${MAX_DATASETS} datasets` } };
      }
      if (isPublic) {
        // The public keeps the approved data card until a hub organiser approves this change.
        const outcome = await proposeDatasetChange(tx, current.id, target, waiting, fields);
        if (outcome === "proposed") await recordDatasetChangeSent(tx, user, current);
        const message = outcome === "proposed" ? `${fields.title} sent to the hub for review` : `${fields.title} saved`;
        return intent === "save-dataset" ? { changes: {}, stay: true, message } : { changes: {}, message };
      }
      if (target) {
        const saved = await tx.dataset.update({ where: { id: target.id }, data: fields });
        const changes = changed(current.datasets.map((d) => (d.id === target.id ? saved : d)));
        return intent === "save-dataset" ? { changes, stay: true, message: `${saved.title} saved` } : { changes };
      }
      const saved = await tx.dataset.create({ data: { ...fields, challengeId: current.id, position: current.datasets.length } });
      const changes = changed([...current.datasets, saved]);
      return intent === "save-dataset" ? { changes, stay: true, message: `${saved.title} added` } : { changes };
    }
    return { changes: {} };
  },
};

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/**
 * Everything the wizard and the check page show, for a member of the council while it may be
 * changed (requireEditAccess throws otherwise). Waiting data card changes are shown in place.
 */
export async function getChallengeForEdit(user: Actor, challengeId: string) {
  await requireEditAccess(user, challengeId);
  const challenge = await prisma.challenge.findUnique({
    where: { id: challengeId },
    select: {
      id: true,
      status: true,
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
      wizardStep: true,
      reviewComment: true,
      themes: currentInclude.themes,
      skills: currentInclude.skills,
      datasets: { orderBy: [{ position: "asc" }, { createdAt: "asc" }], select: { id: true, ...datasetFields } },
      datasetChanges: currentInclude.datasetChanges,
      organisation: { select: { id: true, slug: true, name: true, verifiedAt: true } },
    },
  });
  if (!challenge) return null;
  const { datasetChanges, ...rest } = challenge;
  return {
    ...rest,
    html: renderChallengeText(challenge),
    themes: challenge.themes.map((t) => t.theme).sort((a, b) => a.name.localeCompare(b.name)),
    skills: challenge.skills
      .map((s) => ({ id: s.skill.id, name: s.skill.name, importance: s.importance }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    datasets: dataCardForCouncil(challenge.datasets, datasetChanges),
  };
}

export type ChallengeForEdit = NonNullable<Awaited<ReturnType<typeof getChallengeForEdit>>>;

/** The skill taxonomy grouped by category, for the skills picker. */
export async function skillChoices() {
  const skills = await prisma.skill.findMany({ orderBy: [{ category: "asc" }, { name: "asc" }], select: { id: true, name: true, category: true } });
  const groups = new Map<string, { id: string; name: string }[]>();
  for (const skill of skills) {
    const label = SKILL_CATEGORY_LABELS[skill.category];
    groups.set(label, [...(groups.get(label) ?? []), { id: skill.id, name: skill.name }]);
  }
  return [...groups].map(([category, options]) => ({ category, options }));
}

const UNFINISHED: ChallengeStatus[] = ["draft", "changes_requested", "submitted"];

/** A council's challenges that are not public yet: drafts, and those in or back from review. */
export async function listUnfinishedChallenges(organisationId: string) {
  return prisma.challenge.findMany({
    where: { organisationId, status: { in: UNFINISHED } },
    orderBy: { updatedAt: "desc" },
    take: 100,
    select: { id: true, title: true, status: true, wizardStep: true, updatedAt: true },
  });
}
