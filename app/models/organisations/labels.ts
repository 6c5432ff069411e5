import type { OrganisationKind } from "~/generated/prisma/enums";

// Shared by server and browser code (labels appear in components), so no server imports here.

export const organisationKinds = ["council", "university", "hub", "community"] as const satisfies readonly OrganisationKind[];

export const organisationKindLabels: Record<OrganisationKind, string> = {
  council: "Council",
  university: "University",
  hub: "Data hub",
  community: "Community group",
};
