import { z } from "zod";
import { participantKinds, profileVisibilities } from "~/models/accounts/schemas";
import { choice, dateField, optionalText } from "~/models/challenges/wizard-steps/fields";

// The skills profile's forms (/account/profile), shared by the server's checks and the
// browser's. Client-safe: nothing here may import a .server module.

export const skillLevels = ["learning", "practised", "expert"] as const;
export type SkillLevelValue = (typeof skillLevels)[number];

export const MAX_PROFILE_SKILLS = 30;
export const MAX_BIO_LENGTH = 5000;
export const MAX_HOURS_PER_WEEK = 60;
export const MAX_INTERESTS = 30;

/** Kinds of person who belong to a university. */
export const institutionKinds = ["student", "academic"] as const;

const HOURS_MESSAGE = `Enter hours per week as a whole number from 1 to ${MAX_HOURS_PER_WEEK}`;
const yesNo = (message: string) => choice(["yes", "no"] as const, message);

/** A GitHub profile: https://github.com/<name>, nothing after it. */
export const GITHUB_PROFILE = /^https:\/\/github\.com\/[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/?$/;

const optionalUrl = (message: string, pattern: RegExp) =>
  z
    .string()
    .trim()
    .max(300, "Web address must be 300 characters or fewer")
    .refine((value) => pattern.test(value) && URL.canParse(value), message)
    .optional();

const detailsFields = z.object({
    intent: z.literal("details"),
    kind: choice(participantKinds, "Select what describes you best"),
    headline: optionalText(120, "Headline"),
    bio: optionalText(MAX_BIO_LENGTH, "About you"),
    themes: z
      .array(z.string().max(40, "Choose interests from the list"))
      .max(MAX_INTERESTS, `Choose ${MAX_INTERESTS} interests or fewer`)
      .default([]),
    region: z.string().trim().max(100, "Choose a region from the list").optional(),
    remoteOk: yesNo("Select whether you can work remotely"),
    hoursPerWeek: z
      .number({ invalid_type_error: HOURS_MESSAGE })
      .int(HOURS_MESSAGE)
      .min(1, HOURS_MESSAGE)
      .max(MAX_HOURS_PER_WEEK, HOURS_MESSAGE)
      .optional(),
    availableFrom: dateField("The date you are available from", { future: false }),
    availableUntil: dateField("The date you are available until", { future: false }),
    institutionId: z.string().trim().max(40, "Choose a university from the list").optional(),
    githubUrl: optionalUrl("Enter your GitHub profile address, like https://github.com/your-name", GITHUB_PROFILE),
    portfolioUrl: optionalUrl("Enter a web address starting with https://, like https://example.org", /^https:\/\/[^\s/]+\.[^\s]+$/),
    visibility: choice(profileVisibilities, "Select who can see your profile"),
    openToInvitations: yesNo("Select whether councils may invite you to challenges"),
  });

/** Said beside "until", where the mistake shows. */
function windowInOrder(value: { intent: string; availableFrom?: Date | null; availableUntil?: Date | null }, ctx: z.RefinementCtx) {
  if (value.intent !== "details") return;
  if (value.availableFrom && value.availableUntil && value.availableUntil < value.availableFrom) {
    ctx.addIssue({
      code: "custom",
      path: ["availableUntil"],
      message: "The date you are available until must be the same as or after the date you are available from",
    });
  }
}

export const detailsForm = detailsFields.superRefine(windowInOrder);

export type DetailsInput = z.output<typeof detailsForm>;

const skillId = z.string({ required_error: "Choose a skill" }).trim().min(1, "Choose a skill").max(40, "Choose a skill from the list");
const level = choice(skillLevels, "Choose how well you know it");

export const addSkillForm = z.object({ intent: z.literal("add-skill"), skillId, level, q: z.string().max(200).optional() });
export const setLevelForm = z.object({ intent: z.literal("set-level"), skillId, level });
export const removeSkillForm = z.object({ intent: z.literal("remove-skill"), skillId });

/** Every form on the profile page, told apart by `intent`. */
export const profilePageForm = z
  .discriminatedUnion("intent", [detailsFields, addSkillForm, setLevelForm, removeSkillForm])
  .superRefine(windowInOrder);

export type SkillChange = z.output<typeof addSkillForm> | z.output<typeof setLevelForm> | z.output<typeof removeSkillForm>;

/** A skill search on the profile page (GET, so it works without JavaScript). */
export const skillQuery = z.string().trim().max(100).catch("");
