import type { AccessRoute, ChallengeStatus, DataSensitivity, DatasetLicence, DpiaStatus, SkillImportance } from "~/generated/prisma/enums";

// The intake wizard's steps and the words for its choices. Shared by server and browser code
// (step names appear in links and headings), so no server imports here.

export const WIZARD_STEPS = ["problem", "why", "outcome", "themes", "area", "skills", "team", "data", "contact", "check"] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export const stepTitles: Record<WizardStep, string> = {
  problem: "Describe the problem",
  why: "Why it matters",
  outcome: "The outcome you want",
  themes: "Themes",
  area: "Area covered",
  skills: "Skills needed",
  team: "Team and timing",
  data: "Data you can share",
  contact: "Contact",
  check: "Check your answers",
};

export function isWizardStep(value: unknown): value is WizardStep {
  return typeof value === "string" && (WIZARD_STEPS as readonly string[]).includes(value);
}

/** 1-based position, as stored in `Challenge.wizardStep` once the step is done. */
export const stepNumber = (step: WizardStep) => WIZARD_STEPS.indexOf(step) + 1;

export const editUrl = (challengeId: string, step: WizardStep) => `/challenges/${challengeId}/edit/${step}`;

/** Where "Continue" takes the council: the first step not yet done, or the check page. */
export function continueUrl(challenge: { id: string; status: ChallengeStatus; wizardStep: number }) {
  if (challenge.status === "submitted" || challenge.status === "withdrawn") return `/challenges/${challenge.id}/review`;
  if (challenge.status !== "draft") return editUrl(challenge.id, "check");
  return editUrl(challenge.id, WIZARD_STEPS[Math.min(challenge.wizardStep, WIZARD_STEPS.length - 1)] ?? "check");
}

export const importanceLabels: Record<SkillImportance, string> = { essential: "Essential", helpful: "Helpful" };

export const licenceLabels: Record<DatasetLicence, string> = {
  ogl: "Open Government Licence (OGL)",
  cc_by: "Creative Commons Attribution (CC BY)",
  other: "Another licence",
  not_licensed: "Not yet licensed",
};

export const sensitivityLabels: Record<DataSensitivity, string> = {
  open: "Open – fine for anyone to see",
  official: "OFFICIAL",
  official_sensitive: "OFFICIAL-SENSITIVE",
};

export const dpiaLabels: Record<DpiaStatus, string> = { yes: "Yes", no: "No", not_needed: "Not needed" };

export const accessRouteLabels: Record<AccessRoute, string> = {
  open_download: "Open download",
  on_request_dsa: "On request, under a data sharing agreement",
  secure_environment: "In a secure environment only",
  synthetic_sample: "Synthetic (made-up) sample only",
};

/** A warning for the officer about a dataset, in plain words, or null if nothing stands out. */
export function datasetWarning(dataset: { personalData: boolean; dpia: DpiaStatus; accessRoute: AccessRoute }) {
  if (dataset.personalData && dataset.dpia === "no") {
    return "This data is about people but no data protection impact assessment (DPIA) has been done. Talk to your data protection officer before anyone outside the council sees it.";
  }
  if (dataset.personalData && dataset.dpia === "not_needed") {
    return "Data about people usually needs a data protection impact assessment (DPIA). Check with your data protection officer that one is not needed.";
  }
  return null;
}

/** Names of a challenge's fields in its history and in messages about changes. */
export const challengeFieldLabels: Record<string, string> = {
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
  contactEmail: "Contact email address",
  themes: "Themes",
  skills: "Skills",
  datasets: "Datasets",
};
/** A date some months from today as GOV.UK date examples write it ("27 3 2027"), never in the past. */
export function exampleDate(monthsAhead = 6, today = new Date()) {
  const date = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + monthsAhead, 1));
  // The 27th exists in every month and reads like a real date.
  return `27 ${date.getUTCMonth() + 1} ${date.getUTCFullYear()}`;
}
