import { z } from "zod";

// Forms of the taxonomy domain, shared by the server's checks and the browser's.

export const themeNameField = z
  .string({ required_error: "Enter the theme's name" })
  .trim()
  .min(2, "Enter the theme's name")
  .max(80, "Theme name must be 80 characters or fewer");

export const themeForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), name: themeNameField }),
  z.object({ intent: z.literal("rename"), themeId: z.string().max(64), name: themeNameField }),
]);

export type ThemeForm = z.infer<typeof themeForm>;

// Skills, as hub organisers manage them on /hub/taxonomy.

const SKILL_CATEGORY_KEYS = [
  "analysis",
  "statistics",
  "data_engineering",
  "geospatial",
  "machine_learning",
  "visualisation",
  "web_development",
  "user_research",
  "domain_expertise",
  "data_protection",
  "project_management",
] as const;

export const skillNameField = z
  .string({ required_error: "Enter the skill's name" })
  .trim()
  .min(2, "Enter the skill's name")
  .max(80, "Skill name must be 80 characters or fewer");

/** Other names, one a line (a textarea), as a clean list: blanks dropped, spaces collapsed. */
export const synonymsField = z
  .string()
  .max(4000, "Other names must be 4,000 characters or fewer")
  .optional()
  .transform((text) => [
    ...new Set(
      (text ?? "")
        .split(/\r?\n/)
        .map((line) => line.trim().replace(/\s+/g, " "))
        .filter(Boolean),
    ),
  ])
  .pipe(
    z
      .array(z.string().max(80, "Each other name must be 80 characters or fewer"))
      .max(40, "A skill can have at most 40 other names"),
  );

const skillFields = {
  name: skillNameField,
  category: z.enum(SKILL_CATEGORY_KEYS, { errorMap: () => ({ message: "Choose a category" }) }),
  description: z
    .string({ required_error: "Describe the skill in one sentence" })
    .trim()
    .min(10, "Describe the skill in one sentence")
    .max(400, "Description must be 400 characters or fewer"),
  synonyms: synonymsField,
};

export const addSkillForm = z.object({ intent: z.literal("add"), ...skillFields });

const skillRef = z.string({ required_error: "Choose a skill" }).trim().min(1, "Choose a skill").max(100);

export const skillForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("edit"), ...skillFields }),
  z.object({
    intent: z.literal("link"),
    kind: z.enum(["broader", "narrower", "related"], {
      errorMap: () => ({ message: "Choose how the skills are linked" }),
    }),
    other: skillRef,
  }),
  z.object({ intent: z.literal("unlink"), kind: z.enum(["broader", "related"]), fromId: skillRef, toId: skillRef }),
  z.object({
    intent: z.literal("merge"),
    into: skillRef,
    confirm: z.literal("yes", { errorMap: () => ({ message: "Confirm that you want to merge the skills" }) }),
  }),
]);

export type SkillFields = z.infer<typeof addSkillForm>;
export type SkillForm = z.infer<typeof skillForm>;

// Skill proposals: anyone signed in proposes; hub organisers decide.

export const MAX_PENDING_PROPOSALS = 3;

export const proposeSkillForm = z.object({
  name: skillNameField,
  description: z
    .string()
    .trim()
    .max(600, "Tell us about it in 600 characters or fewer")
    .optional()
    .transform((s) => s ?? ""),
});

const proposalId = z.string({ required_error: "Choose a proposal" }).trim().min(1).max(64);

export const proposalDecisionForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("accept_new"),
    proposalId,
    ...skillFields,
    broader: z.string().trim().max(100).optional(),
  }),
  z.object({ intent: z.literal("accept_synonym"), proposalId, skill: skillRef }),
  z.object({
    intent: z.literal("reject"),
    proposalId,
    reason: z
      .string({ required_error: "Tell the person why, kindly" })
      .trim()
      .min(5, "Tell the person why, kindly")
      .max(600, "The reason must be 600 characters or fewer"),
  }),
]);

export type ProposalDecision = z.infer<typeof proposalDecisionForm>;
