import getPort from "get-port";
import { beforeAll, expect, test } from "vitest";
import type { Actor } from "~/models/platform/actor";

// Meilisearch unreachable (nothing listens on its port): pages still list organisations from
// PostgreSQL, say so, and writes still succeed and queue for later.

beforeAll(async () => {
  process.env.MEILI_URL = `http://127.0.0.1:${await getPort()}`;
});

/** Organisations are added by platform administrators; this one is made once, for both tests. */
let admin: Actor | undefined;
async function anAdmin(): Promise<Actor> {
  const { makeUser } = await import("../support/world");
  admin ??= { ...(await makeUser("admin@example.org", { isAdmin: true })), sessionId: "" };
  return admin;
}

test("the organisations list falls back to PostgreSQL and says search is limited", async () => {
  const { seedReferenceData } = await import("~/models/platform/seed.server");
  const { searchOrganisations, createOrganisation } = await import("~/models/organisations/organisation.server");
  const { prisma } = await import("~/services/db.server");
  await seedReferenceData();
  const admin = await anAdmin();

  const result = await searchOrganisations({ q: "york", page: 1 });
  expect(result.degraded).toBe(true);
  expect(result.hits.map((h) => h.name)).toEqual(expect.arrayContaining(["York", "North Yorkshire"]));

  const wales = await searchOrganisations({ q: "", region: "Wales", page: 1 });
  expect(wales.total).toBe(22);
  expect(wales.regions.find((r) => r.name === "Wales")?.count).toBe(22);

  const created = await createOrganisation(admin, { name: "Offline Data Circle", kind: "community" });
  expect(await prisma.searchOutbox.count({ where: { documentId: created.id, processedAt: null } })).toBe(1);
});

test("the fallback lists what the page shows of each organisation, not who claimed or verified it", async () => {
  const { searchOrganisations } = await import("~/models/organisations/organisation.server");
  const { prisma } = await import("~/services/db.server");
  const admin = await anAdmin();
  await prisma.organisation.update({
    where: { localAuthorityCode: "YOR" },
    data: { claimedById: admin.id, claimedAt: new Date(), verifiedById: admin.id, verifiedAt: new Date() },
  });
  const { hits } = await searchOrganisations({ q: "york", page: 1 });
  expect(hits.find((hit) => hit.name === "York")).toMatchObject({ verified: true, region: "Yorkshire and The Humber" });
  expect(JSON.stringify(hits)).not.toContain(admin.id);
});

test("in the fallback, % _ and \\ in a search are plain characters, not wildcards", async () => {
  const { searchOrganisations, createOrganisation } = await import("~/models/organisations/organisation.server");
  const admin = await anAdmin();
  const percent = await createOrganisation(admin, { name: "100% Open Data Club", kind: "community" });
  const backslash = await createOrganisation(admin, { name: "Slash\\Dot Hackspace", kind: "community" });

  const names = async (q: string) => (await searchOrganisations({ q, page: 1 })).hits.map((hit) => hit.id);
  expect(await names("%")).toEqual([percent.id]);
  expect(await names("_")).toEqual([]);
  expect(await names("100%")).toEqual([percent.id]);
  expect(await names("\\")).toEqual([backslash.id]);
  expect(await names("dot\\")).toEqual([]);
});
