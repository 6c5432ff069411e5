import type { MembershipRole, OrganisationKind } from "~/generated/prisma/enums";

// Shared by server and browser code (labels appear in components), so no server imports here.

export const organisationKinds = ["council", "university", "hub", "community"] as const satisfies readonly OrganisationKind[];

export const organisationKindLabels: Record<OrganisationKind, string> = {
  council: "Council",
  university: "University",
  hub: "Data hub",
  community: "Community group",
};

export const membershipRoles = ["owner", "member"] as const satisfies readonly MembershipRole[];

export const roleLabels: Record<MembershipRole, string> = { owner: "Owner", member: "Member" };

/** Where a council stands: nobody represents it, a claim waits for a hub organiser, or verified. */
export type CouncilState = "unclaimed" | "claimed" | "verified";
