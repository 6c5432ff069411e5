import getPort from "get-port";
import { beforeAll, expect, test } from "vitest";

// Meilisearch unreachable (nothing listens on its port): the profile page's skill search still
// finds skills, by part of a name or of another name for one, from PostgreSQL, and says search
// is simpler for now; adding the skill still works.

beforeAll(async () => {
  process.env.MEILI_URL = `http://127.0.0.1:${await getPort()}`;
});

test("the skill search falls back to PostgreSQL, other names included, and says so", async () => {
  const { createPerson, ensureReferenceData } = await import("../factories");
  await ensureReferenceData();
  const { loader, action } = await import("~/routes/account.profile");
  const { context, formRequest, getRequest, settle, unwrap } = await import("../support/http");
  const { prisma } = await import("~/services/db.server");
  const person = await createPerson();

  const search = async (q: string) =>
    unwrap(await settle(loader({ request: getRequest(`/account/profile?q=${encodeURIComponent(q)}`, person.cookie), params: {}, context })))
      .body as { matches: { id: string; name: string }[]; searchDegraded: boolean };

  const byName = await search("arcg");
  expect(byName.searchDegraded).toBe(true);
  expect(byName.matches.map((m) => m.name)).toEqual(["ArcGIS"]);
  // "ESRI ArcGIS" is another name for ArcGIS in the taxonomy.
  expect((await search("esri")).matches.map((m) => m.name)).toContain("ArcGIS");
  // LIKE's wildcards are only themselves.
  expect((await search("%")).matches).toEqual([]);
  expect((await search("_")).matches).toEqual([]);

  const arcgis = byName.matches[0]!;
  const added = (await settle(
    action({ request: formRequest("/account/profile", { intent: "add-skill", skillId: arcgis.id, level: "practised" }, person.cookie), params: {}, context }),
  )) as Response;
  expect(added.status).toBe(302);
  expect(await prisma.profileSkill.count({ where: { userId: person.user.id, skillId: arcgis.id } })).toBe(1);
  // Queued for the people index, which catches up when Meilisearch is back.
  expect(await prisma.searchOutbox.count({ where: { indexName: "people", documentId: person.user.id, processedAt: null } })).toBeGreaterThan(0);
});
