// What GitHub's webhooks change in Nettle's data, in words for the audit page. GitHub is the
// actor, so these entries have no Nettle person.
export const webhookAuditActions = {
  "webhooks.repository_renamed": "GitHub said a tracked repository was renamed",
  "webhooks.repository_transferred": "GitHub said a tracked repository moved to another owner",
  "webhooks.repository_archived": "GitHub said a tracked repository was archived",
  "webhooks.repository_unarchived": "GitHub said a tracked repository was unarchived",
  "webhooks.repository_deleted": "GitHub said a tracked repository was deleted",
  "webhooks.installation_changed": "The GitHub App's access to a tracked repository changed",
} as const;

export const webhookAuditDetails = {
  from: "Before",
  to: "After",
  repository: "Repository",
  installationId: "GitHub App installation",
  change: "Change",
  projectId: "Project",
} as const;
