// What the accounts domain writes to the audit log, in words for the audit page.
export const accountAuditActions = {
  "user.create_account": "Created an account",
  "user.delete_account": "Deleted their account",
  "user.make_admin": "Made someone a platform administrator",
  "identity.link": "Linked a GitHub account",
  "identity.unlink": "Unlinked a GitHub account",
} as const;

export const accountAuditDetails = { via: "How", email: "Email address" } as const;
