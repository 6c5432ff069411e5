// What the profiles domain writes to the audit log, in words for the audit page.
export const profileAuditActions = {
  "profiles.update_profile": "Changed their skills profile",
} as const;

export const profileAuditDetails = { changed: "What changed", skill: "Skill", level: "Level" } as const;
