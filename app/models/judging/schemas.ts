import { z } from "zod";
import { emailAddress } from "~/models/platform/fields";

// Forms of the judging domain (criteria, judges, the judge's page, people's choice, awards),
// shared by the server's checks and the browser's.

const NOT_UNDERSTOOD = "Nettle did not understand that request.";
const id = z.string({ required_error: NOT_UNDERSTOOD }).trim().min(1, NOT_UNDERSTOOD).max(100, NOT_UNDERSTOOD);

const wholeNumber = (what: string, min: number, max: number) =>
  z.coerce
    .number({
      required_error: `Enter the ${what}`,
      invalid_type_error: `${what[0]!.toUpperCase()}${what.slice(1)} must be a number`,
    })
    .int(`${what[0]!.toUpperCase()}${what.slice(1)} must be a whole number`)
    .min(min, `${what[0]!.toUpperCase()}${what.slice(1)} must be between ${min} and ${max}`)
    .max(max, `${what[0]!.toUpperCase()}${what.slice(1)} must be between ${min} and ${max}`);

export const criterionFields = z.object({
  name: z
    .string({ required_error: "Enter the criterion's name" })
    .trim()
    .min(1, "Enter the criterion's name")
    .max(100, "Name must be 100 characters or fewer"),
  description: z.string().trim().max(500, "Description must be 500 characters or fewer").default(""),
  weight: wholeNumber("weight", 1, 10),
  maxScore: wholeNumber("highest score", 2, 10),
});
export type CriterionInput = z.output<typeof criterionFields>;

export const judgeFields = z.object({
  name: z
    .string({ required_error: "Enter the judge's name" })
    .trim()
    .min(1, "Enter the judge's name")
    .max(100, "Name must be 100 characters or fewer"),
  email: emailAddress("Enter the judge's email address"),
});
export type JudgeInput = z.output<typeof judgeFields>;

/** Everything the organisers' judging page can send. */
export const judgingForm = z.discriminatedUnion(
  "intent",
  [
    criterionFields.extend({ intent: z.literal("add-criterion") }),
    criterionFields.extend({ intent: z.literal("edit-criterion"), criterionId: id }),
    z.object({ intent: z.literal("remove-criterion"), criterionId: id }),
    z.object({
      intent: z.literal("set-mode"),
      judgingMode: z.enum(["rubric", "pairwise"], { errorMap: () => ({ message: "Choose how judges judge" }) }),
    }),
    judgeFields.extend({ intent: z.literal("invite-judge") }),
    z.object({ intent: z.literal("resend-judge"), judgeId: id }),
    z.object({ intent: z.literal("revoke-judge"), judgeId: id }),
    z.object({ intent: z.literal("publish-results") }),
    z.object({ intent: z.literal("unpublish-results") }),
  ],
  { errorMap: () => ({ message: NOT_UNDERSTOOD }) },
);
export type JudgingInput = z.output<typeof judgingForm>;

const teamIds = z.preprocess(
  (value) => (value === undefined ? [] : [value].flat()),
  z.array(id).max(200, NOT_UNDERSTOOD),
);

/** Everything a judge's page can send. */
export const judgeForm = z
  .discriminatedUnion(
    "intent",
    [
      z.object({
        intent: z.literal("declare-conflicts"),
        conflicts: teamIds,
        none: z.literal("yes").optional(),
        reason: z.string().trim().max(500, "Reason must be 500 characters or fewer").default(""),
      }),
      z.object({
        intent: z.literal("score"),
        teamId: id,
        scores: z
          .record(z.string().max(100), z.coerce.number({ invalid_type_error: "Choose a score" }).int("Choose a score"))
          .default({}),
      }),
      z.object({ intent: z.literal("start") }),
      z.object({
        intent: z.literal("compare"),
        winner: z.enum(["a", "b"], { errorMap: () => ({ message: "Choose the team that was better" }) }),
        aId: id,
        bId: id,
      }),
    ],
    { errorMap: () => ({ message: NOT_UNDERSTOOD }) },
  )
  .superRefine((value, ctx) => {
    if (value.intent !== "declare-conflicts") return;
    if (value.conflicts.length === 0 && !value.none) {
      ctx.addIssue({
        code: "custom",
        path: ["conflicts"],
        message: "Tick the teams you have a conflict of interest with, or “None”",
      });
    }
    if (value.conflicts.length > 0 && value.none) {
      ctx.addIssue({ code: "custom", path: ["conflicts"], message: "Tick either teams or “None”, not both" });
    }
  });
export type JudgeFormInput = z.output<typeof judgeForm>;

/** The organisers' people's choice page. */
export const votingForm = z.discriminatedUnion(
  "intent",
  [z.object({ intent: z.literal("open-voting") }), z.object({ intent: z.literal("close-voting") })],
  { errorMap: () => ({ message: NOT_UNDERSTOOD }) },
);
export type VotingInput = z.output<typeof votingForm>;

/** Seconds after voting in which an attendee may take their vote back (a slip of the finger). */
export const UNDO_SECONDS = 120;

/** An attendee's vote. */
export const voteForm = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("vote"),
      teamId: z.string({ required_error: "Choose a team" }).trim().min(1, "Choose a team").max(100, NOT_UNDERSTOOD),
    }),
    z.object({ intent: z.literal("undo") }),
  ],
  { errorMap: () => ({ message: NOT_UNDERSTOOD }) },
);
export type VoteInput = z.output<typeof voteForm>;

export const awardFields = z.object({
  name: z
    .string({ required_error: "Enter the award's name" })
    .trim()
    .min(1, "Enter the award's name")
    .max(100, "Name must be 100 characters or fewer"),
  description: z.string().trim().max(500, "Description must be 500 characters or fewer").default(""),
  teamId: z.string().trim().max(100, NOT_UNDERSTOOD).default(""),
});
export type AwardInput = z.output<typeof awardFields>;

/** The organisers' awards page. */
export const awardsForm = z.discriminatedUnion(
  "intent",
  [
    awardFields.extend({ intent: z.literal("add-award") }),
    z.object({
      intent: z.literal("give-award"),
      awardId: id,
      teamId: z.string().trim().max(100, NOT_UNDERSTOOD).default(""),
    }),
    z.object({ intent: z.literal("remove-award"), awardId: id }),
    z.object({ intent: z.literal("announce") }),
  ],
  { errorMap: () => ({ message: NOT_UNDERSTOOD }) },
);
export type AwardsInput = z.output<typeof awardsForm>;
