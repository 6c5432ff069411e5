import { z } from "zod";
import { lockOrganisation, type Tx } from "~/models/organisations/internal/organisation-row.server";
import { organisationPolicy, organisationPolicyIn, type OrganisationRef } from "~/models/organisations/policy.server";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, invalid, notFound } from "~/models/platform/errors";
import { queueMail, type MailData } from "~/models/platform/mail.server";
import { containsText, prisma } from "~/services/db.server";

// Data hubs. A hub's members are its organisers. A hub serves every council in the regions it
// names, plus councils it adds one by one; its organisers verify those councils' claims.
// What a hub serves is not part of any search document, so no search change is recorded.

export const councilSearchInput = z.object({ q: z.string().trim().max(100).catch("") });

/** The hubs this person organises, for their dashboard. */
export async function hubsOrganisedBy(actor: Actor) {
  const hubs = await prisma.organisation.findMany({
    where: { kind: "hub", memberships: { some: { userId: actor.id } } },
    orderBy: { name: "asc" },
    select: { slug: true, name: true, servesRegions: true, _count: { select: { servedCouncils: true } } },
  });
  return hubs.map((hub) => ({ slug: hub.slug, name: hub.name, regions: hub.servesRegions, councils: hub._count.servedCouncils }));
}

export async function getHubBySlug(slug: string) {
  return prisma.organisation.findFirst({
    where: { slug, kind: "hub" },
    select: { id: true, slug: true, name: true, kind: true, region: true, servesRegions: true },
  });
}

/** The regions of the council register, for the hub's checkboxes. */
async function councilRegions(db: Tx = prisma) {
  const rows = await db.organisation.findMany({
    where: { kind: "council", region: { not: null } },
    distinct: ["region"],
    orderBy: { region: "asc" },
    select: { region: true },
  });
  return rows.map((row) => row.region).filter((region): region is string => region !== null);
}

/**
 * What a hub's councils page shows its organisers: the regions to choose from, the councils
 * chosen one by one, and councils matching `q` that could be added.
 */
export async function hubCouncilsPage(actor: Actor, hub: OrganisationRef & { slug: string; servesRegions: string[] }, q: string) {
  await organisationPolicy.authorize(actor, "manage_hub_councils", hub);
  const [regions, chosen, results] = await Promise.all([
    councilRegions(),
    prisma.hubCouncil.findMany({
      where: { hubId: hub.id },
      orderBy: { council: { name: "asc" } },
      select: { council: { select: { id: true, slug: true, name: true, region: true } } },
    }),
    findCouncilsToAdd(hub.id, q),
  ]);
  return {
    hub: { slug: hub.slug, name: hub.name, servesRegions: hub.servesRegions },
    regions,
    councils: chosen.map((row) => row.council),
    q,
    results,
  };
}

/** Councils whose name matches `q`, that the hub does not already serve by choice. */
async function findCouncilsToAdd(hubId: string, q: string) {
  if (!q) return [];
  return prisma.organisation.findMany({
    where: {
      kind: "council",
      OR: [{ name: containsText(q) }, { officialName: containsText(q) }],
      servedByHubs: { none: { hubId } },
    },
    orderBy: { name: "asc" },
    take: 20,
    select: { id: true, name: true, region: true },
  });
}

/** The organiser chooses the regions whose councils the hub serves (every region at once). */
export async function setHubRegions(actor: Actor, hubId: string, regions: string[]) {
  return prisma.$transaction(async (tx) => {
    const hub = await lockHub(tx, actor, hubId);
    const known = new Set(await councilRegions(tx));
    const chosen = [...new Set(regions)];
    const unknown = chosen.find((region) => !known.has(region));
    if (unknown !== undefined) throw invalid(`Nettle does not know the region “${unknown}”.`, "regions");
    chosen.sort((a, b) => a.localeCompare(b));
    const before = await tx.organisation.findUniqueOrThrow({ where: { id: hub.id }, select: { servesRegions: true } });
    const added = chosen.filter((region) => !before.servesRegions.includes(region));
    const removed = before.servesRegions.filter((region) => !chosen.includes(region));
    if (added.length === 0 && removed.length === 0) return { changed: false };
    await tx.organisation.update({ where: { id: hub.id }, data: { servesRegions: chosen } });
    await audit(tx, {
      actorId: actor.id,
      action: "hub.change_regions",
      subjectType: "organisation",
      subjectId: hub.id,
      organisationId: hub.id,
      details: { added, removed },
    });
    return { changed: true };
  });
}

/** Locks the hub's row and checks, under the lock, that `actor` may change what it serves. */
async function lockHub(tx: Tx, actor: Actor, hubId: string) {
  const hub = await lockOrganisation(tx, hubId);
  // The policy also refuses an organisation that is not a hub.
  await organisationPolicyIn(tx).authorize(actor, "manage_hub_councils", hub);
  return hub;
}

