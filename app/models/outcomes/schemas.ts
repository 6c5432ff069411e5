import { z } from "zod";
import { optionalText, requiredText } from "~/models/challenges/wizard-steps/fields";
import { datasetFields, isWebAddress, personalDataRules } from "~/models/challenges/wizard-steps/data";
import { CHOOSE_OPEN_LICENCE, OUTCOME_LICENCE_VALUES } from "~/models/outcomes/licences";

// The outcome page's forms, client-safe: the team's draft (save or send for sign-off), its
// output datasets (the same data card as a challenge's), and the council's decision. One
// schema, a union on `intent`, so the page posts to one action.

export const MAX_OUTCOME_DATASETS = 20;

const webAddress = (name: string) =>
  z
    .string()
    .trim()
    .max(2_000, `${name} must be 2,000 characters or fewer`)
    .refine(
      (link) => link === "" || (isWebAddress(link) && /^https?:\/\/[^/]*\./i.test(link)),
      `${name} must be a web address starting with https:// or http://, like https://example.org/report`,
    )
    .default("");

/** Empty is "not chosen yet"; anything else must be one of the open licences. */
const licence = z
  .string()
  .trim()
  .default("")
  .refine((value) => value === "" || (OUTCOME_LICENCE_VALUES as string[]).includes(value), CHOOSE_OPEN_LICENCE)
  .transform((value) => (value === "" ? null : (value as (typeof OUTCOME_LICENCE_VALUES)[number])));

export const outcomeTextFields = {
  title: optionalText(200, "Title"),
  summary: optionalText(1_000, "Summary"),
  whatWasBuilt: optionalText(10_000, "What was built"),
  results: optionalText(10_000, "Results and impact"),
  howToReuse: optionalText(10_000, "How to reuse it"),
  licence,
  repoPoint: z.enum(["release", "commit"]).optional().catch(undefined),
  demoUrl: webAddress("Demo link"),
  reportUrl: webAddress("Report link"),
};

/** What sending for sign-off needs, with the words shown beside each missing field. */
export const requiredForSubmission = {
  summary: "Enter a summary of the outcome",
  whatWasBuilt: "Say what was built",
  results: "Describe the results and impact",
  howToReuse: "Say how others can reuse it",
  licence: "Choose an open licence for the outcome",
} as const;

const save = z.object({ intent: z.literal("save"), ...outcomeTextFields });
const submit = z.object({ intent: z.literal("submit"), ...outcomeTextFields });
const saveDataset = datasetFields.extend({
  intent: z.literal("save-dataset"),
  datasetId: z.string().trim().max(64).optional(),
});
const removeDataset = z.object({
  intent: z.literal("remove-dataset"),
  datasetId: z.string({ required_error: "Choose a dataset to remove" }).max(64),
});
const requestChanges = z.object({
  intent: z.literal("request-changes"),
  comment: requiredText(5_000, "Say what needs to change", "Comment"),
});
const signOff = z.object({ intent: z.literal("sign-off") });

export const outcomeForm = z
  .discriminatedUnion("intent", [save, submit, saveDataset, removeDataset, requestChanges, signOff])
  .superRefine((value, ctx) => {
    if (value.intent === "save-dataset") personalDataRules(value, ctx);
    if (value.intent === "submit") {
      for (const [field, message] of Object.entries(requiredForSubmission)) {
        const given = value[field as keyof typeof requiredForSubmission];
        if (given === null || given === "") ctx.addIssue({ code: "custom", path: [field], message });
      }
    }
  });

export type OutcomeForm = z.output<typeof outcomeForm>;
export type OutcomeDraftInput = Omit<Extract<OutcomeForm, { intent: "save" | "submit" }>, "intent">;
export type OutcomeDatasetInput = Omit<Extract<OutcomeForm, { intent: "save-dataset" }>, "intent" | "datasetId">;

/** Intents only the council may send; the rest are the team's. */
export const COUNCIL_INTENTS = ["request-changes", "sign-off"] as const;
