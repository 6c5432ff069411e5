// The kinds of entry on a project's timeline (project_events.kind), client-safe: the page
// shows each with its words. Repository kinds come from webhooks or the sync; the others from
// Nettle itself.

export const repositoryEventKinds = [
  "push",
  "release",
  "issue_opened",
  "issue_closed",
  "pr_opened",
  "pr_merged",
  "pr_closed",
  "repo_linked",
  "repo_unlinked",
  "repo_renamed",
  "repo_archived",
  "repo_unarchived",
  "repo_transferred",
  "repo_deleted",
] as const;

export const nettleEventKinds = ["update", "member_joined", "member_left", "stage", "delivery", "outcome"] as const;

export type ProjectEventKind = (typeof repositoryEventKinds)[number] | (typeof nettleEventKinds)[number];

/** Kinds that count as work being done (they move lastActivityAt and keep a project active). */
export const activityKinds: ReadonlySet<ProjectEventKind> = new Set<ProjectEventKind>([
  "push",
  "release",
  "issue_opened",
  "issue_closed",
  "pr_opened",
  "pr_merged",
  "pr_closed",
  "update",
]);

export const eventKindLabels: Record<ProjectEventKind, string> = {
  push: "Commits",
  release: "Release",
  issue_opened: "Issue opened",
  issue_closed: "Issue closed",
  pr_opened: "Pull request opened",
  pr_merged: "Pull request merged",
  pr_closed: "Pull request closed",
  repo_linked: "Repository linked",
  repo_unlinked: "Repository unlinked",
  repo_renamed: "Repository renamed",
  repo_archived: "Repository archived",
  repo_unarchived: "Repository unarchived",
  repo_transferred: "Repository transferred",
  repo_deleted: "Repository deleted",
  update: "Team update",
  member_joined: "Joined the team",
  member_left: "Left the team",
  stage: "Stage",
  delivery: "Delivery",
  outcome: "Outcome",
};
