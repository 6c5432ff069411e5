import { z } from "zod";

// Forms of the projects domain, shared by the server's checks and the browser's.

const NOT_UNDERSTOOD = "Nettle did not understand that request.";
const id = z.string({ required_error: NOT_UNDERSTOOD }).trim().min(1, NOT_UNDERSTOOD).max(100, NOT_UNDERSTOOD);

export const UPDATE_MAX = 2000;

/** Everything the project page can send. */
export const projectPageForm = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("post-update"),
      body: z
        .string({ required_error: "Write your update" })
        .trim()
        .min(1, "Write your update")
        .max(UPDATE_MAX, "Update must be 2,000 characters or fewer"),
    }),
    z.object({ intent: z.literal("delete-update"), updateId: id }),
    z.object({ intent: z.literal("accept-terms") }),
    z.object({ intent: z.literal("request-delivery") }),
    z.object({ intent: z.literal("agree-delivery") }),
  ],
  { errorMap: () => ({ message: NOT_UNDERSTOOD }) },
);
export type ProjectPageInput = z.output<typeof projectPageForm>;

/** Everything the team page can send. */
export const teamForm = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("invite"),
      email: z
        .string({ required_error: "Enter their email address" })
        .trim()
        .min(1, "Enter their email address")
        .max(254, "Email address must be 254 characters or fewer")
        .email("Enter an email address in the correct format, like name@example.org"),
      message: z.string().trim().max(1000, "Message must be 1,000 characters or fewer").optional(),
    }),
    z.object({ intent: z.literal("accept-invitation"), invitationId: id }),
    z.object({ intent: z.literal("decline-invitation"), invitationId: id }),
    z.object({
      intent: z.literal("change-role"),
      memberId: id,
      teamRole: z.enum(["lead", "member"], { errorMap: () => ({ message: "Choose lead or member" }) }),
    }),
    z.object({ intent: z.literal("remove"), memberId: id }),
    z.object({ intent: z.literal("leave") }),
  ],
  { errorMap: () => ({ message: NOT_UNDERSTOOD }) },
);
export type TeamInput = z.output<typeof teamForm>;
