import type { ChallengeStatus, Prisma } from "~/generated/prisma/client";
import {
  changeSelect,
  proposeDatasetChange,
  publicDatasets,
  recordDatasetChangeSent,
} from "~/models/challenges/data-card.server";
import { recordEdit } from "~/models/challenges/lifecycle.server";
import { membershipRole } from "~/models/platform/policy.server";
import { authorizeChallenge, EDITABLE_STATUSES } from "~/models/challenges/policy.server";
import { PUBLIC_STATUSES, statusLabels } from "~/models/challenges/status";
import { stepNumber, WIZARD_STEPS, type WizardStep } from "~/models/challenges/wizard";
import type { AreaStep } from "~/models/challenges/wizard-steps/area";
import type { ContactStep } from "~/models/challenges/wizard-steps/contact";
import { MAX_DATASETS, type DataStep, type DatasetInput } from "~/models/challenges/wizard-steps/data";
import type { OutcomeStep } from "~/models/challenges/wizard-steps/outcome";
import type { ProblemStep } from "~/models/challenges/wizard-steps/problem";
import { MAX_SKILLS, type SkillChoice, type SkillsStep } from "~/models/challenges/wizard-steps/skills";
import type { TeamStep } from "~/models/challenges/wizard-steps/team";
import type { ThemesStep } from "~/models/challenges/wizard-steps/themes";
import type { WhyStep } from "~/models/challenges/wizard-steps/why";
import type { Actor } from "~/models/platform/actor";
import { conflict, forbidden, invalid } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";

// The intake wizard: a council officer writes a challenge one short step at a time. Each step
// is checked on its own (its schema in wizard-steps/) and saved at once, so the officer can
// leave and come back. Every save function asks the challenges policy itself. Edits to a
// challenge the public can already see go through recordEdit, so its history shows old → new;
// changes to its data card wait for hub review instead (data-card.server.ts).

type Tx = Prisma.TransactionClient;

// ---------------------------------------------------------------------------------------------
// Who may change a challenge
// ---------------------------------------------------------------------------------------------

const notEditable = (status: ChallengeStatus) => conflict(`A challenge that is "${statusLabels[status]}" cannot be changed.`);

/**
 * The challenge, if `actor` is of its council: "not found" when they may not even see it (drafts
 * stay hidden), "forbidden" when they are not of the council. `editable` says whether it may be
 * changed now; waiting for review or finished, it may not.
 */
export async function councilEditAccess(actor: Actor, challengeId: string) {
  const { ref, access } = await authorizeChallenge(actor, challengeId, "view");
  if (!access.council) throw forbidden(`Only members of ${ref.organisation.name} can change this challenge.`);
  return { ref, editable: access.edit };
}

