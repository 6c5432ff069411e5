import { z } from "zod";
import type { MembershipRole, Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { prisma } from "~/services/db.server";

// Who belongs to an organisation and with what role. Every change runs in one transaction with
// its audit entry, after locking the organisation's row: two owners acting at once (both
// leaving, say) are serialised, so an organisation can never end up without an owner.
// Routes check permissions first (permissions.server.ts); the rules here hold whatever the
// caller checked.

export type Tx = Prisma.TransactionClient;


/** A rule stopped the change. The message is written for the person who tried it. */
export class RuleError extends Error {
  override name = "RuleError";
  /** The form field the message belongs beside, or "form" for the page as a whole. */
  readonly field: string;
  readonly status: number;
  constructor(message: string, options: { field?: string; status?: number } = {}) {
    super(message);
    this.field = options.field ?? "form";
    this.status = options.status ?? 409;
  }
}

export const membershipRoles = ["owner", "member"] as const satisfies readonly MembershipRole[];

export const roleLabels: Record<MembershipRole, string> = { owner: "Owner", member: "Member" };

export const membershipIdInput = z.object({
  membershipId: z
    .string({ required_error: "Choose a member" })
    .trim()
    .min(1, "Choose a member")
    .max(64, "Choose a member"),
});

export const roleChangeInput = membershipIdInput.extend({
  role: z.enum(membershipRoles, { errorMap: () => ({ message: "Choose owner or member" }) }),
});

/** Locks the organisation's row for the rest of the transaction and returns what rules need. */
export async function lockOrganisation(tx: Tx, organisationId: string) {
  await tx.$queryRaw`SELECT id FROM organisations WHERE id = ${organisationId} FOR UPDATE`;
  const org = await tx.organisation.findUnique({
    where: { id: organisationId },
    select: { id: true, name: true, slug: true, kind: true, region: true, verifiedAt: true, claimedById: true },
  });
  if (!org) throw new RuleError("This organisation no longer exists.", { status: 404 });
  return org;
}

async function ownerCount(tx: Tx, organisationId: string) {
  return tx.membership.count({ where: { organisationId, role: "owner" } });
}

async function requireOwner(tx: Tx, actor: Actor, organisationId: string) {
  if (actor.isAdmin) return;
  const own = await tx.membership.findUnique({
    where: { userId_organisationId: { userId: actor.id, organisationId } },
    select: { role: true },
  });
  if (own?.role !== "owner") throw new RuleError("Only an owner of this organisation can do this.", { status: 403 });
}

async function findMembership(tx: Tx, organisationId: string, membershipId: string) {
  const membership = await tx.membership.findFirst({
    where: { id: membershipId, organisationId },
    select: { id: true, userId: true, role: true, user: { select: { displayName: true } } },
  });
  if (!membership) {
    throw new RuleError("That person is not a member of this organisation any more.", {
      field: "membershipId",
      status: 404,
    });
  }
  return membership;
}

export async function listMembers(organisationId: string) {
  const members = await prisma.membership.findMany({
    where: { organisationId },
    // Postgres sorts enums in declaration order: owners first.
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      role: true,
      createdAt: true,
      user: { select: { id: true, displayName: true, deletedAt: true } },
    },
  });
  return members.map(({ user, ...membership }) => ({
    ...membership,
    userId: user.id,
    name: user.deletedAt ? "Former member" : user.displayName,
  }));
}

export async function changeRole(actor: Actor, organisationId: string, membershipId: string, role: MembershipRole) {
  return prisma.$transaction(async (tx) => {
    await lockOrganisation(tx, organisationId);
    await requireOwner(tx, actor, organisationId);
    const membership = await findMembership(tx, organisationId, membershipId);
    if (membership.role === role) return { changed: false, name: membership.user.displayName };
    if (membership.role === "owner" && (await ownerCount(tx, organisationId)) === 1) {
      throw new RuleError(`${membership.user.displayName} is the only owner. Make another member an owner first.`, {
        field: "role",
      });
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
    await lockOrganisation(tx, organisationId);
    await requireOwner(tx, actor, organisationId);
    const membership = await findMembership(tx, organisationId, membershipId);
    if (membership.userId === actor.id) {
      throw new RuleError("To remove yourself, leave the organisation instead.", { field: "membershipId" });
    }
    if (membership.role === "owner" && (await ownerCount(tx, organisationId)) === 1) {
      throw new RuleError(`${membership.user.displayName} is the only owner and cannot be removed.`, {
        field: "membershipId",
      });
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
    await lockOrganisation(tx, organisationId);
    const own = await tx.membership.findUnique({
      where: { userId_organisationId: { userId: actor.id, organisationId } },
      select: { id: true, role: true },
    });
    if (own?.role !== "owner") throw new RuleError("Only an owner can hand over ownership.", { status: 403 });
    const target = await findMembership(tx, organisationId, toMembershipId);
    if (target.id === own.id)
      throw new RuleError("Choose another member to become the owner.", { field: "membershipId" });
    if (target.role === "owner") {
      throw new RuleError(`${target.user.displayName} is already an owner.`, { field: "membershipId" });
    }
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
    await lockOrganisation(tx, organisationId);
    const own = await tx.membership.findUnique({
      where: { userId_organisationId: { userId: actor.id, organisationId } },
      select: { id: true, role: true },
    });
    if (!own) throw new RuleError("You are not a member of this organisation.", { status: 403 });
    if (own.role === "owner" && (await ownerCount(tx, organisationId)) === 1) throw new RuleError(LAST_OWNER_MESSAGE);
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

/** For `scripts/make-admin.ts`: the first platform admin is made from the command line. */
export async function makePlatformAdmin(email: string) {
  const address = email.trim().toLowerCase();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email: address },
      select: { id: true, displayName: true, isAdmin: true, deletedAt: true },
    });
    if (!user || user.deletedAt)
      throw new RuleError(`No Nettle account uses ${address}. The person must sign up first.`, { status: 404 });
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
