import { z } from "zod";
import type { OrganisationKind, Prisma } from "~/generated/prisma/client";
import type { CouncilRecord } from "~/models/organisations/council-register.server";
import { checked } from "~/models/organisations/internal/checked";
import { organisationRef } from "~/models/organisations/internal/organisation-row.server";
import { organisationKinds, type CouncilState } from "~/models/organisations/labels";
import { organisationPolicy } from "~/models/organisations/policy.server";
import { organisationInput, type OrganisationInput } from "~/models/organisations/schemas";
import type { OrganisationDocument } from "~/models/organisations/search-index.server";
import type { Actor } from "~/models/platform/actor";
import { notFound } from "~/models/platform/errors";
import { membershipRole, NONE } from "~/models/platform/policy.server";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { uniqueSlug } from "~/models/platform/slug.server";
import { containsText, prisma } from "~/services/db.server";
import { renderMarkdown } from "~/services/markdown.server";
import { getSearch } from "~/services/search.server";

/** A free slug for an organisation called `name`; `suffixes` are tried first when it is taken. */
function organisationSlug(tx: Prisma.TransactionClient, name: string, suffixes: string[] = []) {
  return uniqueSlug(tx, "organisations", name, {
    suffixes,
    taken: async (candidates) =>
      (await tx.organisation.findMany({ where: { slug: { in: candidates } }, select: { slug: true } })).map((o) => o.slug),
  });
}

export interface RegisterSyncResult {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Brings council organisations in line with the register: creates missing councils
 * (unverified) and updates names, codes and populations that changed. Safe to run repeatedly.
 * Verification and anything people added are never touched. A system function (start-up
 * seeding, no actor): the register is the authority here, not a person.
 */
export async function syncCouncilsFromRegister(records: CouncilRecord[]): Promise<RegisterSyncResult> {
  return prisma.$transaction(
    async (tx) => {
      const existing = await tx.organisation.findMany({
        where: { kind: "council", localAuthorityCode: { not: null } },
      });
      const byCode = new Map(existing.map((org) => [org.localAuthorityCode, org]));
      const changedIds: string[] = [];
      const result: RegisterSyncResult = { created: 0, updated: 0, unchanged: 0 };

      for (const record of records) {
        const fields = {
          name: record.name,
          officialName: record.officialName,
          gssCode: record.gssCode,
          nation: record.nation,
          region: record.region,
          councilType: record.councilType,
          councilTypeName: record.councilTypeName,
          population: record.population,
        };
        const current = byCode.get(record.localAuthorityCode);
        if (!current) {
          const created = await tx.organisation.create({
            data: {
              ...fields,
              kind: "council",
              localAuthorityCode: record.localAuthorityCode,
              slug: await organisationSlug(tx, record.name, [record.localAuthorityCode]),
            },
            select: { id: true },
          });
          changedIds.push(created.id);
          result.created++;
        } else if (Object.entries(fields).some(([key, value]) => current[key as keyof typeof fields] !== value)) {
          await tx.organisation.update({ where: { id: current.id }, data: fields });
          changedIds.push(current.id);
          result.updated++;
        } else {
          result.unchanged++;
        }
      }
      await recordSearchChange(tx, "organisations", changedIds);
      return result;
    },
    { timeout: 120_000 },
  );
}

/** Adds an organisation (platform administrators: no page does this yet, seeding and tests do). */
export async function createOrganisation(actor: Actor, input: OrganisationInput) {
  await organisationPolicy.authorize(actor, "create_organisation", NONE);
  const data = checked(organisationInput, input);
  return prisma.$transaction(async (tx) => {
    const org = await tx.organisation.create({
      data: { ...data, slug: await organisationSlug(tx, data.name) },
    });
    await recordSearchChange(tx, "organisations", [org.id]);
    return org;
  });
}

/** Changes an organisation's own details (its owners, or a platform administrator). */
export async function updateOrganisation(actor: Actor, id: string, patch: Partial<OrganisationInput>) {
  await organisationPolicy.authorize(actor, "edit", await organisationRef(id));
  const data = checked(organisationInput.partial(), patch);
  return prisma.$transaction(async (tx) => {
    const org = await tx.organisation.update({ where: { id }, data });
    await recordSearchChange(tx, "organisations", [org.id]);
    return org;
  });
}

export async function deleteOrganisation(actor: Actor, id: string) {
  await organisationPolicy.authorize(actor, "delete_organisation", await organisationRef(id));
  return prisma.$transaction(async (tx) => {
    await tx.organisation.delete({ where: { id } });
    await recordSearchChange(tx, "organisations", [id]);
  });
}

/**
 * An organisation's page, for anyone: its details, where a council's claim stands, and what
 * this person may do there (claim it, see its members).
 */
export async function organisationPage(actor: Actor | null, slug: string) {
  const org = await prisma.organisation.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      officialName: true,
      kind: true,
      gssCode: true,
      localAuthorityCode: true,
      region: true,
      nation: true,
      councilTypeName: true,
      population: true,
      description: true,
      verifiedAt: true,
      claimedAt: true,
      claimedById: true,
      verifiedBy: { select: { displayName: true, deletedAt: true } },
      _count: { select: { memberships: true } },
    },
  });
  if (!org) throw notFound();
  const [role, canClaim, canViewMembers] = await Promise.all([
    actor ? membershipRole(actor.id, org.id) : null,
    organisationPolicy.may(actor, "claim_council", org),
    organisationPolicy.may(actor, "view_members", org),
  ]);
  const { verifiedBy, _count, description, verifiedAt, claimedAt, claimedById, ...details } = org;
  return {
    ...details,
    descriptionHtml: description ? renderMarkdown(description) : null,
    verified: verifiedAt !== null,
    council:
      org.kind === "council"
        ? {
            state: (verifiedAt ? "verified" : claimedById ? "claimed" : "unclaimed") as CouncilState,
            verifiedAt,
            verifiedByName: verifiedBy ? (verifiedBy.deletedAt ? "a former member" : verifiedBy.displayName) : null,
            claimedAt,
            claimedByYou: actor !== null && claimedById === actor.id,
            represented: _count.memberships > 0,
          }
        : null,
    role,
    canClaim,
    canViewMembers,
  };
}

