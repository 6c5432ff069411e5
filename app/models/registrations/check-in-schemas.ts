import { z } from "zod";

// Forms of the check-in pages, shared by the server's checks and the browser's.

const NOT_UNDERSTOOD = "Nettle did not understand that request.";
const id = z.string({ required_error: NOT_UNDERSTOOD }).trim().min(1, NOT_UNDERSTOOD).max(100, NOT_UNDERSTOOD);

export const checkInForm = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("code"),
      checkpointId: id,
      code: z
        .string({ required_error: "Enter the ticket code" })
        .trim()
        .min(1, "Enter the ticket code")
        .max(40, "Enter the ticket code as it is on the ticket, like K7QM 3XPA"),
    }),
    z.object({ intent: z.literal("check-in"), checkpointId: id, registrationId: id }),
    z.object({ intent: z.literal("undo"), checkpointId: id, registrationId: id }),
    z.object({
      intent: z.literal("walk-in"),
      checkpointId: id,
      name: z
        .string({ required_error: "Enter their name" })
        .trim()
        .min(1, "Enter their name")
        .max(100, "Name must be 100 characters or fewer"),
      email: z
        .string()
        .trim()
        .max(254, "Email address must be 254 characters or fewer")
        .email("Enter an email address in the correct format, like name@example.org")
        .optional(),
    }),
  ],
  { errorMap: () => ({ message: NOT_UNDERSTOOD }) },
);
export type CheckInInput = z.output<typeof checkInForm>;
