import { z } from "zod";

// Forms of the applications domain, shared by the server's checks and the browser's.

const NOT_UNDERSTOOD = "Nettle did not understand that request.";

/** A participant's offer of help: the role they would take and a short note. */
export const interestForm = z.object({
  role: z
    .string({ required_error: "Say what role you would take, like “GIS analyst”" })
    .trim()
    .min(1, "Say what role you would take, like “GIS analyst”")
    .max(100, "Role must be 100 characters or fewer"),
  message: z
    .string({ required_error: "Write a short note to the council" })
    .trim()
    .min(1, "Write a short note to the council")
    .max(1000, "Note must be 1,000 characters or fewer"),
});
export type InterestInput = z.output<typeof interestForm>;

/** A council member's invitation to a matched person. */
export const invitationForm = z.object({
  message: z
    .string({ required_error: "Write a message to the person you are inviting" })
    .trim()
    .min(1, "Write a message to the person you are inviting")
    .max(2000, "Message must be 2,000 characters or fewer"),
});
export type InvitationInput = z.output<typeof invitationForm>;

const hours = z
  .number({ invalid_type_error: "Enter hours a week as a whole number, like 4" })
  .int("Enter hours a week as a whole number, like 4")
  .min(1, "Hours a week must be at least 1")
  .max(60, "Hours a week must be 60 or fewer")
  .optional();

/** Everything /applications/<id> can send: each side's answer, withdrawing, a team place. */
export const applicationForm = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("accept"), hours }),
    z.object({ intent: z.literal("decline"), note: z.string().trim().max(1000, "Note must be 1,000 characters or fewer").optional() }),
    z.object({ intent: z.literal("withdraw") }),
    z.object({ intent: z.literal("add-to-team"), hours }),
  ],
  { errorMap: () => ({ message: NOT_UNDERSTOOD }) },
);
export type ApplicationAnswer = z.output<typeof applicationForm>;