/** What the members page and the policy need to know about an organisation, by its slug. */
export async function findOrganisation(slug: string) {
  const org = await prisma.organisation.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, kind: true, region: true, verifiedAt: true },
  });
  if (!org) throw notFound();
  return org;
}

export const organisationSearchParams = z.object({
  q: z.string().trim().max(200).catch(""),
  kind: z.enum(organisationKinds).optional().catch(undefined),
  region: z.string().trim().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});

export type OrganisationSearch = z.infer<typeof organisationSearchParams>;

/** An organisation as the list shows it (and nothing more goes to the browser). */
export interface OrganisationHit {
  id: string;
  slug: string;
  name: string;
  /** The name with what matched in <mark>, from Meilisearch (escaped there). */
  highlightedName?: string;
  kind: OrganisationKind;
  councilTypeName: string | null;
  region: string | null;
  verified: boolean;
}

function listed(org: Omit<OrganisationHit, "highlightedName">, highlightedName?: string): OrganisationHit {
  const { id, slug, name, kind, councilTypeName, region, verified } = org;
  return { id, slug, name, kind, councilTypeName, region, verified, ...(highlightedName === undefined ? {} : { highlightedName }) };
}

export interface OrganisationSearchResult {
  hits: OrganisationHit[];
  total: number;
  page: number;
  perPage: number;
  totalPages: number;
  regions: { name: string; count: number }[];
  kinds: { kind: OrganisationKind; count: number }[];
  /** True when Meilisearch could not answer and the results came from PostgreSQL instead. */
  degraded: boolean;
}

const PER_PAGE = 20;

/** Searches organisations in Meilisearch; if it is unavailable, falls back to PostgreSQL. */
export async function searchOrganisations(params: OrganisationSearch): Promise<OrganisationSearchResult> {
  try {
    return await searchOrganisationsInMeilisearch(params);
  } catch (error) {
    console.warn(`search unavailable, using PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
    return searchOrganisationsInPostgres(params);
  }
}

function escapeFilterValue(value: string) {
  return JSON.stringify(value);
}

async function searchOrganisationsInMeilisearch(params: OrganisationSearch): Promise<OrganisationSearchResult> {
  const filter: string[] = [];
  if (params.kind) filter.push(`kind = ${escapeFilterValue(params.kind)}`);
  if (params.region) filter.push(`region = ${escapeFilterValue(params.region)}`);
  const response = await getSearch()
    .index<OrganisationDocument>("organisations")
    .search(params.q, {
      filter,
      page: params.page,
      hitsPerPage: PER_PAGE,
      facets: ["region", "kind"],
      sort: params.q ? undefined : ["name:asc"],
      attributesToHighlight: ["name"],
      highlightPreTag: "<mark>",
      highlightPostTag: "</mark>",
    });
  const facets = response.facetDistribution ?? {};
  return {
    hits: response.hits.map((hit) => listed(hit, hit._formatted?.name)),
    total: response.totalHits ?? 0,
    page: response.page ?? params.page,
    perPage: PER_PAGE,
    totalPages: response.totalPages ?? 0,
    regions: Object.entries(facets.region ?? {})
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    kinds: Object.entries(facets.kind ?? {}).map(([kind, count]) => ({ kind: kind as OrganisationKind, count })),
    degraded: false,
  };
}

async function searchOrganisationsInPostgres(params: OrganisationSearch): Promise<OrganisationSearchResult> {
  const words = params.q.split(/\s+/).filter(Boolean);
  const where: Prisma.OrganisationWhereInput = {
    AND: [
      ...words.map((word) => ({
        OR: [
          { name: containsText(word) },
          { officialName: containsText(word) },
          { localAuthorityCode: { equals: word.toUpperCase() } },
          { gssCode: { equals: word.toUpperCase() } },
          { region: containsText(word) },
        ],
      })),
      params.kind ? { kind: params.kind } : {},
    ],
  };
  const whereWithRegion: Prisma.OrganisationWhereInput = params.region ? { AND: [where, { region: params.region }] } : where;
  const [rows, total, regionGroups, kindGroups] = await Promise.all([
    prisma.organisation.findMany({
      where: whereWithRegion,
      orderBy: { name: "asc" },
      skip: (params.page - 1) * PER_PAGE,
      take: PER_PAGE,
      select: { id: true, slug: true, name: true, kind: true, councilTypeName: true, region: true, verifiedAt: true },
    }),
    prisma.organisation.count({ where: whereWithRegion }),
    prisma.organisation.groupBy({ by: ["region"], where, _count: { _all: true } }),
    prisma.organisation.groupBy({ by: ["kind"], where: whereWithRegion, _count: { _all: true } }),
  ]);
  return {
    hits: rows.map(({ verifiedAt, ...org }) => listed({ ...org, verified: verifiedAt !== null })),
    total,
    page: params.page,
    perPage: PER_PAGE,
    totalPages: Math.ceil(total / PER_PAGE),
    regions: regionGroups
      .filter((group) => group.region !== null)
      .map((group) => ({ name: group.region as string, count: group._count._all }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    kinds: kindGroups.map((group) => ({ kind: group.kind, count: group._count._all })),
    degraded: true,
  };
}
