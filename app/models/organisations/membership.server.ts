import type { MembershipRole } from "~/generated/prisma/client";
import { listPendingInvitations } from "~/models/organisations/invitation.server";
import { lockOrganisation, type Tx } from "~/models/organisations/internal/organisation-row.server";
import { organisationPolicy, organisationPolicyIn, type OrganisationRef } from "~/models/organisations/policy.server";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, notFound } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";

// Who belongs to an organisation and with what role. Every change runs in one transaction with
// its audit entry, after locking the organisation's row (lockOrganisation), and asks the
// organisations policy under that lock: two owners acting at once are serialised, so an
// organisation can never end up without an owner, and a role taken away meanwhile counts.

async function ownerCount(tx: Tx, organisationId: string) {
  return tx.membership.count({ where: { organisationId, role: "owner" } });
}

async function findMembership(tx: Tx, organisationId: string, membershipId: string) {
  const membership = await tx.membership.findFirst({
    where: { id: membershipId, organisationId },
    select: { id: true, userId: true, role: true, user: { select: { displayName: true } } },
  });
  if (!membership) throw notFound("That person is not a member of this organisation any more.");
  return membership;
}

/** The members of `org`, owners first, as its members page lists them. */
export async function listMembers(actor: Actor, org: OrganisationRef) {
  await organisationPolicy.authorize(actor, "view_members", org);
  const members = await prisma.membership.findMany({
    where: { organisationId: org.id },
    // Postgres sorts enums in declaration order: owners first.
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      role: true,
      createdAt: true,
      user: { select: { id: true, displayName: true, deletedAt: true } },
    },
  });
  return members.map(({ id, role, createdAt, user }) => ({
    id,
    role,
    createdAt,
    name: user.deletedAt ? "Former member" : user.displayName,
    you: user.id === actor.id,
  }));
}

/**
 * An organisation's members page, for this person: its members, and if they may invite, the
 * invitations waiting; `confirm` and `memberId` (from the address) ask to confirm leaving,
 * removing someone or handing over ownership, shown only to those who may.
 */
export async function membersPage(
  actor: Actor,
  org: OrganisationRef & { slug: string; verifiedAt: Date | null },
  ask: { confirm: string | null; memberId: string | null },
) {
  const members = await listMembers(actor, org);
  const role = members.find((member) => member.you)?.role ?? null;
  const [canInvite, canManage] = await Promise.all([
    organisationPolicy.may(actor, "invite", org),
    organisationPolicy.may(actor, "remove_member", org),
  ]);
  const invitations = canInvite ? await listPendingInvitations(actor, org) : [];
  const target = members.find((member) => member.id === ask.memberId && !member.you);
  const owners = members.filter((member) => member.role === "owner").length;
  let confirm = null;
  if (ask.confirm === "leave" && role) {
    confirm = { kind: "leave", lastOwner: role === "owner" && owners === 1, explanation: LAST_OWNER_MESSAGE } as const;
  } else if (target && ((ask.confirm === "remove" && canManage) || (ask.confirm === "transfer" && role === "owner"))) {
    confirm = { kind: ask.confirm, member: { id: target.id, name: target.name } } as const;
  }
  return {
    org: { slug: org.slug, name: org.name },
    role,
    canInvite,
    canManage,
    members,
    invitations,
    inviteBlocked:
      canInvite && org.kind === "council" && !org.verifiedAt
        ? `You can invite colleagues once a hub organiser has verified ${org.name}.`
        : null,
    confirm,
  };
}

export async function changeRole(actor: Actor, organisationId: string, membershipId: string, role: MembershipRole) {
  return prisma.$transaction(async (tx) => {
    const org = await lockOrganisation(tx, organisationId);
    await organisationPolicyIn(tx).authorize(actor, "change_role", org);
    const membership = await findMembership(tx, organisationId, membershipId);
    if (membership.role === role) return { changed: false, name: membership.user.displayName };
    if (membership.role === "owner" && (await ownerCount(tx, organisationId)) === 1) {
      throw conflict(`${membership.user.displayName} is the only owner. Make another member an owner first.`, "role");
    }
    await tx.membership.update({ where: { id: membership.id }, data: { role } });
    await audit(tx, {
      actorId: actor.id,
      action: "membership.change_role",
      subjectType: "membership",
      subjectId: membership.id,
      organisationId,
      details: { userId: membership.userId, from: membership.role, to: role },
    });
    return { changed: true, name: membership.user.displayName };
  });
}

