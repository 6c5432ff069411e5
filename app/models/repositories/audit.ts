// What the repositories domain writes to the audit log, in words for the audit page.
export const repositoryAuditActions = {
  "repositories.link": "Linked a GitHub repository to a project",
  "repositories.replace": "Replaced a project's GitHub repository",
  "repositories.unlink": "Unlinked a project's GitHub repository",
  "repositories.sync_now": "Asked for a project's repository to be synced now",
} as const;

export const repositoryAuditDetails = {
  projectId: "Project",
  repository: "Repository",
  previous: "Previous repository",
} as const;
