// What the organisations domain writes to the audit log, in words for the audit page.
export const organisationAuditActions = {
  "council.claim": "Claimed a council",
  "council.withdraw_claim": "Withdrew a claim to a council",
  "organisation.verify": "Verified a council",
  "organisation.reject_claim": "Rejected a claim to a council",
  "membership.add": "Added a member",
  "membership.remove": "Removed a member",
  "membership.change_role": "Changed a member’s role",
  "invitation.send": "Sent an invitation",
  "invitation.accept": "Accepted an invitation",
  "invitation.revoke": "Revoked an invitation",
  "hub.add_council": "Added a council to a hub",
  "hub.remove_council": "Removed a council from a hub",
  "hub.change_regions": "Changed the regions a hub serves",
} as const;

export const organisationAuditDetails = {
  role: "Role",
  replaced: "Earlier invitations replaced",
  councilName: "Council",
  previouslyVerified: "Had been verified before",
  userId: "Person",
  claimantId: "Claimant",
  added: "Added",
  removed: "Removed",
} as const;
