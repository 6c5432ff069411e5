import type { Actor } from "~/models/platform/actor";
import { z } from "zod";
import { audit } from "~/models/platform/audit.server";
import { queueMail, type MailData } from "~/models/platform/mail.server";
import { lockOrganisation, RuleError, type Tx } from "~/models/organisations/membership.server";
import { containsText, prisma } from "~/services/db.server";

// Data hubs. A hub's members are its organisers. A hub serves every council in the regions it
// names, plus councils it adds one by one; its organisers verify those councils' claims.
// What a hub serves is not part of any search document, so no search change is recorded.

export const councilSearchInput = z.object({ q: z.string().trim().max(100).catch("") });

export async function hubsOrganisedBy(userId: string) {
  return prisma.organisation.findMany({
    where: { kind: "hub", memberships: { some: { userId } } },
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true, servesRegions: true, _count: { select: { servedCouncils: true } } },
  });
}

export async function getHubBySlug(slug: string) {
  return prisma.organisation.findFirst({
    where: { slug, kind: "hub" },
    select: { id: true, slug: true, name: true, kind: true, region: true, servesRegions: true },
  });
}

/** The regions of the council register, for the hub's checkboxes. */
export async function councilRegions() {
  const rows = await prisma.organisation.findMany({
    where: { kind: "council", region: { not: null } },
    distinct: ["region"],
    orderBy: { region: "asc" },
    select: { region: true },
  });
  return rows.map((row) => row.region).filter((region): region is string => region !== null);
}

export async function listHubCouncils(hubId: string) {
  const rows = await prisma.hubCouncil.findMany({
    where: { hubId },
    orderBy: { council: { name: "asc" } },
    select: { council: { select: { id: true, slug: true, name: true, region: true } } },
  });
  return rows.map((row) => row.council);
}

/** Councils whose name matches `q`, that the hub does not already serve by choice. */
export async function findCouncilsToAdd(hubId: string, q: string) {
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

export const regionsInput = z.object({
  regions: z.array(z.string().trim().min(1).max(100)).max(50, "Choose fewer regions"),
});

export async function setHubRegions(actor: Actor, hubId: string, regions: string[]) {
  const known = new Set(await councilRegions());
  const chosen = [...new Set(regions)];
  const unknown = chosen.filter((region) => !known.has(region));
  if (unknown.length > 0)
    throw new RuleError(`Nettle does not know the region “${unknown[0]}”.`, { field: "regions", status: 400 });
  chosen.sort((a, b) => a.localeCompare(b));
  return prisma.$transaction(async (tx) => {
    const hub = await lockHub(tx, hubId);
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

async function lockHub(tx: Tx, hubId: string) {
  const hub = await lockOrganisation(tx, hubId);
  if (hub.kind !== "hub") throw new RuleError(`${hub.name} is not a data hub.`, { status: 400 });
  return hub;
}

export async function addHubCouncil(actor: Actor, hubId: string, councilId: string) {
  return prisma.$transaction(async (tx) => {
    const hub = await lockHub(tx, hubId);
    const council = await tx.organisation.findUnique({
      where: { id: councilId },
      select: { id: true, name: true, kind: true },
    });
    if (council?.kind !== "council")
      throw new RuleError("Choose a council to add.", { field: "councilId", status: 400 });
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
    const hub = await lockHub(tx, hubId);
    const link = await tx.hubCouncil.findUnique({
      where: { hubId_councilId: { hubId: hub.id, councilId } },
      select: { council: { select: { id: true, name: true } } },
    });
    if (!link) throw new RuleError(`${hub.name} does not serve that council by choice.`, { field: "councilId" });
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

/** For `scripts/make-organiser.ts`: makes an existing account an organiser (owner) of a hub. */
export async function addHubOrganiser(email: string, hubSlug: string) {
  const address = email.trim().toLowerCase();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email: address },
      select: { id: true, displayName: true, deletedAt: true },
    });
    if (!user || user.deletedAt)
      throw new RuleError(`No Nettle account uses ${address}. The person must sign up first.`, { status: 404 });
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
      throw new RuleError(`There is no organisation with the slug “${hubSlug}”.${known}`, { status: 404 });
    }
    if (org.kind !== "hub") throw new RuleError(`${org.name} is a ${org.kind}, not a data hub.`, { status: 400 });
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
