import type { OrganisationKind, Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/models/platform/actor";
import { definePolicy, isAnyHubOrganiser, isHubOrganiserFor, membershipRole, NONE } from "~/models/platform/policy.server";
import { prisma } from "~/services/db.server";

// Who may do what to an organisation, its members and its claims, and what a hub's organisers
// may do. The model functions of this domain ask here before every write and before returning
// restricted fields (members, invitations, claimants' addresses); routes ask the same to
// decide what to show.

/** What the rules need to know about an organisation. */
export interface OrganisationRef {
  id: string;
  name: string;
  kind: OrganisationKind;
  region: string | null;
}

export const EMAIL_MISMATCH_MESSAGE =
  "This invitation was sent to a different email address from the one you are signed in with. Sign in with the address the invitation was sent to, or ask an owner to invite your address.";

const ownerWords = (org: OrganisationRef) => `You need to be an owner of ${org.name} to do this. Ask one of its owners.`;
const adminWords = () => "You need to be a platform administrator to do this.";

function rulesReading(db: Prisma.TransactionClient) {
  const roleOf = (actor: Actor, org: OrganisationRef) => membershipRole(actor.id, org.id, db);
  const isMember = async (actor: Actor | null, org: OrganisationRef) => actor !== null && (await roleOf(actor, org)) !== null;
  const isOwner = async (actor: Actor | null, org: OrganisationRef) => actor !== null && (await roleOf(actor, org)) === "owner";
  const ownerOrAdmin = async (actor: Actor | null, org: OrganisationRef) => actor?.isAdmin === true || (await isOwner(actor, org));
  const hubOrganiserOrAdmin = async (actor: Actor | null, hub: OrganisationRef) =>
    hub.kind === "hub" && (actor?.isAdmin === true || (await isMember(actor, hub)));
  const admin = (actor: Actor | null) => actor?.isAdmin === true;

  return definePolicy(
    {
      view_members: async (actor: Actor | null, org: OrganisationRef) =>
        actor !== null &&
        (actor.isAdmin || (await isMember(actor, org)) || (org.kind === "council" && (await isHubOrganiserFor(actor.id, org, db)))),
      edit: ownerOrAdmin,
      invite: ownerOrAdmin,
      remove_member: ownerOrAdmin,
      change_role: ownerOrAdmin,
      // Handing over is giving up one's own ownership: an admin who is not an owner has none.
      transfer: isOwner,
      leave: isMember,
      // Only while nobody represents the council: the others are invited by its owners.
      claim_council: async (actor: Actor | null, council: OrganisationRef) => {
        if (!actor?.emailVerifiedAt || council.kind !== "council") return false;
        const current = await db.organisation.findUnique({
          where: { id: council.id },
          select: { claimedById: true, _count: { select: { memberships: true } } },
        });
        return current !== null && current.claimedById === null && current._count.memberships === 0;
      },
      withdraw_claim: async (actor: Actor | null, council: OrganisationRef) => {
        if (!actor) return false;
        const current = await db.organisation.findUnique({ where: { id: council.id }, select: { claimedById: true, verifiedAt: true } });
        return current?.claimedById === actor.id && current.verifiedAt === null;
      },
      verify_council: async (actor: Actor | null, council: OrganisationRef) =>
        council.kind === "council" && actor !== null && (actor.isAdmin || (await isHubOrganiserFor(actor.id, council, db))),
      manage_hub_councils: hubOrganiserOrAdmin,
      view_hub_challenges: hubOrganiserOrAdmin,
      use_hub_dashboard: async (actor: Actor | null, _resource: typeof NONE) =>
        actor !== null && (actor.isAdmin || (await isAnyHubOrganiser(actor.id, db))),
      accept_invitation: (actor: Actor | null, invitation: { email: string }) =>
        actor?.emailVerifiedAt != null && actor.email === invitation.email,
      create_organisation: (actor: Actor | null, _resource: typeof NONE) => admin(actor),
      delete_organisation: (actor: Actor | null, _org: OrganisationRef) => admin(actor),
    },
    {
      view_members: (org) => `You need to be a member of ${org.name} to see its members.`,
      edit: ownerWords,
      invite: ownerWords,
      remove_member: ownerWords,
      change_role: ownerWords,
      transfer: ownerWords,
      leave: (org) => `You are not a member of ${org.name}.`,
      claim_council: (council) =>
        `${council.name} can only be claimed by a signed-in council officer with a confirmed email address, while nobody else represents it on Nettle.`,
      withdraw_claim: (council) => `You have no claim to ${council.name} waiting for a decision.`,
      verify_council: (council) => `You need to be an organiser of a hub that serves ${council.name} to verify it.`,
      manage_hub_councils: (hub) => `You need to be an organiser of ${hub.name} to change the councils it serves.`,
      view_hub_challenges: (hub) => `You need to be an organiser of ${hub.name} to see the challenges of the councils it serves.`,
      use_hub_dashboard: () =>
        "You need to be an organiser of a data hub to use the hub dashboard. Ask one of your hub's organisers to invite you.",
      accept_invitation: () => EMAIL_MISMATCH_MESSAGE,
      create_organisation: adminWords,
      delete_organisation: adminWords,
    },
  );
}

export const organisationPolicy = rulesReading(prisma);

/**
 * The same policy, reading through a transaction. Model functions that change memberships ask
 * it after locking the organisation's row, so a role taken away at the same moment cannot let
 * a change through: every membership change takes that lock first.
 */
export const organisationPolicyIn = (tx: Prisma.TransactionClient) => rulesReading(tx);

export type OrganisationAction = Parameters<typeof organisationPolicy.may>[1];
