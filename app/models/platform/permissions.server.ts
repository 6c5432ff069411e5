import type { OrganisationKind } from "~/generated/prisma/client";
import type { Actor } from "~/models/platform/actor";
import { prisma } from "~/services/db.server";
import { hubsServing, isAnyHubOrganiser, isHubOrganiserFor, membershipRole } from "~/models/platform/policy.server";

export { hubsServing, isAnyHubOrganiser, isHubOrganiserFor, membershipRole };

// One place answers "may this user do X to Y?". Every loader and action asks here (never by
// hiding a button), and a refusal explains what would be needed.

export type Permission =
  | "organisation:view-members"
  | "organisation:edit"
  | "organisation:invite"
  | "organisation:remove-member"
  | "organisation:change-role"
  | "organisation:transfer"
  | "organisation:leave"
  | "council:claim"
  | "council:verify"
  | "hub:manage-councils"
  | "hub:dashboard"
  | "hub:challenges"
  | "audit:view"
  | "admin";

export interface OrgRef {
  id: string;
  name: string;
  kind: OrganisationKind;
  region: string | null;
}





export async function can(user: Actor | null, permission: Permission, org?: OrgRef): Promise<boolean> {
  if (!user) return false;
  if (user.isAdmin) return permission !== "council:claim" || (await canClaim(user, org));
  switch (permission) {
    case "admin":
    case "audit:view":
      return false;
    case "council:claim":
      return canClaim(user, org);
    case "council:verify":
      return org?.kind === "council" && (await isHubOrganiserFor(user.id, org));
    case "hub:manage-councils":
    case "hub:challenges":
      return org?.kind === "hub" && (await membershipRole(user.id, org.id)) !== null;
    case "hub:dashboard":
      return isAnyHubOrganiser(user.id);
    case "organisation:view-members": {
      if (!org) return false;
      if ((await membershipRole(user.id, org.id)) !== null) return true;
      return org.kind === "council" && (await isHubOrganiserFor(user.id, org));
    }
    case "organisation:leave":
      return !!org && (await membershipRole(user.id, org.id)) !== null;
    case "organisation:edit":
    case "organisation:invite":
    case "organisation:remove-member":
    case "organisation:change-role":
    case "organisation:transfer":
      return !!org && (await membershipRole(user.id, org.id)) === "owner";
  }
}

async function canClaim(user: Actor, org?: OrgRef) {
  if (!org || org.kind !== "council" || !user.emailVerifiedAt) return false;
  const current = await prisma.organisation.findUnique({
    where: { id: org.id },
    select: { claimedById: true, _count: { select: { memberships: true } } },
  });
  return !!current && current.claimedById === null && current._count.memberships === 0;
}

/** What someone would need, in words, for a 403 page. */
export function whatIsNeeded(permission: Permission, org?: OrgRef): string {
  const name = org?.name ?? "this organisation";
  switch (permission) {
    case "admin":
    case "audit:view":
      return "You need to be a platform administrator to see this page.";
    case "council:claim":
      return `${name} can only be claimed by a signed-in council officer with a confirmed email address, while nobody else represents it on Nettle.`;
    case "council:verify":
      return `You need to be an organiser of a hub that serves ${name} to verify it.`;
    case "hub:manage-councils":
      return `You need to be an organiser of ${name} to change the councils it serves.`;
    case "hub:challenges":
      return `You need to be an organiser of ${name} to see the challenges of the councils it serves.`;
    case "hub:dashboard":
      return "You need to be an organiser of a data hub to use the hub dashboard. Ask one of your hub's organisers to invite you.";
    case "organisation:view-members":
      return `You need to be a member of ${name} to see its members.`;
    case "organisation:leave":
      return `You are not a member of ${name}.`;
    case "organisation:edit":
    case "organisation:invite":
    case "organisation:remove-member":
    case "organisation:change-role":
    case "organisation:transfer":
      return `You need to be an owner of ${name} to do this. Ask one of its owners.`;
  }
}

/** Throws a 403 response explaining what is needed unless the user may do this. */
export async function requirePermission(user: Actor | null, permission: Permission, org?: OrgRef) {
  if (!(await can(user, permission, org))) {
    throw new Response(whatIsNeeded(permission, org), { status: 403, statusText: "Forbidden" });
  }
}
