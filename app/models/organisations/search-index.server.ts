import type { Prisma } from "~/generated/prisma/client";
import type { SearchIndex } from "~/models/platform/search-index";

// The organisations index: every organisation, found by name, codes and region.

const organisationSelect = {
  id: true,
  slug: true,
  name: true,
  officialName: true,
  kind: true,
  gssCode: true,
  localAuthorityCode: true,
  nation: true,
  region: true,
  councilType: true,
  councilTypeName: true,
  population: true,
  verifiedAt: true,
} satisfies Prisma.OrganisationSelect;

type OrganisationRow = Prisma.OrganisationGetPayload<{ select: typeof organisationSelect }>;

export type OrganisationDocument = ReturnType<typeof organisationDocument>;

function organisationDocument({ verifiedAt, ...org }: OrganisationRow) {
  return { ...org, verified: verifiedAt !== null };
}

export const organisationsIndex = {
  key: "organisations",
  primaryKey: "id",
  settings: () => ({
    searchableAttributes: ["name", "officialName", "localAuthorityCode", "gssCode", "region", "nation", "councilTypeName"],
    filterableAttributes: ["kind", "region", "nation", "verified", "councilType"],
    sortableAttributes: ["name", "population"],
    displayedAttributes: ["*"],
    // Place names are short: allow one typo from four letters ("Leds" finds Leeds). Codes are
    // exact: with typos, E08000035 would also find E08000034, E08000036 and dozens more.
    typoTolerance: {
      minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
      disableOnAttributes: ["gssCode", "localAuthorityCode"],
    },
  }),
  source: {
    async byIds(db, ids) {
      const rows = await db.organisation.findMany({ where: { id: { in: ids } }, select: organisationSelect });
      return rows.map(organisationDocument);
    },
    async page(db, afterId, take) {
      const rows = await db.organisation.findMany({
        where: afterId ? { id: { gt: afterId } } : {},
        orderBy: { id: "asc" },
        take,
        select: organisationSelect,
      });
      return rows.map(organisationDocument);
    },
    count: (db) => db.organisation.count(),
  },
} as const satisfies SearchIndex<"organisations">;