export async function removeMember(actor: Actor, organisationId: string, membershipId: string) {
  return prisma.$transaction(async (tx) => {
    const org = await lockOrganisation(tx, organisationId);
    await organisationPolicyIn(tx).authorize(actor, "remove_member", org);
    const membership = await findMembership(tx, organisationId, membershipId);
    if (membership.userId === actor.id) throw conflict("To remove yourself, leave the organisation instead.", "membershipId");
    if (membership.role === "owner" && (await ownerCount(tx, organisationId)) === 1) {
      throw conflict(`${membership.user.displayName} is the only owner and cannot be removed.`, "membershipId");
    }
    await tx.membership.delete({ where: { id: membership.id } });
    await audit(tx, {
      actorId: actor.id,
      action: "membership.remove",
      subjectType: "membership",
      subjectId: membership.id,
      organisationId,
      details: { userId: membership.userId, role: membership.role },
    });
    return { name: membership.user.displayName };
  });
}

/** The actor (an owner) makes another member the owner and becomes a member. */
export async function transferOwnership(actor: Actor, organisationId: string, toMembershipId: string) {
  return prisma.$transaction(async (tx) => {
    const org = await lockOrganisation(tx, organisationId);
    await organisationPolicyIn(tx).authorize(actor, "transfer", org);
    const own = await tx.membership.findUniqueOrThrow({
      where: { userId_organisationId: { userId: actor.id, organisationId } },
      select: { id: true, role: true },
    });
    const target = await findMembership(tx, organisationId, toMembershipId);
    if (target.id === own.id) throw conflict("Choose another member to become the owner.", "membershipId");
    if (target.role === "owner") throw conflict(`${target.user.displayName} is already an owner.`, "membershipId");
    await tx.membership.update({ where: { id: target.id }, data: { role: "owner" } });
    await tx.membership.update({ where: { id: own.id }, data: { role: "member" } });
    for (const [membershipId, userId, from, to] of [
      [target.id, target.userId, "member", "owner"],
      [own.id, actor.id, "owner", "member"],
    ] as const) {
      await audit(tx, {
        actorId: actor.id,
        action: "membership.change_role",
        subjectType: "membership",
        subjectId: membershipId,
        organisationId,
        details: { userId, from, to, via: "transfer" },
      });
    }
    return { name: target.user.displayName };
  });
}

export const LAST_OWNER_MESSAGE =
  "You are the only owner, so you cannot leave yet. Transfer ownership to another member first, then leave.";

export async function leaveOrganisation(actor: Actor, organisationId: string) {
  return prisma.$transaction(async (tx) => {
    const org = await lockOrganisation(tx, organisationId);
    await organisationPolicyIn(tx).authorize(actor, "leave", org);
    const own = await tx.membership.findUniqueOrThrow({
      where: { userId_organisationId: { userId: actor.id, organisationId } },
      select: { id: true, role: true },
    });
    if (own.role === "owner" && (await ownerCount(tx, organisationId)) === 1) throw conflict(LAST_OWNER_MESSAGE);
    await tx.membership.delete({ where: { id: own.id } });
    await audit(tx, {
      actorId: actor.id,
      action: "membership.remove",
      subjectType: "membership",
      subjectId: own.id,
      organisationId,
      details: { userId: actor.id, role: own.role, via: "left" },
    });
  });
}

/**
 * A command-line function (`scripts/make-admin.ts`, demo seeding): no actor and no policy,
 * because whoever runs it already has the server (see Actor). The first platform admin can
 * only be made this way; the audit log records it with no actor.
 */
export async function makePlatformAdmin(email: string) {
  const address = email.trim().toLowerCase();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email: address },
      select: { id: true, displayName: true, isAdmin: true, deletedAt: true },
    });
    if (!user || user.deletedAt) throw notFound(`No Nettle account uses ${address}. The person must sign up first.`);
    if (user.isAdmin) return { changed: false, displayName: user.displayName };
    await tx.user.update({ where: { id: user.id }, data: { isAdmin: true } });
    await audit(tx, {
      actorId: null,
      action: "user.make_admin",
      subjectType: "user",
      subjectId: user.id,
      details: { via: "command line" },
    });
    return { changed: true, displayName: user.displayName };
  });
}
