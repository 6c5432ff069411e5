// What the outcomes domain writes to the audit log, in words for the audit page.
export const outcomeAuditActions = {
  "outcome.submit": "Sent a project's outcome to the council for sign-off",
  "outcome.request_changes": "Asked a team for changes to its outcome",
  "outcome.sign_off": "Signed off and published a project's outcome",
} as const;

export const outcomeAuditDetails = {
  project: "Project",
  contributors: "People credited",
  repoRef: "Repository at",
} as const;
