import type { Actor } from "~/models/platform/actor";
import { z } from "zod";
import { emailAddress } from "~/models/platform/fields";
import type { MembershipRole } from "~/generated/prisma/client";
import { audit } from "~/models/platform/audit.server";
import { absoluteUrl, queueMail } from "~/models/platform/mail.server";
import { lockOrganisation, membershipRoles, RuleError } from "~/models/organisations/membership.server";
import { prisma } from "~/services/db.server";
import { hashToken, newToken } from "~/services/session.server";

// Invitations to join an organisation. The link carries a random token; only its sha256 is
// stored, so the table alone lets nobody in. An invitation is accepted by a signed-in person
// whose confirmed email address is the one it was sent to.

export const INVITATION_DAYS = 14;

export const invitationInput = z.object({
  email: emailAddress("Enter an email address"),
  role: z.enum(membershipRoles, { errorMap: () => ({ message: "Choose owner or member" }) }),
});

export type InvitationInput = z.infer<typeof invitationInput>;

export const invitationIdInput = z.object({
  invitationId: z.string({ required_error: "Choose an invitation" }).trim().min(1).max(64),
});

export type InvitationStatus = "pending" | "expired" | "accepted" | "revoked";

function statusOf(
  invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): InvitationStatus {
  if (invitation.acceptedAt) return "accepted";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt <= now) return "expired";
  return "pending";
}

/**
 * Invites `email` to the organisation and mails them the link. Inviting an address again
 * replaces its earlier invitation (the old link stops working).
 */
export async function createInvitation(
  actor: Actor & { displayName: string },
  organisationId: string,
  input: InvitationInput,
) {
  const { email, role } = invitationInput.parse(input);
  return prisma.$transaction(async (tx) => {
    const org = await lockOrganisation(tx, organisationId);
    if (!actor.isAdmin) {
      const own = await tx.membership.findUnique({
        where: { userId_organisationId: { userId: actor.id, organisationId } },
        select: { role: true },
      });
      if (own?.role !== "owner")
        throw new RuleError("Only an owner of this organisation can invite people.", { status: 403 });
    }
    // A claim is only a claim until a hub organiser checks it; the claimant cannot bring others in.
    if (org.kind === "council" && !org.verifiedAt) {
      throw new RuleError(`${org.name} must be verified by a hub organiser before you can invite people.`);
    }
    const existingMember = await tx.membership.findFirst({
      where: { organisationId, user: { email } },
      select: { id: true },
    });
    if (existingMember) throw new RuleError(`${email} is already a member of ${org.name}.`, { field: "email" });

    const replaced = await tx.invitation.updateMany({
      where: { organisationId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const token = newToken();
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000);
    const invitation = await tx.invitation.create({
      data: { organisationId, email, role, tokenHash: hashToken(token), invitedById: actor.id, expiresAt },
      select: { id: true },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "invitation.send",
      subjectType: "invitation",
      subjectId: invitation.id,
      organisationId,
      details: { email, role, replaced: replaced.count },
    });
    await queueMail(tx, email, "invitation", {
      organisationName: org.name,
      inviterName: actor.displayName,
      role,
      link: absoluteUrl(`/invitations/${token}`),
      expiresAt,
    });
    return { id: invitation.id, token, expiresAt, replaced: replaced.count };
  });
}

export async function listPendingInvitations(organisationId: string) {
  return prisma.invitation.findMany({
    where: { organisationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      email: true,
      role: true,
      expiresAt: true,
      invitedBy: { select: { displayName: true, deletedAt: true } },
    },
  });
}

export async function revokeInvitation(actor: Actor, organisationId: string, invitationId: string) {
  return prisma.$transaction(async (tx) => {
    await lockOrganisation(tx, organisationId);
    if (!actor.isAdmin) {
      const own = await tx.membership.findUnique({
        where: { userId_organisationId: { userId: actor.id, organisationId } },
        select: { role: true },
      });
      if (own?.role !== "owner")
        throw new RuleError("Only an owner of this organisation can revoke invitations.", { status: 403 });
    }
    const invitation = await tx.invitation.findFirst({
      where: { id: invitationId, organisationId },
      select: { id: true, email: true, acceptedAt: true, revokedAt: true, expiresAt: true },
    });
    if (!invitation || statusOf(invitation) !== "pending") {
      throw new RuleError("That invitation has already been used, revoked or has expired.", { field: "invitationId" });
    }
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await audit(tx, {
      actorId: actor.id,
      action: "invitation.revoke",
      subjectType: "invitation",
      subjectId: invitation.id,
      organisationId,
      details: { email: invitation.email },
    });
    return { email: invitation.email };
  });
}

const tokenShape = /^[A-Za-z0-9_-]{43}$/;

/** The invitation a link points at, for its page; null for a link that never existed. */
export async function getInvitationByToken(token: string) {
  if (!tokenShape.test(token)) return null;
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      organisation: { select: { name: true, slug: true, kind: true } },
      invitedBy: { select: { displayName: true, deletedAt: true } },
    },
  });
  if (!invitation) return null;
  return {
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt,
    status: statusOf(invitation),
    organisation: invitation.organisation,
    inviterName:
      !invitation.invitedBy || invitation.invitedBy.deletedAt ? "A former member" : invitation.invitedBy.displayName,
  };
}

