// What the impact follow-up writes to the audit log, in words for the audit page.
export const impactAuditActions = {
  "impact.answer": "Answered whether a published outcome is in use",
  "impact.not_answered": "A follow-up question about an outcome went unanswered",
} as const;

export const impactAuditDetails = {
  outcomeId: "Outcome",
  monthsAfter: "Months after publication",
  inUse: "In use",
  previousState: "Before the answer",
} as const;
