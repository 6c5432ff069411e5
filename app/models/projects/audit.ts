// What the projects domain writes to the audit log, in words for the audit page.
export const projectAuditActions = {
  "projects.invite": "Invited someone to a project's team",
  "projects.accept_invitation": "Joined a project's team by invitation",
  "projects.decline_invitation": "Declined an invitation to a project's team",
  "projects.change_role": "Changed someone's role in a project's team",
  "projects.remove_member": "Removed someone from a project's team",
  "projects.leave": "Left a project's team",
  "projects.accept_terms": "Accepted a challenge's data terms",
  "projects.post_update": "Posted a project update",
  "projects.delete_update": "Deleted a project update",
  "projects.request_delivery": "Marked a project delivered",
  "projects.agree_delivery": "Agreed that a project is delivered",
} as const;

export const projectAuditDetails = {
  projectId: "Project",
  memberId: "Team member",
  teamRole: "Team role",
  userId: "Person",
} as const;
