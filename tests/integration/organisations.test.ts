import { beforeAll, describe, expect, test } from "vitest";
import { readCouncilRegister } from "~/models/organisations/council-register.server";
import { searchOrganisations, syncCouncilsFromRegister } from "~/models/organisations/organisation.server";
import { drainSearchOutbox } from "~/models/platform/search-outbox.server";
import { fillEmptyIndexes, rebuildIndex } from "~/models/platform/search-reindex.server";
import { seedDemoData, seedReferenceData } from "~/models/platform/seed.server";
import { loader as organisationsLoader } from "~/routes/organisations._index";
import { prisma } from "~/services/db.server";
import { getSearch } from "~/services/search.server";
import { applySearchSettings } from "~/models/platform/search-reindex.server";

const search = (q: string, extra: Partial<{ kind: "council"; region: string; page: number }> = {}) =>
  searchOrganisations({ q, page: 1, ...extra });

beforeAll(async () => {
  await applySearchSettings();
  await seedReferenceData();
  await seedDemoData();
  await drainSearchOutbox();
});

describe("councils from the register", () => {
  test("every current council is an unverified organisation with its official codes", async () => {
    const councils = await prisma.organisation.findMany({ where: { kind: "council" } });
    expect(councils).toHaveLength(readCouncilRegister().length);
    expect(councils).toHaveLength(397);
    const york = councils.find((c) => c.localAuthorityCode === "YOR");
    expect(york).toMatchObject({ name: "York", officialName: "City of York Council", gssCode: "E06000014", region: "Yorkshire and The Humber", nation: "England" });
    const unverified = councils.filter((c) => c.verifiedAt === null);
    expect(unverified.length).toBe(397); // verification needs someone who represents the council
  });

  test("seeding again changes nothing and queues no search work", async () => {
    const before = await prisma.searchOutbox.count();
    const again = await seedReferenceData();
    await seedDemoData();
    expect(again.councils).toEqual({ created: 0, updated: 0, unchanged: 397 });
    expect(again.skills.created + again.skills.updated + again.skills.removed).toBe(0);
    expect(await prisma.searchOutbox.count()).toBe(before);
  });

  test("a changed register entry updates the council, keeping its verification", async () => {
    const verifiedAt = new Date("2026-01-02T03:04:05Z");
    await prisma.organisation.update({ where: { localAuthorityCode: "LDS" }, data: { verifiedAt } });
    const records = readCouncilRegister().map((r) => (r.localAuthorityCode === "LDS" ? { ...r, population: 800_000 } : r));
    const result = await syncCouncilsFromRegister(records);
    expect(result).toEqual({ created: 0, updated: 1, unchanged: 396 });
    const leeds = await prisma.organisation.findUniqueOrThrow({ where: { localAuthorityCode: "LDS" } });
    expect(leeds.population).toBe(800_000);
    expect(leeds.verifiedAt).toEqual(verifiedAt);
  });
});

describe("finding organisations", () => {
  test("finds a council by name, tolerating a typo, with the match highlighted", async () => {
    const exact = await search("Sheffield");
    expect(exact.degraded).toBe(false);
    expect(exact.hits[0]?.name).toBe("Sheffield");
    expect(exact.hits[0]?.highlightedName).toBe("<mark>Sheffield</mark>");
    const typo = await search("Shefield");
    expect(typo.hits.map((h) => h.name)).toContain("Sheffield");
  });

  test("finds a council by its GSS or local-authority code", async () => {
    expect((await search("E06000014")).hits[0]?.name).toBe("York");
    expect((await search("YOR")).hits.map((h) => h.name)).toContain("York");
  });

  test("an exact GSS code finds that one council, not the dozens a typo away", async () => {
    const leeds = await search("E08000035");
    expect(leeds.hits.map((h) => h.name)).toEqual(["Leeds"]);
    expect(leeds.total).toBe(1);
  });

  test("filters by kind and region, with facet counts that add up", async () => {
    const wales = await search("", { region: "Wales" });
    expect(wales.total).toBe(22);
    expect(wales.hits.every((h) => h.region === "Wales")).toBe(true);
    const all = await search("");
    const regionTotal = all.regions.reduce((sum, r) => sum + r.count, 0);
    const withRegion = await prisma.organisation.count({ where: { region: { not: null } } });
    expect(regionTotal).toBe(withRegion);
    expect(all.kinds.find((k) => k.kind === "council")?.count).toBe(397);
    expect(all.kinds.find((k) => k.kind === "hub")?.count).toBe(1);
  });

  test("pages through results 20 at a time, in name order without a query", async () => {
    const first = await search("", { kind: "council" });
    const second = await search("", { kind: "council", page: 2 });
    expect(first.total).toBe(397);
    expect(first.totalPages).toBe(20);
    expect(first.hits).toHaveLength(20);
    const names = [...first.hits, ...second.hits].map((h) => h.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    expect(new Set(names).size).toBe(40);
  });

  test("the organisations page loader ignores nonsense parameters instead of failing", async () => {
    const response = await organisationsLoader({
      request: new Request("http://localhost/organisations?page=-4&kind=dragon&q=" + "x".repeat(500)),
      params: {},
      context: { cspNonce: "", clientIp: "203.0.113.1" },
    });
    expect(response.params).toEqual({ q: "", kind: undefined, region: undefined, page: 1 });
  });
});

describe("reindex", () => {
  test("rebuilds an index that drifted from the database and swaps it in", async () => {
    const index = getSearch().index("organisations");
    const stray = await index.addDocuments([{ id: "stray", name: "Not In The Database", kind: "hub" }]).waitTask();
    expect(stray.status).toBe("succeeded");
    const york = await prisma.organisation.findUniqueOrThrow({ where: { localAuthorityCode: "YOR" } });
    await index.deleteDocument(york.id).waitTask();

    const result = await rebuildIndex("organisations");

    expect(result.documents).toBe(await prisma.organisation.count());
    const stats = await index.getStats();
    expect(stats.numberOfDocuments).toBe(result.documents);
    expect((await search("Not In The Database")).hits.map((h) => h.id)).not.toContain("stray");
    expect((await search("York")).hits.map((h) => h.id)).toContain(york.id);
    const { results } = await getSearch().client.getIndexes({ limit: 100 });
    expect(results.filter((i) => i.uid.includes("_rebuild_"))).toEqual([]);
  });

  test("at start, an empty index is filled from PostgreSQL unless the worker has changes queued for it", async () => {
    const index = getSearch().index("organisations");
    await index.deleteAllDocuments().waitTask();
    const pending = await prisma.organisation.create({ data: { slug: "queued-org", name: "Queued Org", kind: "community" } });
    await prisma.searchOutbox.create({ data: { indexName: "organisations", documentId: pending.id } });
    expect(await fillEmptyIndexes()).toEqual([]);

    await drainSearchOutbox();
    await index.deleteAllDocuments().waitTask();
    const rebuilt = await fillEmptyIndexes();
    const total = await prisma.organisation.count();
    expect(rebuilt).toEqual([{ key: "organisations", documents: total }]);
    expect((await index.getStats()).numberOfDocuments).toBe(total);
  });
});
