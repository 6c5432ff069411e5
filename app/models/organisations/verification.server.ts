import type { Actor } from "~/models/platform/actor";
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { audit } from "~/models/platform/audit.server";
import { tellHubOrganisers } from "~/models/organisations/hub.server";
import { absoluteUrl, queueMail } from "~/models/platform/mail.server";
import { lockOrganisation, RuleError, type Tx } from "~/models/organisations/membership.server";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { prisma } from "~/services/db.server";

// Councils on Nettle: an officer claims a council nobody represents yet and becomes its owner;
// an organiser of a hub that serves the council (or a platform admin) then verifies the claim
// or rejects it. `verified` is part of the search document, so verification records a search
// change in the same transaction.

export type CouncilState = "unclaimed" | "claimed" | "verified";

export const COMMENT_MAX = 2000;

export const councilIdInput = z.object({
  councilId: z
    .string({ required_error: "Choose a council" })
    .trim()
    .min(1, "Choose a council")
    .max(64, "Choose a council"),
});

export const rejectInput = councilIdInput.extend({
  comment: z
    .string({ required_error: "Say why the claim is rejected" })
    .trim()
    .min(1, "Say why the claim is rejected")
    .max(COMMENT_MAX, `Comment must be ${COMMENT_MAX} characters or fewer`),
});

/** What a permission check needs to know about an organisation, by id (from a form). */
export async function findOrganisationRef(id: string) {
  return prisma.organisation.findUnique({ where: { id }, select: { id: true, name: true, kind: true, region: true } });
}

/** Where a council stands, for its page: nobody / a claim waiting / verified (by whom). */
export async function councilState(organisationId: string) {
  const org = await prisma.organisation.findUniqueOrThrow({
    where: { id: organisationId },
    select: {
      verifiedAt: true,
      claimedAt: true,
      claimedById: true,
      verifiedBy: { select: { displayName: true, deletedAt: true } },
      _count: { select: { memberships: true } },
    },
  });
  const state: CouncilState = org.verifiedAt ? "verified" : org.claimedById ? "claimed" : "unclaimed";
  return {
    state,
    verifiedAt: org.verifiedAt,
    verifiedByName: org.verifiedBy ? (org.verifiedBy.deletedAt ? "a former member" : org.verifiedBy.displayName) : null,
    claimedAt: org.claimedAt,
    claimedById: org.claimedById,
    memberCount: org._count.memberships,
  };
}

/**
 * The user claims a council nobody represents: they become its owner and the council waits,
 * unverified, for a hub organiser. A council verified earlier but left with nobody (demo data)
 * goes back to unverified: verification vouches for the people, and these are new people.
 */
export async function claimCouncil(
  user: { id: string; emailVerifiedAt: Date | null; displayName: string },
  councilId: string,
) {
  return prisma.$transaction(async (tx) => {
    const org = await lockOrganisation(tx, councilId);
    if (org.kind !== "council") throw new RuleError("Only councils can be claimed.", { status: 400 });
    if (!user.emailVerifiedAt)
      throw new RuleError("Confirm your email address before you claim a council.", { status: 403 });
    if (org.claimedById) {
      throw new RuleError(`${org.name} has already been claimed. A hub organiser is checking that claim.`);
    }
    if ((await tx.membership.count({ where: { organisationId: org.id } })) > 0) {
      throw new RuleError(`People already represent ${org.name} on Nettle. Ask one of its owners to invite you.`);
    }
    const wasVerified = org.verifiedAt !== null;
    await tx.organisation.update({
      where: { id: org.id },
      data: { claimedAt: new Date(), claimedById: user.id, verifiedAt: null, verifiedById: null },
    });
    const membership = await tx.membership.create({
      data: { userId: user.id, organisationId: org.id, role: "owner" },
      select: { id: true },
    });
    if (wasVerified) await recordSearchChange(tx, "organisations", [org.id]);
    await audit(tx, {
      actorId: user.id,
      action: "council.claim",
      subjectType: "organisation",
      subjectId: org.id,
      organisationId: org.id,
      details: wasVerified ? { previouslyVerified: true } : {},
    });
    await audit(tx, {
      actorId: user.id,
      action: "membership.add",
      subjectType: "membership",
      subjectId: membership.id,
      organisationId: org.id,
      details: { userId: user.id, role: "owner", via: "claim" },
    });
    // Nobody would otherwise know a claim is waiting until they happened to open the dashboard.
    await tellHubOrganisers(
      tx,
      org,
      "council-claimed",
      { organisationName: org.name, claimantName: user.displayName, link: absoluteUrl("/hub") },
      user.id,
    );
    return { name: org.name, slug: org.slug };
  });
}

