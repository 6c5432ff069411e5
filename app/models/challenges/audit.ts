import type { Transition } from "~/models/challenges/status";

// What the challenges domain writes to the audit log, in words for the audit page.
export const challengeAuditActions = {
  "challenge.submit": "Sent a challenge for review",
  "challenge.approve": "Approved and published a challenge",
  "challenge.request_changes": "Asked for changes to a challenge",
  "challenge.start": "Marked a challenge as in progress",
  "challenge.deliver": "Marked a challenge as delivered",
  "challenge.publish_outcome": "Marked a challenge's outcome as published",
  "challenge.close": "Closed a challenge",
  "challenge.withdraw": "Withdrew a challenge",
  "challenge.redact_history": "Removed a value from a challenge's history",
  "challenge.send_data_card_change": "Sent a change to a challenge's data card for review",
  "challenge.approve_data_card_change": "Approved a change to a challenge's data card",
  "challenge.send_back_data_card_change": "Sent a change to a challenge's data card back",
  "challenge.delete_draft": "Deleted a draft challenge",
} as const;

/** The audit action each lifecycle transition records. */
export const transitionAuditActions: Record<Transition, keyof typeof challengeAuditActions> = {
  submit: "challenge.submit",
  approve: "challenge.approve",
  "request-changes": "challenge.request_changes",
  start: "challenge.start",
  deliver: "challenge.deliver",
  "publish-outcome": "challenge.publish_outcome",
  close: "challenge.close",
  withdraw: "challenge.withdraw",
};

export const challengeAuditDetails = {
  comment: "Comment",
  field: "Field",
  side: "Which value",
  copiesRemoved: "Copies removed",
  eventId: "History entry",
  changeId: "Change",
  newDataset: "New dataset",
  title: "Title",
} as const;
