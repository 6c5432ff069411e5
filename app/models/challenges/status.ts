import type { ChallengeStatus } from "~/generated/prisma/enums";

// Shared by server and browser code (labels appear in components), so no server imports here.

/** Statuses anyone may see; the rest are visible to the council, its hub organisers and admins. */
export const PUBLIC_STATUSES: readonly ChallengeStatus[] = ["open", "in_progress", "delivered", "outcome_published", "closed"];

export const statusLabels: Record<ChallengeStatus, string> = {
  draft: "Draft",
  submitted: "Waiting for hub review",
  changes_requested: "Changes requested",
  open: "Open",
  in_progress: "In progress",
  delivered: "Delivered",
  outcome_published: "Outcome published",
  closed: "Closed",
  withdrawn: "Withdrawn",
};

export type Transition = "submit" | "approve" | "request-changes" | "start" | "deliver" | "publish-outcome" | "close" | "withdraw";

export const transitionLabels: Record<Transition, string> = {
  submit: "Send for hub review",
  approve: "Approve and publish",
  "request-changes": "Request changes",
  start: "Mark as in progress",
  deliver: "Mark as delivered",
  "publish-outcome": "Mark outcome as published",
  close: "Close",
  withdraw: "Withdraw",
};