async function lockPendingClaim(tx: Tx, actor: Actor, councilId: string) {
  const org = await lockOrganisation(tx, councilId);
  if (org.kind !== "council" || !org.claimedById || org.verifiedAt) {
    throw new RuleError(`There is no claim waiting for ${org.name} any more. Someone may have decided it already.`, {
      field: "councilId",
    });
  }
  // Four eyes: whoever claimed a council cannot also vouch for themselves.
  if (org.claimedById === actor.id) {
    throw new RuleError("You claimed this council yourself, so another hub organiser must decide on it.", {
      status: 403,
    });
  }
  const claimant = await tx.user.findUnique({
    where: { id: org.claimedById },
    select: { id: true, email: true, displayName: true, deletedAt: true },
  });
  return { org, claimant };
}

/** A hub organiser (or admin) confirms the claim: the council is verified and searchable as such. */
export async function verifyCouncil(actor: Actor, councilId: string) {
  return prisma.$transaction(async (tx) => {
    const { org, claimant } = await lockPendingClaim(tx, actor, councilId);
    await tx.organisation.update({ where: { id: org.id }, data: { verifiedAt: new Date(), verifiedById: actor.id } });
    await recordSearchChange(tx, "organisations", [org.id]);
    await audit(tx, {
      actorId: actor.id,
      action: "organisation.verify",
      subjectType: "organisation",
      subjectId: org.id,
      organisationId: org.id,
      details: { claimantId: org.claimedById },
    });
    if (claimant?.email && !claimant.deletedAt) {
      await queueMail(tx, claimant.email, "claim-decision", {
        name: claimant.displayName,
        organisationName: org.name,
        approved: true,
        link: absoluteUrl(`/organisations/${org.slug}`),
      });
    }
    return { name: org.name };
  });
}

/** A hub organiser (or admin) turns the claim down: the claimant leaves and the claim is cleared. */
/**
 * The claimant takes back a claim nobody has decided yet (they do not work there after all, or
 * claimed the wrong council): their ownership goes and the council can be claimed again.
 */
export async function withdrawClaim(user: { id: string }, councilId: string) {
  return prisma.$transaction(async (tx) => {
    const org = await lockOrganisation(tx, councilId);
    if (org.claimedById !== user.id || org.verifiedAt) {
      throw new RuleError(`You have no claim to ${org.name} waiting for a decision.`, { status: 409 });
    }
    const membership = await tx.membership.findUnique({
      where: { userId_organisationId: { userId: user.id, organisationId: org.id } },
      select: { id: true, role: true },
    });
    // Someone the claimant invited meanwhile would otherwise be left in an unclaimed council.
    const others = await tx.membership.count({ where: { organisationId: org.id, NOT: { userId: user.id } } });
    if (others > 0) {
      throw new RuleError(`Others have joined ${org.name} through you. Hand over ownership before you withdraw.`, {
        status: 409,
      });
    }
    if (membership) await tx.membership.delete({ where: { id: membership.id } });
    await tx.organisation.update({ where: { id: org.id }, data: { claimedAt: null, claimedById: null } });
    await audit(tx, {
      actorId: user.id,
      action: "council.withdraw_claim",
      subjectType: "organisation",
      subjectId: org.id,
      organisationId: org.id,
    });
    if (membership) {
      await audit(tx, {
        actorId: user.id,
        action: "membership.remove",
        subjectType: "membership",
        subjectId: membership.id,
        organisationId: org.id,
        details: { userId: user.id, role: membership.role, via: "claim withdrawn" },
      });
    }
    return { name: org.name, slug: org.slug };
  });
}

