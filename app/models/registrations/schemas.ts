import { z } from "zod";

// Forms of the registrations domain, shared by the server's checks and the browser's.

const NOT_UNDERSTOOD = "Nettle did not understand that request.";
const id = z.string({ required_error: NOT_UNDERSTOOD }).trim().min(1, NOT_UNDERSTOOD).max(100, NOT_UNDERSTOOD);

export const NEEDS_MAX = 1000;
export const CHOICE_FIELDS = ["choice1", "choice2", "choice3"] as const;
const RANK_WORDS = ["first", "second", "third"] as const;

/** "" is "no preference". */
const choice = z.string().trim().max(100, NOT_UNDERSTOOD).optional().default("");

const needs = (what: string) =>
  z
    .string()
    .trim()
    .max(NEEDS_MAX, `${what} must be 1,000 characters or fewer`)
    .optional()
    .default("");

// The duplicate check sits on the choices alone, so it is reported together with a missing
// agreement (zod skips an object's refinements while any of its own fields fail).
const choices = z
  .object({ choice1: choice, choice2: choice, choice3: choice })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    CHOICE_FIELDS.forEach((field, i) => {
      const chosen = value[field];
      if (!chosen) return;
      if (seen.has(chosen)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [field],
          message: `Choose a different challenge for your ${RANK_WORDS[i]} choice, or “No preference”`,
        });
      }
      seen.add(chosen);
    });
  });

export const registerForm = choices.and(
  z.object({
    dietary: needs("Dietary needs"),
    access: needs("Access needs"),
    shareSkills: z.literal("yes").optional(),
    agreeConduct: z.literal("yes", {
      errorMap: () => ({ message: "Agree to the code of conduct to register" }),
    }),
  }),
);
export type RegisterInput = z.output<typeof registerForm>;

/** The ticket page: confirm or decline an offered place, cancel a place or a place in the queue. */
export const ticketForm = z.discriminatedUnion(
  "intent",
  [z.object({ intent: z.literal("confirm") }), z.object({ intent: z.literal("cancel") })],
  { errorMap: () => ({ message: NOT_UNDERSTOOD }) },
);
export type TicketInput = z.output<typeof ticketForm>;

/** The organisers' list of registrations. */
export const registrationsForm = z.discriminatedUnion(
  "intent",
  [z.object({ intent: z.literal("cancel"), registrationId: id }), z.object({ intent: z.literal("show-needs") })],
  { errorMap: () => ({ message: NOT_UNDERSTOOD }) },
);
export type RegistrationsInput = z.output<typeof registrationsForm>;

/** The CSV export; needs only when ticked. */
export const exportForm = z.object({ includeNeeds: z.literal("yes").optional() });
