import { beforeAll, expect, test } from "vitest";
import { seedReferenceData } from "~/models/platform/seed.server";
import { loadSkillGraph } from "~/models/taxonomy/graph.server";
import { loadSkillTaxonomy } from "~/models/taxonomy/skill-taxonomy.server";
import { syncSkillTaxonomy } from "~/models/taxonomy/skill.server";
import { prisma } from "~/services/db.server";

// The seed writes the skills graph from prisma/data/skills.yaml, and themes' everyday words.

beforeAll(async () => {
  await seedReferenceData();
});

test("tools and narrower methods imply their broader skills, nearest first", async () => {
  const graph = await loadSkillGraph();
  const id = (slug: string) => graph.bySlug.get(slug)!.id;
  const impliedSlugs = (slug: string) => graph.implied(id(slug)).map((i) => graph.skills.get(i.id)!.slug);
  expect(impliedSlugs("arcgis")).toEqual(["geospatial-analysis"]);
  expect(impliedSlugs("mysql")).toEqual(["sql"]);
  expect(impliedSlugs("logistic-regression")).toEqual(["regression", "statistical-analysis"]);
  expect(graph.implied(id("logistic-regression"))[1]!.via).toEqual([
    "Logistic regression",
    "Regression analysis",
    "Statistical analysis",
  ]);
  // Related skills are suggested together, never implied.
  expect(
    graph
      .related(id("hydrology"))
      .map((s) => s.slug)
      .sort(),
  ).toEqual(["environment-climate", "geospatial-analysis"]);
  expect(impliedSlugs("hydrology")).toEqual([]);
});

test("every link in the file is in the database once, and seeding again changes nothing", async () => {
  const taxonomy = loadSkillTaxonomy();
  const expected = taxonomy.skills.reduce((n, s) => n + s.broader.length + s.related.length, 0);
  expect(await prisma.skillLink.count()).toBe(expected);
  const again = await syncSkillTaxonomy(taxonomy);
  expect(again).toMatchObject({ created: 0, updated: 0, removed: 0, linksAdded: 0, linksRemoved: 0 });
});

test("a link dropped from the file goes, between skills nobody changed in the app", async () => {
  const taxonomy = loadSkillTaxonomy();
  const without = {
    ...taxonomy,
    skills: taxonomy.skills.map((s) => (s.slug === "qgis" ? { ...s, broader: [] } : s)),
  };
  expect((await syncSkillTaxonomy(without)).linksRemoved).toBe(1);
  const back = await syncSkillTaxonomy(taxonomy);
  expect(back.linksAdded).toBe(1);
  const graph = await loadSkillGraph();
  expect(graph.implied(graph.bySlug.get("qgis")!.id).map((i) => i.id)).toEqual([
    graph.bySlug.get("geospatial-analysis")!.id,
  ]);
});

test("themes carry their everyday words", async () => {
  const waste = await prisma.theme.findUniqueOrThrow({ where: { slug: "waste" } });
  expect(waste.synonyms).toEqual(expect.arrayContaining(["bins", "bin collections", "fly-tipping"]));
  const transport = await prisma.theme.findUniqueOrThrow({ where: { slug: "transport" } });
  expect(transport.synonyms).toEqual(expect.arrayContaining(["roads", "potholes", "buses"]));
});
