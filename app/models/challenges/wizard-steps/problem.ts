import { z } from "zod";
import { requiredText } from "./fields";

export const problemStep = z.object({
  title: requiredText(120, "Enter a title for the challenge", "Title"),
  problem: requiredText(10_000, "Describe the problem", "The problem"),
  whoIsAffected: requiredText(2_000, "Say who the problem affects", "Who it affects"),
});

export type ProblemStep = z.output<typeof problemStep>;
