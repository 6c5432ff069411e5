import type { ProjectStage } from "~/generated/prisma/enums";

// A project's stage comes from evidence, never from a list the team picks:
//   forming ──commits──> active ──no activity for N days──> stalled ──activity──> active
//   any ──a release, or delivery marked by the team and agreed by the council──> delivered
//   delivered ──outcome published──> published
// Pure, so the rules are tested on their own (stage.test.ts) and shown on the project page.

export interface StageEvidence {
  now: Date;
  createdAt: Date;
  /** Any commit seen in the linked repository. */
  hasCommits: boolean;
  /** Latest commit, release, issue or pull-request activity, or team update. */
  lastActivityAt: Date | null;
  hasRelease: boolean;
  deliveryAgreed: boolean;
  outcomePublished: boolean;
  stalledAfterDays: number;
}

const DAY = 24 * 60 * 60 * 1000;

export function deriveStage(evidence: StageEvidence): ProjectStage {
  if (evidence.outcomePublished) return "published";
  if (evidence.hasRelease || evidence.deliveryAgreed) return "delivered";
  const since = evidence.lastActivityAt ?? evidence.createdAt;
  if (evidence.now.getTime() - since.getTime() > evidence.stalledAfterDays * DAY) return "stalled";
  return evidence.hasCommits ? "active" : "forming";
}

export const stageLabels: Record<ProjectStage, string> = {
  forming: "Forming",
  active: "Active",
  stalled: "Stalled",
  delivered: "Delivered",
  published: "Outcome published",
};

export const stageHints: Record<ProjectStage, string> = {
  forming: "The team is forming; no commits in its repository yet.",
  active: "Commits or updates in the last weeks.",
  stalled: "No repository activity or team updates for a while.",
  delivered: "A release, or delivery marked by the team and agreed by the council.",
  published: "The council signed off the outcome and it is published.",
};
