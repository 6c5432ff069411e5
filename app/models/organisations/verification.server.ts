import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { tellHubOrganisers } from "~/models/organisations/hub.server";
import { checked } from "~/models/organisations/internal/checked";
import { lockOrganisation, organisationRef, type Tx } from "~/models/organisations/internal/organisation-row.server";
import { organisationPolicy, organisationPolicyIn } from "~/models/organisations/policy.server";
import { claimComment } from "~/models/organisations/schemas";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, forbidden } from "~/models/platform/errors";
import { absoluteUrl, queueMail } from "~/models/platform/mail.server";
import { NONE } from "~/models/platform/policy.server";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { prisma } from "~/services/db.server";

// Councils on Nettle: an officer claims a council nobody represents yet and becomes its owner;
// an organiser of a hub that serves the council (or a platform admin) then verifies the claim
// or rejects it. `verified` is part of the search document, so verification records a search
// change in the same transaction.

/**
 * The user claims a council nobody represents: they become its owner and the council waits,
 * unverified, for a hub organiser. A council verified earlier but left with nobody (demo data)
 * goes back to unverified: verification vouches for the people, and these are new people.
 */
export async function claimCouncil(actor: Actor, councilId: string) {
  await organisationPolicy.authorize(actor, "claim_council", await organisationRef(councilId));
  return prisma.$transaction(async (tx) => {
    const org = await lockOrganisation(tx, councilId);
    // Someone else may have claimed it, or been invited, since the policy was asked.
    if (org.claimedById) throw conflict(`${org.name} has already been claimed. A hub organiser is checking that claim.`);
    if ((await tx.membership.count({ where: { organisationId: org.id } })) > 0) {
      throw conflict(`People already represent ${org.name} on Nettle. Ask one of its owners to invite you.`);
    }
    const wasVerified = org.verifiedAt !== null;
    await tx.organisation.update({
      where: { id: org.id },
      data: { claimedAt: new Date(), claimedById: actor.id, verifiedAt: null, verifiedById: null },
    });
    const membership = await tx.membership.create({
      data: { userId: actor.id, organisationId: org.id, role: "owner" },
      select: { id: true },
    });
    if (wasVerified) await recordSearchChange(tx, "organisations", [org.id]);
    await audit(tx, {
      actorId: actor.id,
      action: "council.claim",
      subjectType: "organisation",
      subjectId: org.id,
      organisationId: org.id,
      details: wasVerified ? { previouslyVerified: true } : {},
    });
    await audit(tx, {
      actorId: actor.id,
      action: "membership.add",
      subjectType: "membership",
      subjectId: membership.id,
      organisationId: org.id,
      details: { userId: actor.id, role: "owner", via: "claim" },
    });
    // Nobody would otherwise know a claim is waiting until they happened to open the dashboard.
    await tellHubOrganisers(
      tx,
      org,
      "council-claimed",
      { organisationName: org.name, claimantName: actor.displayName, link: absoluteUrl("/hub") },
      actor.id,
    );
    return { name: org.name, slug: org.slug };
  });
}

async function lockPendingClaim(tx: Tx, actor: Actor, councilId: string) {
  const org = await lockOrganisation(tx, councilId);
  await organisationPolicyIn(tx).authorize(actor, "verify_council", org);
  if (!org.claimedById || org.verifiedAt) {
    throw conflict(`There is no claim waiting for ${org.name} any more. Someone may have decided it already.`, "councilId");
  }
  // Four eyes: whoever claimed a council cannot also vouch for themselves.
  if (org.claimedById === actor.id) throw forbidden("You claimed this council yourself, so another hub organiser must decide on it.");
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

/**
 * The claimant takes back a claim nobody has decided yet (they do not work there after all, or
 * claimed the wrong council): their ownership goes and the council can be claimed again.
 */
export async function withdrawClaim(actor: Actor, councilId: string) {
  return prisma.$transaction(async (tx) => {
    const org = await lockOrganisation(tx, councilId);
    // Only the claimant may, but to anyone else (or after a decision) it is the state that
    // stops it: there is no claim of theirs to withdraw.
    if (!(await organisationPolicyIn(tx).may(actor, "withdraw_claim", org))) {
      throw conflict(`You have no claim to ${org.name} waiting for a decision.`);
    }
    const membership = await tx.membership.findUnique({
      where: { userId_organisationId: { userId: actor.id, organisationId: org.id } },
      select: { id: true, role: true },
    });
    // Someone the claimant invited meanwhile would otherwise be left in an unclaimed council.
    const others = await tx.membership.count({ where: { organisationId: org.id, NOT: { userId: actor.id } } });
    if (others > 0) throw conflict(`Others have joined ${org.name} through you. Hand over ownership before you withdraw.`);
    if (membership) await tx.membership.delete({ where: { id: membership.id } });
    await tx.organisation.update({ where: { id: org.id }, data: { claimedAt: null, claimedById: null } });
    await audit(tx, {
      actorId: actor.id,
      action: "council.withdraw_claim",
      subjectType: "organisation",
      subjectId: org.id,
      organisationId: org.id,
    });
    if (membership) {
      await audit(tx, {
        actorId: actor.id,
        action: "membership.remove",
        subjectType: "membership",
        subjectId: membership.id,
        organisationId: org.id,
        details: { userId: actor.id, role: membership.role, via: "claim withdrawn" },
      });
    }
    return { name: org.name, slug: org.slug };
  });
}

/** A hub organiser (or admin) turns the claim down: the claimant leaves and the claim is cleared. */
export async function rejectClaim(actor: Actor, councilId: string, comment: string) {
  const reason = checked(z.object({ comment: claimComment }), { comment }).comment;
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
 * claim for a platform admin. Each names the claimant and their address, for the organiser
 * who checks that they work there.
 */
export async function claimsAwaiting(actor: Actor) {
  await organisationPolicy.authorize(actor, "use_hub_dashboard", NONE);
  let where: Prisma.OrganisationWhereInput = { kind: "council", claimedById: { not: null }, verifiedAt: null };
  if (!actor.isAdmin) {
    const hubs = await prisma.organisation.findMany({
      where: { kind: "hub", memberships: { some: { userId: actor.id } } },
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
      region: true,
      claimedAt: true,
      claimedBy: { select: { id: true, displayName: true, email: true, kind: true } },
    },
  });
  return councils.map(({ claimedBy, ...council }) => ({
    ...council,
    claimant: claimedBy && { displayName: claimedBy.displayName, email: claimedBy.email, kind: claimedBy.kind },
    ownClaim: claimedBy?.id === actor.id,
  }));
}

/**
 * Claims of this person that hub organisers turned down, newest first, with the organiser's
 * comment: the claimant leaves the council, so this is their trace of what happened and why.
 */
export async function rejectedClaimsOf(actor: Actor) {
  const entries = await prisma.auditLog.findMany({
    where: { action: "organisation.reject_claim", details: { path: ["claimantId"], equals: actor.id } },
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
