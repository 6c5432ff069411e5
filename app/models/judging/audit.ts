// What the judging domain writes to the audit log, in words for the audit page.
export const judgingAuditActions = {
  "judging.add_criterion": "Added a judging criterion",
  "judging.edit_criterion": "Changed a judging criterion",
  "judging.remove_criterion": "Removed a judging criterion",
  "judging.set_mode": "Changed how an event is judged",
  "judging.invite_judge": "Invited a judge",
  "judging.resend_judge": "Sent a judge a new link",
  "judging.revoke_judge": "Stopped a judge's link",
  "judging.publish_results": "Published an event's judging results",
  "judging.unpublish_results": "Hid an event's judging results",
  "judging.open_voting": "Opened people's choice voting",
  "judging.close_voting": "Closed people's choice voting",
  "judging.add_award": "Added an award",
  "judging.give_award": "Gave an award to a team",
  "judging.remove_award": "Removed an award",
  "judging.announce_awards": "Announced an event's awards",
  "judging.export_scores": "Downloaded an event's scores",
} as const;

export const judgingAuditDetails = {
  eventId: "Event",
  criterionId: "Criterion",
  judgeId: "Judge",
  awardId: "Award",
  teamId: "Team",
  judgingMode: "Judging mode",
} as const;
