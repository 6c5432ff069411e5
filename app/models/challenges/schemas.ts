import { z } from "zod";
import { parseRedactTarget } from "~/models/challenges/history";

// Forms of the challenges domain (the wizard's steps have their own), shared by the server's
// checks and the browser's. Rules that depend on who is asking (a comment is needed to send
// something back, but only hub organisers may send anything back) are the model's: it checks
// who first, so others are refused before being told what to type.

const NOT_UNDERSTOOD = "Nettle did not understand that request.";
const notUnderstood = () => ({ message: NOT_UNDERSTOOD });

/** Which council posts a new challenge, by its address. */
export const newChallengeForm = z.object({
  organisation: z.string({ required_error: "Choose which council is posting the challenge" }).max(200),
});

/** Follow or stop following a challenge. */
export const followForm = z.object({
  intent: z.enum(["follow", "unfollow"], { errorMap: notUnderstood }),
  /** Sent from the account page's list of followed challenges, which it returns to. */
  from: z.literal("account", { errorMap: notUnderstood }).optional(),
});

const comment = z.string().optional();
const changeId = z.string({ required_error: NOT_UNDERSTOOD }).regex(/^\w{1,64}$/, NOT_UNDERSTOOD);

export const requestChangesForm = z.object({ intent: z.literal("request-changes"), comment });
export const sendBackDataChangeForm = z.object({
  intent: z.literal("send-back-data-change"),
  changeId,
  dataComment: comment,
});

/**
 * Everything the private page of a challenge (/challenges/<id>/review) can send: a lifecycle
 * transition (its name is the intent; withdrawing must be confirmed), or a decision on a change
 * to the data card.
 */
export const reviewForm = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("submit") }),
    z.object({ intent: z.literal("approve") }),
    requestChangesForm,
    z.object({ intent: z.literal("start") }),
    z.object({ intent: z.literal("deliver") }),
    z.object({ intent: z.literal("publish-outcome") }),
    z.object({ intent: z.literal("close") }),
    z.object({ intent: z.literal("withdraw"), confirm: z.literal("yes").optional().catch(undefined) }),
    z.object({ intent: z.literal("approve-data-change"), changeId }),
    sendBackDataChangeForm,
  ],
  { errorMap: notUnderstood },
);

export type ReviewForm = z.infer<typeof reviewForm>;

/** Removing a value from a challenge's history ("123.problem.from"); it must be confirmed. */
export const redactForm = z.object({
  intent: z.literal("redact", { errorMap: notUnderstood }),
  value: z.string({ required_error: NOT_UNDERSTOOD }).transform((value, ctx) => {
    const target = parseRedactTarget(value);
    if (!target) ctx.addIssue({ code: "custom", message: NOT_UNDERSTOOD });
    return target ?? z.NEVER;
  }),
  confirm: z.literal("yes").optional().catch(undefined),
});

/** Deleting a draft: nothing to fill in, the page itself is the question. */
export const deleteDraftForm = z.object({});
