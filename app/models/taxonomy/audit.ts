// What the taxonomy domain writes to the audit log, in words for the audit page.
export const taxonomyAuditActions = {
  "theme.add": "Added a theme",
  "theme.rename": "Renamed a theme",
} as const;

export const taxonomyAuditDetails = { name: "Name" } as const;
