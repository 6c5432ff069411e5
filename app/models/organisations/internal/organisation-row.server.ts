import type { Prisma } from "~/generated/prisma/client";
import { notFound } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";

export type Tx = Prisma.TransactionClient;

/**
 * Locks the organisation's row for the rest of the transaction and returns what its rules
 * need. Every change to an organisation's members or claim takes this lock first, so two
 * owners acting at once (both leaving, say) are serialised and an organisation never ends up
 * without an owner.
 */
export async function lockOrganisation(tx: Tx, organisationId: string) {
  await tx.$queryRaw`SELECT id FROM organisations WHERE id = ${organisationId} FOR UPDATE`;
  const org = await tx.organisation.findUnique({
    where: { id: organisationId },
    select: { id: true, name: true, slug: true, kind: true, region: true, verifiedAt: true, claimedById: true },
  });
  if (!org) throw notFound("This organisation no longer exists.");
  return org;
}

/** What the policy needs to know about an organisation, read without a lock. */
export async function organisationRef(organisationId: string, db: Tx = prisma) {
  const org = await db.organisation.findUnique({
    where: { id: organisationId },
    select: { id: true, name: true, kind: true, region: true },
  });
  if (!org) throw notFound("This organisation no longer exists.");
  return org;
}
