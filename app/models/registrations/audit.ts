// What the registrations domain writes to the audit log, in words for the audit page.
export const registrationAuditActions = {
  "registrations.cancel": "Cancelled someone's registration for an event",
  "registrations.view_needs": "Looked at attendees' dietary and access needs",
  "registrations.export_needs": "Downloaded registrations with dietary and access needs",
  "registrations.delete_needs": "Deleted attendees' dietary and access needs, 30 days after the event",
} as const;

export const registrationAuditDetails = {
  registrationId: "Registration",
  previousStatus: "Before",
  rows: "People",
} as const;
