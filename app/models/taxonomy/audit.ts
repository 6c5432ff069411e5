// What the taxonomy domain writes to the audit log, in words for the audit page.
export const taxonomyAuditActions = {
  "theme.add": "Added a theme",
  "theme.rename": "Renamed a theme",
  "taxonomy.add_skill": "Added a skill",
  "taxonomy.edit_skill": "Changed a skill",
  "taxonomy.link_skills": "Linked two skills",
  "taxonomy.unlink_skills": "Unlinked two skills",
  "taxonomy.merge_skills": "Merged one skill into another",
  "taxonomy.propose_skill": "Proposed a skill",
  "taxonomy.accept_proposal": "Accepted a proposed skill",
  "taxonomy.reject_proposal": "Rejected a proposed skill",
} as const;

export const taxonomyAuditDetails = {
  name: "Name",
  from: "From",
  to: "To",
  kind: "Link",
  synonyms: "Other names",
  description: "Description",
  category: "Category",
  reason: "Reason",
  as: "Accepted as",
  proposal: "Proposed as",
} as const;

/** Audit actions that mean an organiser has changed a skill in the app (the seed leaves it alone). */
export const SKILL_EDIT_ACTIONS = [
  "taxonomy.add_skill",
  "taxonomy.edit_skill",
  "taxonomy.link_skills",
  "taxonomy.unlink_skills",
  "taxonomy.merge_skills",
  "taxonomy.accept_proposal",
] as const;
