// What the applications domain writes to the audit log, in words for the audit page.
export const applicationAuditActions = {
  "applications.express_interest": "Offered to help with a challenge",
  "applications.invite": "Invited someone to a challenge",
  "applications.accept": "Accepted an offer of help or an invitation",
  "applications.decline": "Declined an offer of help or an invitation",
  "applications.withdraw": "Withdrew an offer of help",
  "applications.add_to_team": "Accepted someone into a challenge's team",
  "applications.expire": "An invitation ran out unanswered",
} as const;

export const applicationAuditDetails = {
  challengeId: "Challenge",
  participantId: "Person",
  direction: "Started by",
  hoursPerWeek: "Hours a week",
} as const;