export async function addHubCouncil(actor: Actor, hubId: string, councilId: string) {
  return prisma.$transaction(async (tx) => {
    const hub = await lockHub(tx, actor, hubId);
    const council = await tx.organisation.findUnique({
      where: { id: councilId },
      select: { id: true, name: true, kind: true },
    });
    if (council?.kind !== "council") throw invalid("Choose a council to add.", "councilId");
    const existing = await tx.hubCouncil.findUnique({ where: { hubId_councilId: { hubId: hub.id, councilId } } });
    if (existing) return { changed: false, name: council.name };
    await tx.hubCouncil.create({ data: { hubId: hub.id, councilId } });
    await audit(tx, {
      actorId: actor.id,
      action: "hub.add_council",
      subjectType: "organisation",
      subjectId: council.id,
      organisationId: hub.id,
      details: { hubId: hub.id, councilName: council.name },
    });
    return { changed: true, name: council.name };
  });
}

export async function removeHubCouncil(actor: Actor, hubId: string, councilId: string) {
  return prisma.$transaction(async (tx) => {
    const hub = await lockHub(tx, actor, hubId);
    const link = await tx.hubCouncil.findUnique({
      where: { hubId_councilId: { hubId: hub.id, councilId } },
      select: { council: { select: { id: true, name: true } } },
    });
    if (!link) throw conflict(`${hub.name} does not serve that council by choice.`, "councilId");
    await tx.hubCouncil.delete({ where: { hubId_councilId: { hubId: hub.id, councilId } } });
    await audit(tx, {
      actorId: actor.id,
      action: "hub.remove_council",
      subjectType: "organisation",
      subjectId: link.council.id,
      organisationId: hub.id,
      details: { hubId: hub.id, councilName: link.council.name },
    });
    return { name: link.council.name };
  });
}

/**
 * A command-line function (`scripts/make-organiser.ts`, demo seeding): makes an existing
 * account an organiser (owner) of a hub. No actor and no policy: whoever runs it already has
 * the server (see Actor), and a new hub has nobody who could invite its first organiser.
 */
export async function addHubOrganiser(email: string, hubSlug: string) {
  const address = email.trim().toLowerCase();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email: address },
      select: { id: true, displayName: true, deletedAt: true },
    });
    if (!user || user.deletedAt) throw notFound(`No Nettle account uses ${address}. The person must sign up first.`);
    const org = await tx.organisation.findUnique({
      where: { slug: hubSlug },
      select: { id: true, name: true, kind: true },
    });
    if (!org) {
      const hubs = await tx.organisation.findMany({
        where: { kind: "hub" },
        select: { slug: true },
        orderBy: { slug: "asc" },
        take: 20,
      });
      const known = hubs.length > 0 ? ` Hubs: ${hubs.map((hub) => hub.slug).join(", ")}.` : " There are no hubs yet.";
      throw notFound(`There is no organisation with the slug “${hubSlug}”.${known}`);
    }
    if (org.kind !== "hub") throw invalid(`${org.name} is a ${org.kind}, not a data hub.`);
    await lockOrganisation(tx, org.id);
    const existing = await tx.membership.findUnique({
      where: { userId_organisationId: { userId: user.id, organisationId: org.id } },
      select: { role: true },
    });
    if (existing) return { changed: false, displayName: user.displayName, hubName: org.name, role: existing.role };
    const membership = await tx.membership.create({
      data: { userId: user.id, organisationId: org.id, role: "owner" },
      select: { id: true },
    });
    await audit(tx, {
      actorId: null,
      action: "membership.add",
      subjectType: "membership",
      subjectId: membership.id,
      organisationId: org.id,
      details: { userId: user.id, role: "owner", via: "command line" },
    });
    return { changed: true, displayName: user.displayName, hubName: org.name, role: "owner" as const };
  });
}

/** Organisers (members) of every hub that serves `council`, who can still be emailed. */
export async function organisersServing(db: Tx | typeof prisma, council: { id: string; region: string | null }) {
  const users = await db.user.findMany({
    where: {
      deletedAt: null,
      email: { not: null },
      memberships: {
        some: {
          organisation: {
            kind: "hub",
            OR: [
              ...(council.region ? [{ servesRegions: { has: council.region } }] : []),
              { servedCouncils: { some: { councilId: council.id } } },
            ],
          },
        },
      },
    },
    orderBy: { id: "asc" },
    select: { id: true, email: true, displayName: true },
  });
  return users.flatMap((u) => (u.email ? [{ id: u.id, email: u.email, name: u.displayName }] : []));
}

type HubNotice = "council-claimed" | "challenge-submitted" | "challenge-changed" | "data-card-change";

/**
 * Emails every organiser of the hubs serving `council` (except `exceptUserId`, who caused it)
 * in the caller's transaction, so a message exists only if the change it describes committed.
 */
export async function tellHubOrganisers<T extends HubNotice>(
  tx: Tx,
  council: { id: string; region: string | null },
  template: T,
  data: Omit<MailData[T], "name">,
  exceptUserId?: string,
) {
  const organisers = await organisersServing(tx, council);
  for (const organiser of organisers) {
    if (organiser.id === exceptUserId) continue;
    await queueMail(tx, organiser.email, template, { ...data, name: organiser.name } as MailData[T]);
  }
}
