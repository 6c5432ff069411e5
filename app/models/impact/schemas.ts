import { z } from "zod";

// The impact answer form, shared by the server's checks and the browser's.

export const IN_USE_OPTIONS = [
  { value: "yes", label: "Yes, it is in use" },
  { value: "partly", label: "Partly, or by some teams" },
  { value: "no", label: "No, it is not in use" },
] as const;

export const WHAT_CHANGED_MAX = 2000;

export const impactAnswerForm = z.object({
  inUse: z.enum(["yes", "partly", "no"], { errorMap: () => ({ message: "Say whether the result is in use" }) }),
  whatChanged: z
    .string({ required_error: "Say what changed, or why it is not in use" })
    .trim()
    .min(1, "Say what changed, or why it is not in use")
    .max(WHAT_CHANGED_MAX, "What changed must be 2,000 characters or fewer"),
});
export type ImpactAnswerInput = z.output<typeof impactAnswerForm>;

/** The months a follow-up question is asked after publication, as they appear in addresses. */
export function parseImpactMonths(value: string | undefined): 3 | 6 | 12 | null {
  return value === "3" ? 3 : value === "6" ? 6 : value === "12" ? 12 : null;
}