/** As councilEditAccess, and a conflict unless the challenge may be changed now. */
export async function authorizeEdit(actor: Actor, challengeId: string) {
  const { ref, editable } = await councilEditAccess(actor, challengeId);
  if (!editable) throw notEditable(ref.status);
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

/** What a step wrote: the changes for the history; `stay` on the page (added or removed something), with a message. */
interface StepOutcome {
  changes: Changes;
  stay?: boolean;
  message?: string;
}

/** Where the officer goes next, and what to tell them. */
export interface StepSaved {
  goTo: WizardStep;
  message?: string;
}

/**
 * Runs `write` for one step of the wizard on the locked challenge, if `actor` may change it;
 * marks the step done, records the edit, and says which step to show next (the same step after
 * adding or removing a skill or dataset). A rule `write` finds broken is thrown as a DomainError,
 * which undoes everything.
 */
async function saveDraftStep(
  actor: Actor,
  challengeId: string,
  step: Exclude<WizardStep, "check">,
  write: (tx: Tx, current: Current) => Promise<StepOutcome>,
): Promise<StepSaved> {
  // Who the actor is to the council is read through the shared pool before the row is locked.
  await authorizeEdit(actor, challengeId);
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM challenges WHERE id = ${challengeId} FOR UPDATE`;
    const current = await tx.challenge.findUniqueOrThrow({ where: { id: challengeId }, include: currentInclude });
    if (!EDITABLE_STATUSES.includes(current.status)) throw notEditable(current.status);
    const outcome = await write(tx, current);
    const done = outcome.stay ? current.wizardStep : Math.max(current.wizardStep, stepNumber(step));
    if (done !== current.wizardStep) await tx.challenge.update({ where: { id: challengeId }, data: { wizardStep: done } });
    await recordEdit(tx, actor, current, outcome.changes);
    return { goTo: outcome.stay ? step : nextStep(step, done), message: outcome.message };
  });
}

/** The next step; once every step has been done, changes go back to the check page. */
function nextStep(step: WizardStep, done: number): WizardStep {
  if (done >= stepNumber("contact")) return "check";
  return WIZARD_STEPS[WIZARD_STEPS.indexOf(step) + 1] ?? "check";
}

type Scalar = keyof (ProblemStep & WhyStep & OutcomeStep & AreaStep & TeamStep & ContactStep);

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
  return { changes };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** `{ [field]: { from, to } }` when the value changed, otherwise no changes. */
const diff = (field: string, from: unknown, to: unknown): Changes => (same(from, to) ? {} : { [field]: { from, to } });

/** A step of plain fields: title and problem, why it matters, outcome, area, team, contact. */
const fieldsStep =
  <Value extends Partial<Record<Scalar, string | number | Date | null>>>(step: Exclude<WizardStep, "check">) =>
  (actor: Actor, challengeId: string, value: Value) =>
    saveDraftStep(actor, challengeId, step, (tx, current) => updateFields(tx, current, value));

export const saveProblem = fieldsStep<ProblemStep>("problem");
export const saveWhy = fieldsStep<WhyStep>("why");
export const saveOutcome = fieldsStep<OutcomeStep>("outcome");
export const saveArea = fieldsStep<AreaStep>("area");
export const saveTeam = fieldsStep<TeamStep>("team");
export const saveContact = fieldsStep<ContactStep>("contact");

export function saveThemes(actor: Actor, challengeId: string, value: ThemesStep) {
  return saveDraftStep(actor, challengeId, "themes", async (tx, current): Promise<StepOutcome> => {
    const ids = [...new Set(value.themes)];
    const chosen = await tx.theme.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    if (chosen.length !== ids.length) throw invalid("Choose themes from the list", "themes");
    const from = current.themes.map((t) => t.theme.name).sort();
    const to = chosen.map((t) => t.name).sort();
    if (same(from, to)) return { changes: {} };
    await tx.challengeTheme.deleteMany({ where: { challengeId: current.id } });
    await tx.challengeTheme.createMany({ data: ids.map((themeId) => ({ challengeId: current.id, themeId })) });
    return { changes: { themes: { from, to } } };
  });
}

const skillList = (skills: { importance: string; skill: { name: string } }[]) =>
  skills.map((s) => `${s.skill.name} (${s.importance})`).sort();

export function saveSkills(actor: Actor, challengeId: string, value: SkillsStep) {
  return saveDraftStep(actor, challengeId, "skills", async (tx, current) => {
    const before = skillList(current.skills);
    if (value.intent === "remove-skill") {
      await tx.challengeSkill.deleteMany({ where: { challengeId: current.id, skillId: value.skillId } });
      const after = skillList(current.skills.filter((s) => s.skill.id !== value.skillId));
      return { changes: diff("skills", before, after), stay: true, message: "Skill removed" };
    }
    if (value.intent === "add-skill") {
      const { changes, name } = await addSkill(tx, current, before, value);
      return { changes, stay: true, message: `${name} added` };
    }
    if (value.skill) return { changes: (await addSkill(tx, current, before, value.skill)).changes };
    if (current.skills.length === 0) throw invalid("Add at least one skill the team will need", "skillId");
    return { changes: {} };
  });
}

async function addSkill(tx: Tx, current: Current, before: string[], { skillId, importance }: SkillChoice) {
  const skill = await tx.skill.findUnique({ where: { id: skillId }, select: { id: true, name: true } });
  if (!skill) throw invalid("Choose a skill from the list", "skillId");
  const exists = current.skills.some((s) => s.skill.id === skill.id);
  if (!exists && current.skills.length >= MAX_SKILLS) throw invalid(`You can ask for up to ${MAX_SKILLS} skills`, "skillId");
  await tx.challengeSkill.upsert({
    where: { challengeId_skillId: { challengeId: current.id, skillId: skill.id } },
    create: { challengeId: current.id, skillId: skill.id, importance },
    update: { importance },
  });
  const after = skillList([...current.skills.filter((s) => s.skill.id !== skill.id), { importance, skill }]);
  return { changes: diff("skills", before, after), name: skill.name };
}

export function saveData(actor: Actor, challengeId: string, value: DataStep) {
  return saveDraftStep(actor, challengeId, "data", async (tx, current) => {
    const datasetId = value.datasetId?.trim() || null;
    const target = datasetId ? current.datasets.find((d) => d.id === datasetId) : undefined;
    // A new dataset still waiting for hub review is known by its change's id.
    const waiting = datasetId ? current.datasetChanges.find((c) => c.id === datasetId && !c.datasetId) : undefined;
    if (datasetId && !target && !waiting) throw invalid("That dataset is not part of this challenge");

    if (value.intent === "remove-dataset") {
      if (waiting) {
        await tx.datasetChange.delete({ where: { id: waiting.id } });
        return { changes: {}, stay: true, message: `${waiting.title} removed` };
      }
      if (!target) throw invalid("Choose a dataset to remove");
      // Removing shares less, so it goes live at once (with any change waiting for it).
      await tx.dataset.delete({ where: { id: target.id } });
      const changes = datasetChanges(current, current.datasets.filter((d) => d.id !== target.id));
      return { changes, stay: true, message: `${target.title} removed` };
    }
    if (value.intent === "discard-change") {
      const change = target ? current.datasetChanges.find((c) => c.datasetId === target.id) : undefined;
      if (!target || !change) throw invalid("There is no change waiting for that dataset");
      await tx.datasetChange.delete({ where: { id: change.id } });
      return { changes: {}, stay: true, message: `Your change to ${target.title} is cancelled` };
    }
    const dataset = value.intent === "save-dataset" ? value : value.dataset;
    if (!dataset) return { changes: {} };
    const saved = await saveDataset(tx, actor, current, { target, waiting }, dataset);
    if (value.intent === "save-dataset") return { ...saved, stay: true };
    // "Save and continue" moves on; only a change sent for hub review is worth a word then.
    return PUBLIC_STATUSES.includes(current.status) ? saved : { changes: saved.changes };
  });
}

const datasetChanges = (current: Current, after: Current["datasets"]) =>
  diff("datasets", publicDatasets(current.datasets), publicDatasets(after));

async function saveDataset(
  tx: Tx,
  actor: Actor,
  current: Current,
  { target, waiting }: { target?: Current["datasets"][number]; waiting?: Current["datasetChanges"][number] },
  dataset: DatasetInput,
): Promise<StepOutcome> {
  const fields = {
    title: dataset.title,
    description: dataset.description,
    link: dataset.link || null,
    format: dataset.format,
    licence: dataset.licence,
    sensitivity: dataset.sensitivity,
    personalData: dataset.personalData,
    dpia: dataset.dpia,
    accessRoute: dataset.accessRoute,
    retentionDate: dataset.retentionDate,
  };
  const waitingNew = current.datasetChanges.filter((c) => !c.datasetId).length;
  if (!target && !waiting && current.datasets.length + waitingNew >= MAX_DATASETS) {
    throw invalid(`You can list up to ${MAX_DATASETS} datasets`, "title");
  }
  if (PUBLIC_STATUSES.includes(current.status)) {
    // The public keeps the approved data card until a hub organiser approves this change.
    const outcome = await proposeDatasetChange(tx, current.id, target, waiting, fields);
    if (outcome === "proposed") await recordDatasetChangeSent(tx, actor, current);
    return { changes: {}, message: outcome === "proposed" ? `${fields.title} sent to the hub for review` : `${fields.title} saved` };
  }
  if (target) {
    const saved = await tx.dataset.update({ where: { id: target.id }, data: fields });
    const changes = datasetChanges(current, current.datasets.map((d) => (d.id === target.id ? saved : d)));
    return { changes, message: `${saved.title} saved` };
  }
  const saved = await tx.dataset.create({ data: { ...fields, challengeId: current.id, position: current.datasets.length } });
  return { changes: datasetChanges(current, [...current.datasets, saved]), message: `${saved.title} added` };
}

// ---------------------------------------------------------------------------------------------
// The council's unfinished challenges
// ---------------------------------------------------------------------------------------------

const UNFINISHED: ChallengeStatus[] = ["draft", "changes_requested", "submitted"];

/**
 * A council's challenges that are not public yet: drafts, and those in or back from review.
 * Only the council's own members see them; anyone else gets null (nothing to show).
 */
export async function listUnfinishedChallenges(actor: Actor | null, organisationId: string) {
  if (!actor || !(await membershipRole(actor.id, organisationId))) return null;
  return prisma.challenge.findMany({
    where: { organisationId, status: { in: UNFINISHED } },
    orderBy: { updatedAt: "desc" },
    take: 100,
    select: { id: true, title: true, status: true, wizardStep: true, updatedAt: true },
  });
}
