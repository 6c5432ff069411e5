// What the events domain writes to the audit log, in words for the audit page.
export const eventAuditActions = {
  "event.create": "Created an event",
  "event.update": "Changed an event's details",
  "event.feature_challenges": "Changed the challenges an event features",
  "event.change_agenda": "Changed an event's agenda",
  "event.publish": "Published an event",
  "event.cancel": "Cancelled an event",
  "event.finish": "Marked an event as finished",
} as const;

export const eventAuditDetails = {
  title: "Title",
  reason: "Reason",
  registrationsCancelled: "Registrations cancelled",
  added: "Added",
  removed: "Removed",
} as const;
