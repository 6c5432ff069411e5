import { z } from "zod";
import { checkedAs, choice } from "./fields";

// The skills step has one form to add a skill (or save and continue) and a Remove button per
// skill added.

export const MAX_SKILLS = 20;

const skill = z.object({
  skillId: z.string({ required_error: "Choose a skill" }).trim().min(1, "Choose a skill").max(40, "Choose a skill from the list"),
  importance: choice(["essential", "helpful"], "Choose whether the skill is essential or helpful"),
});

export const skillsStep = z
  .discriminatedUnion("intent", [
    skill.extend({ intent: z.literal("add-skill") }),
    z.object({ intent: z.literal("remove-skill"), skillId: z.string({ required_error: "Choose a skill to remove" }).max(40) }),
    // No button at all (Enter pressed in a field) is "Save and continue" too.
    z.object({ intent: z.literal("continue").optional(), skillId: z.string().optional(), importance: z.string().optional() }),
  ])
  .transform((value, ctx) => {
    if (value.intent === "add-skill" || value.intent === "remove-skill") return value;
    // "Save and continue" with a skill still chosen in the list adds it too.
    return { intent: "continue" as const, skill: value.skillId?.trim() ? checkedAs(skill, value, ctx) : null };
  });

export type SkillsStep = z.output<typeof skillsStep>;
export type SkillChoice = z.output<typeof skill>;
