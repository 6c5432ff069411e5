import type { MembershipRole } from "~/generated/prisma/client";
import { checked } from "~/models/organisations/internal/checked";
import { lockOrganisation } from "~/models/organisations/internal/organisation-row.server";
import { organisationPolicy, organisationPolicyIn, type OrganisationRef } from "~/models/organisations/policy.server";
import { invitationInput, type InvitationInput } from "~/models/organisations/schemas";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, forbidden, gone, notFound } from "~/models/platform/errors";
import { absoluteUrl, queueMail } from "~/models/platform/mail.server";
import { prisma } from "~/services/db.server";
import { hashToken, newToken } from "~/services/session.server";

// Invitations to join an organisation. The link carries a random token; only its sha256 is
// stored, so the table alone lets nobody in. An invitation is accepted by a signed-in person
// whose confirmed email address is the one it was sent to.

export { EMAIL_MISMATCH_MESSAGE } from "~/models/organisations/policy.server";

export const INVITATION_DAYS = 14;

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
export async function createInvitation(actor: Actor, organisationId: string, input: InvitationInput) {
  return prisma.$transaction(async (tx) => {
    const org = await lockOrganisation(tx, organisationId);
    await organisationPolicyIn(tx).authorize(actor, "invite", org);
    const { email, role } = checked(invitationInput, input);
    // A claim is only a claim until a hub organiser checks it; the claimant cannot bring others in.
    if (org.kind === "council" && !org.verifiedAt) {
      throw conflict(`${org.name} must be verified by a hub organiser before you can invite people.`);
    }
    const existingMember = await tx.membership.findFirst({
      where: { organisationId, user: { email } },
      select: { id: true },
    });
    if (existingMember) throw conflict(`${email} is already a member of ${org.name}.`, "email");

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

/** Invitations of `org` still waiting, for the owners who send and revoke them. */
export async function listPendingInvitations(actor: Actor, org: OrganisationRef) {
  await organisationPolicy.authorize(actor, "invite", org);
  return prisma.invitation.findMany({
    where: { organisationId: org.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, expiresAt: true },
  });
}

export async function revokeInvitation(actor: Actor, organisationId: string, invitationId: string) {
  return prisma.$transaction(async (tx) => {
    const org = await lockOrganisation(tx, organisationId);
    await organisationPolicyIn(tx).authorize(actor, "invite", org);
    const invitation = await tx.invitation.findFirst({
      where: { id: invitationId, organisationId },
      select: { id: true, email: true, acceptedAt: true, revokedAt: true, expiresAt: true },
    });
    if (!invitation || statusOf(invitation) !== "pending") {
      throw conflict("That invitation has already been used, revoked or has expired.", "invitationId");
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

const NOT_VALID = "This invitation link is not valid.";

/** The signed-in person accepts the invitation; returns the organisation they joined. */
export async function acceptInvitation(actor: Actor, token: string): Promise<{ organisationName: string; slug: string; role: MembershipRole }> {
  if (!tokenShape.test(token)) throw notFound(NOT_VALID);
  return accept(actor, { tokenHash: hashToken(token) });
}

/**
 * Accepts an invitation to the user's own address by its id: for the account page, which
 * lists them without their links (only a hash of each link's token is kept).
 */
export async function acceptInvitationById(actor: Actor, invitationId: string) {
  return accept(actor, { id: invitationId });
}

/** Invitations waiting for the person's own address, newest first. */
export async function listInvitationsFor(actor: Actor) {
  if (!actor.email) return [];
  const invitations = await prisma.invitation.findMany({
    where: { email: actor.email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
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
  actor: Actor,
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
    if (!invitation) throw notFound(NOT_VALID);
    // By id, an invitation to someone else's address is not theirs to know about.
    if ("id" in where && invitation.email !== actor.email) throw notFound(NOT_VALID);
    const status = statusOf(invitation);
    if (status !== "pending") throw gone(invitationStatusMessages[status]);
    if (!actor.emailVerifiedAt) throw forbidden("Confirm your email address before you accept the invitation.");
    await organisationPolicy.authorize(actor, "accept_invitation", invitation);
    const organisation = invitation.organisation;
    const existing = await tx.membership.findUnique({
      where: { userId_organisationId: { userId: actor.id, organisationId: organisation.id } },
      select: { id: true },
    });
    if (existing) throw conflict(`You are already a member of ${organisation.name}.`);

    const membership = await tx.membership.create({
      data: { userId: actor.id, organisationId: organisation.id, role: invitation.role },
      select: { id: true },
    });
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date() } });
    await audit(tx, {
      actorId: actor.id,
      action: "invitation.accept",
      subjectType: "invitation",
      subjectId: invitation.id,
      organisationId: organisation.id,
      details: { email: invitation.email, role: invitation.role },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "membership.add",
      subjectType: "membership",
      subjectId: membership.id,
      organisationId: organisation.id,
      details: { userId: actor.id, role: invitation.role, via: "invitation" },
    });
    return { organisationName: organisation.name, slug: organisation.slug, role: invitation.role };
  });
}
