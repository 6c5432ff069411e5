import { z } from "zod";

// The suggestion page's forms (client-safe). "apply" posts back the plan it showed as JSON in
// one hidden field; the model checks every part of it against the database again.

export const formationPlan = z.object({
  basis: z.string().regex(/^[0-9a-f]{32}$/),
  teams: z
    .array(
      z.object({
        existingTeamId: z.string().min(1).max(40).nullable(),
        challengeId: z.string().min(1).max(40),
        name: z.string().trim().min(1).max(120),
        registrationIds: z.array(z.string().min(1).max(40)).min(1).max(500),
      }),
    )
    .max(500),
});

export type FormationPlan = z.infer<typeof formationPlan>;

const planField = z
  .string({ required_error: "Suggest teams again." })
  .max(60_000)
  .transform((text, ctx) => {
    try {
      const parsed = formationPlan.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through to the message below
    }
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "The suggestion could not be read. Suggest teams again." });
    return z.NEVER;
  });

export const formationForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("suggest") }),
  z.object({ intent: z.literal("apply"), plan: planField }),
]);
