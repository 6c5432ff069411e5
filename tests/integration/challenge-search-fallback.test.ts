import getPort from "get-port";
import { beforeAll, expect, test } from "vitest";

// Meilisearch unreachable (nothing listens on its port): the challenges list still answers from
// PostgreSQL, with the same filters, facet counts and synonyms, and says search is limited.

beforeAll(async () => {
  process.env.MEILI_URL = `http://127.0.0.1:${await getPort()}`;
});

test("the challenges list falls back to PostgreSQL with the same filters", async () => {
  const { seedReferenceData } = await import("~/models/platform/seed.server");
  const { prisma } = await import("~/services/db.server");
  const { makeChallenge } = await import("../support/challenge-search-fixtures");
  const { loader } = await import("~/routes/challenges._index");
  const { context, getRequest } = await import("../support/http");
  await seedReferenceData();

  const leeds = await prisma.organisation.findUniqueOrThrow({ where: { localAuthorityCode: "LDS" } });
  const london = await prisma.organisation.findFirstOrThrow({
    where: { kind: "council", region: "London" },
    orderBy: { name: "asc" },
  });
  const flood = await makeChallenge({
    organisationId: leeds.id,
    title: "Mapping flood risk to homes",
    themes: ["Environment and climate", "Housing"],
    essential: ["Geospatial analysis"],
    deadline: "2026-09-01",
    publishedAt: "2026-01-10T09:00:00Z",
  });
  const repairs = await makeChallenge({
    organisationId: leeds.id,
    title: "Housing repair backlog",
    status: "in_progress",
    themes: ["Housing"],
    essential: ["SQL"],
    publishedAt: "2026-02-01T09:00:00Z",
  });
  const buses = await makeChallenge({
    organisationId: london.id,
    title: "Bus punctuality on school routes",
    themes: ["Transport"],
    essential: ["Statistical analysis"],
    deadline: "2026-06-01",
    publishedAt: "2026-03-01T09:00:00Z",
    datasets: [
      {
        title: "Bus arrival times",
        licence: "ogl",
        sensitivity: "official",
        personalData: false,
        dpia: "not_needed",
        accessRoute: "open_download",
      },
    ],
  });
  await makeChallenge({
    organisationId: leeds.id,
    title: "Secret housing draft",
    status: "draft",
    themes: ["Housing"],
  });
  await makeChallenge({
    organisationId: leeds.id,
    title: "Withdrawn housing idea",
    status: "withdrawn",
    themes: ["Housing"],
  });

  const list = (query: string) => loader({ request: getRequest(`/challenges?${query}`), params: {}, context });
  const ids = (data: Awaited<ReturnType<typeof list>>) => data.result.hits.map((h) => h.id);

  const all = await list("");
  expect(all.result.degraded).toBe(true);
  expect(ids(all)).toEqual([buses.id, repairs.id, flood.id]);
  expect(all.result.facets.themes).toEqual([
    { value: "Environment and climate", count: 1 },
    { value: "Housing", count: 2 },
    { value: "Transport", count: 1 },
  ]);
  expect(all.result.facets.statuses).toEqual([
    { value: "open", count: 2 },
    { value: "in_progress", count: 1 },
  ]);
  expect(all.result.facets.sensitivities).toEqual([
    { value: "none", count: 2 },
    { value: "official", count: 1 },
  ]);

  const narrowed = await list("theme=Housing&region=Yorkshire+and+The+Humber");
  expect(narrowed.result.degraded).toBe(true);
  expect(ids(narrowed).sort()).toEqual([flood.id, repairs.id].sort());
  expect((await list("theme=Housing&region=London")).result.total).toBe(0);

  const transport = await list("theme=Transport");
  expect(ids(transport)).toEqual([buses.id]);
  expect(transport.result.facets.themes.find((t) => t.value === "Housing")?.count).toBe(2);
  expect(transport.result.facets.regions).toEqual([{ value: "London", count: 1 }]);

  // Skill synonyms come from the skills table, so "GIS" still finds geospatial analysis.
  expect(ids(await list("q=GIS"))).toEqual([flood.id]);
  expect(ids(await list("q=housing"))).toEqual([repairs.id, flood.id]);
  expect(ids(await list("q=secret"))).toEqual([]);
  expect(ids(await list("sort=closing-soon"))).toEqual([buses.id, flood.id, repairs.id]);
  expect(ids(await list("status=in_progress&sensitivity=none"))).toEqual([repairs.id]);
});

test("in the fallback, % _ and \\ in a search are plain characters, not wildcards", async () => {
  const { prisma } = await import("~/services/db.server");
  const { makeChallenge } = await import("../support/challenge-search-fixtures");
  const { loader } = await import("~/routes/challenges._index");
  const { context, getRequest } = await import("../support/http");
  const leeds = await prisma.organisation.findUniqueOrThrow({ where: { localAuthorityCode: "LDS" } });
  const bins = await makeChallenge({ organisationId: leeds.id, title: "Cut missed bin collections by 50%", themes: ["Waste and recycling"] });
  const paths = await makeChallenge({ organisationId: leeds.id, title: "Clean up C:\\shared\\paths in the asset register", themes: ["Housing"] });

  const search = async (q: string) =>
    (await loader({ request: getRequest(`/challenges?q=${encodeURIComponent(q)}`), params: {}, context })).result;
  const percent = await search("%");
  expect(percent.degraded).toBe(true);
  expect(percent.hits.map((h) => h.id)).toEqual([bins.id]);
  expect((await search("_")).total).toBe(0);
  expect((await search("50%")).hits.map((h) => h.id)).toEqual([bins.id]);
  expect((await search("\\")).hits.map((h) => h.id)).toEqual([paths.id]);
  expect((await search("paths\\")).total).toBe(0);
});
