import { z } from "zod";
import { checkedAs, choice, dateField, optionalText, requiredText } from "./fields";

// The data step lists the datasets with Remove (and Cancel change) buttons, and has one form to
// add or change a dataset (or save and continue).

export const MAX_DATASETS = 20;

export function isWebAddress(text: string) {
  try {
    const url = new URL(text);
    // Single-label hosts are fine: council intranets often live at http://intranet/….
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "" && !/\s/.test(text);
  } catch {
    return false;
  }
}

/** A data card's fields: a challenge's datasets, and an outcome's output datasets too. */
export const datasetFields = z.object({
  title: requiredText(200, "Enter the name of the dataset", "Name"),
  description: optionalText(2_000, "Description"),
  link: z
    .string()
    .trim()
    .max(2_000, "Link must be 2,000 characters or fewer")
    .refine(
      (link) => link === "" || isWebAddress(link),
      "Enter a web address starting with https:// or http://, like https://data.example.gov.uk/floods",
    )
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
});

/** Data about people is never an open download, nor marked open. */
export function personalDataRules(dataset: { personalData: boolean; accessRoute: string; sensitivity: string }, ctx: z.RefinementCtx) {
  if (!dataset.personalData) return;
  if (dataset.accessRoute === "open_download") {
    ctx.addIssue({
      code: "custom",
      path: ["accessRoute"],
      message:
        "Data about people must not be an open download: choose a data sharing agreement, a secure environment or a synthetic sample",
    });
  }
  if (dataset.sensitivity === "open") {
    ctx.addIssue({
      code: "custom",
      path: ["sensitivity"],
      message: "Data about people cannot be marked open: choose OFFICIAL or OFFICIAL-SENSITIVE",
    });
  }
}

export const dataset = datasetFields.superRefine(personalDataRules);

/** A dataset on the card, or a new one waiting for hub review (known by its change's id). */
const datasetId = z.string().trim().max(64).optional();

const saveDataset = datasetFields.extend({ intent: z.literal("save-dataset"), datasetId });
const removeDataset = z.object({
  intent: z.literal("remove-dataset"),
  datasetId: z.string({ required_error: "Choose a dataset to remove" }).max(64),
});
const discardChange = z.object({
  intent: z.literal("discard-change"),
  datasetId: z.string({ required_error: "There is no change waiting for that dataset" }).max(64),
});
// No button at all (Enter pressed in a field) is "Save and continue" too. The dataset's fields
// are checked only if it was started (below).
const saveAndContinue = z.object({ intent: z.literal("continue").optional(), datasetId, title: z.string().optional() }).passthrough();

type Continue = { intent: "continue"; datasetId?: string; dataset: DatasetInput | null };

export const dataStep = z
  .discriminatedUnion("intent", [saveDataset, removeDataset, discardChange, saveAndContinue])
  .superRefine((value, ctx) => {
    if (value.intent === "save-dataset") personalDataRules(value, ctx);
  })
  .transform((value, ctx): z.output<typeof saveDataset | typeof removeDataset | typeof discardChange> | Continue => {
    if (value.intent === "save-dataset" || value.intent === "remove-dataset" || value.intent === "discard-change") return value;
    // "Save and continue" with a half-filled dataset form saves the dataset too.
    return {
      intent: "continue",
      datasetId: value.datasetId,
      dataset: value.title?.trim() ? checkedAs(dataset, value, ctx) : null,
    };
  });

export type DataStep = z.output<typeof dataStep>;
export type DatasetInput = z.output<typeof dataset>;