export const invitationStatusMessages: Record<Exclude<InvitationStatus, "pending">, string> = {
  expired: "This invitation has expired. Ask an owner of the organisation to invite you again.",
  accepted: "This invitation has already been used.",
  revoked:
    "This invitation was withdrawn, or replaced by a newer one. Use the link in the most recent email, or ask for a new invitation.",
};

export const EMAIL_MISMATCH_MESSAGE =
  "This invitation was sent to a different email address from the one you are signed in with. Sign in with the address the invitation was sent to, or ask an owner to invite your address.";

/** The signed-in user accepts the invitation; returns the organisation they joined. */
export async function acceptInvitation(
  user: { id: string; email: string | null; emailVerifiedAt: Date | null },
  token: string,
): Promise<{ organisationName: string; slug: string; role: MembershipRole }> {
  if (!tokenShape.test(token)) throw new RuleError("This invitation link is not valid.", { status: 404 });
  return accept(user, { tokenHash: hashToken(token) });
}

/**
 * Accepts an invitation to the user's own address by its id: for the account page, which
 * lists them without their links (only a hash of each link's token is kept).
 */
export async function acceptInvitationById(
  user: { id: string; email: string | null; emailVerifiedAt: Date | null },
  invitationId: string,
) {
  return accept(user, { id: invitationId });
}

/** Invitations waiting for `email`, newest first, for the person it belongs to. */
export async function listInvitationsFor(email: string | null) {
  if (!email) return [];
  const invitations = await prisma.invitation.findMany({
    where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    take: 20,
    select: {
      id: true,
      role: true,
      expiresAt: true,
      organisation: { select: { name: true, slug: true } },
      invitedBy: { select: { displayName: true, deletedAt: true } },
    },
  });
  return invitations.map(({ invitedBy, ...invitation }) => ({
    ...invitation,
    inviterName: !invitedBy || invitedBy.deletedAt ? "A former member" : invitedBy.displayName,
  }));
}

async function accept(
  user: { id: string; email: string | null; emailVerifiedAt: Date | null },
  where: { tokenHash: string } | { id: string },
): Promise<{ organisationName: string; slug: string; role: MembershipRole }> {
  return prisma.$transaction(async (tx) => {
    // Locked so that the same link clicked twice at once makes one membership.
    if ("tokenHash" in where) await tx.$queryRaw`SELECT id FROM invitations WHERE token_hash = ${where.tokenHash} FOR UPDATE`;
    else await tx.$queryRaw`SELECT id FROM invitations WHERE id = ${where.id} FOR UPDATE`;
    const invitation = await tx.invitation.findUnique({
      where,
      select: {
        id: true,
        email: true,
        role: true,
        expiresAt: true,
        acceptedAt: true,
        revokedAt: true,
        organisation: { select: { id: true, name: true, slug: true } },
      },
    });
    if (!invitation) throw new RuleError("This invitation link is not valid.", { status: 404 });
    // By id, an invitation to someone else's address is not theirs to know about.
    if ("id" in where && invitation.email !== user.email) throw new RuleError("This invitation link is not valid.", { status: 404 });
    const status = statusOf(invitation);
    if (status !== "pending") throw new RuleError(invitationStatusMessages[status], { status: 410 });
    if (!user.emailVerifiedAt) {
      throw new RuleError("Confirm your email address before you accept the invitation.", { status: 403 });
    }
    if (user.email !== invitation.email) throw new RuleError(EMAIL_MISMATCH_MESSAGE, { status: 403 });
    const organisation = invitation.organisation;
    const existing = await tx.membership.findUnique({
      where: { userId_organisationId: { userId: user.id, organisationId: organisation.id } },
      select: { id: true },
    });
    if (existing) throw new RuleError(`You are already a member of ${organisation.name}.`);

    const membership = await tx.membership.create({
      data: { userId: user.id, organisationId: organisation.id, role: invitation.role },
      select: { id: true },
    });
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date() } });
    await audit(tx, {
      actorId: user.id,
      action: "invitation.accept",
      subjectType: "invitation",
      subjectId: invitation.id,
      organisationId: organisation.id,
      details: { email: invitation.email, role: invitation.role },
    });
    await audit(tx, {
      actorId: user.id,
      action: "membership.add",
      subjectType: "membership",
      subjectId: membership.id,
      organisationId: organisation.id,
      details: { userId: user.id, role: invitation.role, via: "invitation" },
    });
    return { organisationName: organisation.name, slug: organisation.slug, role: invitation.role };
  });
}
