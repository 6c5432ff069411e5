// What the platform itself writes to the audit log.
export const platformAuditActions = {
  "platform.seed_demo": "Added the demo data",
} as const;

export const platformAuditDetails = { from: "From", to: "To", challenges: "Challenges" } as const;
