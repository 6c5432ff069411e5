// What the event-teams domain writes to the audit log, in words for the audit page.
export const eventTeamAuditActions = {
  "event_teams.place": "Placed someone in a team at an event",
  "event_teams.remove": "Took someone out of a team at an event",
  "event_teams.edit": "Changed a team at an event",
  "event_teams.confirm": "Confirmed a team at an event (it became a project)",
} as const;

export const eventTeamAuditDetails = {
  eventId: "Event",
  teamId: "Team at an event",
  registrationId: "Registration",
  fromTeamId: "From team",
} as const;