export async function rejectClaim(actor: Actor, councilId: string, comment: string) {
  const reason = rejectInput.shape.comment.parse(comment);
  return prisma.$transaction(async (tx) => {
    const { org, claimant } = await lockPendingClaim(tx, actor, councilId);
    const membership = await tx.membership.findUnique({
      where: { userId_organisationId: { userId: org.claimedById!, organisationId: org.id } },
      select: { id: true, role: true },
    });
    if (membership) await tx.membership.delete({ where: { id: membership.id } });
    await tx.organisation.update({ where: { id: org.id }, data: { claimedAt: null, claimedById: null } });
    await audit(tx, {
      actorId: actor.id,
      action: "organisation.reject_claim",
      subjectType: "organisation",
      subjectId: org.id,
      organisationId: org.id,
      details: { claimantId: org.claimedById, comment: reason },
    });
    if (membership) {
      await audit(tx, {
        actorId: actor.id,
        action: "membership.remove",
        subjectType: "membership",
        subjectId: membership.id,
        organisationId: org.id,
        details: { userId: org.claimedById, role: membership.role, via: "claim rejected" },
      });
    }
    if (claimant?.email && !claimant.deletedAt) {
      await queueMail(tx, claimant.email, "claim-decision", {
        name: claimant.displayName,
        organisationName: org.name,
        approved: false,
        comment: reason,
        link: absoluteUrl(`/organisations/${org.slug}`),
      });
    }
    return { name: org.name };
  });
}

/**
 * Claims waiting for this person: councils served by the hubs they organise, or every waiting
 * claim for a platform admin.
 */
export async function claimsAwaiting(user: Actor) {
  let where: Prisma.OrganisationWhereInput = { kind: "council", claimedById: { not: null }, verifiedAt: null };
  if (!user.isAdmin) {
    const hubs = await prisma.organisation.findMany({
      where: { kind: "hub", memberships: { some: { userId: user.id } } },
      select: { id: true, servesRegions: true },
    });
    const regions = [...new Set(hubs.flatMap((hub) => hub.servesRegions))];
    where = {
      ...where,
      OR: [{ region: { in: regions } }, { servedByHubs: { some: { hubId: { in: hubs.map((hub) => hub.id) } } } }],
    };
  }
  const councils = await prisma.organisation.findMany({
    where,
    orderBy: { claimedAt: "asc" },
    take: 200,
    select: {
      id: true,
      slug: true,
      name: true,
      officialName: true,
      region: true,
      website: true,
      claimedAt: true,
      claimedBy: { select: { id: true, displayName: true, email: true, kind: true } },
    },
  });
  return councils.map(({ claimedBy, ...council }) => ({
    ...council,
    claimant: claimedBy,
    ownClaim: claimedBy?.id === user.id,
  }));
}

/**
 * Claims of this person that hub organisers turned down, newest first, with the organiser's
 * comment: the claimant leaves the council, so this is their trace of what happened and why.
 */
export async function rejectedClaimsOf(userId: string) {
  const entries = await prisma.auditLog.findMany({
    where: { action: "organisation.reject_claim", details: { path: ["claimantId"], equals: userId } },
    orderBy: { id: "desc" },
    take: 10,
    select: { id: true, createdAt: true, subjectId: true, details: true },
  });
  const councils = await prisma.organisation.findMany({
    where: { id: { in: entries.map((e) => e.subjectId) } },
    select: { id: true, name: true, slug: true },
  });
  return entries.flatMap((entry) => {
    const council = councils.find((c) => c.id === entry.subjectId);
    if (!council) return [];
    const details = entry.details as { comment?: unknown };
    return [{ id: entry.id.toString(), at: entry.createdAt, council, comment: typeof details.comment === "string" ? details.comment : "" }];
  });
}
