// What team formation writes to the audit log, in words for the audit page.
export const formationAuditActions = {
  "event_teams.apply_suggestion": "Placed people in teams at an event from the suggested teams",
} as const;

export const formationAuditDetails = {
  placed: "People placed",
  teamsCreated: "Teams created",
} as const;
