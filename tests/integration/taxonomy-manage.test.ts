import { beforeAll, describe, expect, test } from "vitest";
import { DomainError } from "~/models/platform/errors";
import { drainSearchOutbox } from "~/models/platform/search-outbox.server";
import { applySearchSettings } from "~/models/platform/search-reindex.server";
import { loadSkillGraph } from "~/models/taxonomy/graph.server";
import { updateSearchSynonyms } from "~/models/taxonomy/jobs.server";
import {
  addSkill,
  editSkill,
  linkSkills,
  listSkillsForOrganisers,
  mergeSkills,
  unlinkSkills,
} from "~/models/taxonomy/manage.server";
import { loadSkillTaxonomy } from "~/models/taxonomy/skill-taxonomy.server";
import { syncSkillTaxonomy } from "~/models/taxonomy/skill.server";
import { action as skillAction } from "~/routes/hub.taxonomy.$slug";
import { action as taxonomyAction } from "~/routes/hub.taxonomy._index";
import { prisma } from "~/services/db.server";
import { getSearch } from "~/services/search.server";
import { createProfile, createPublishedChallenge, type Person } from "../factories";
import { context, formReply, formRequest, settle, unwrap } from "../support/http";
import { buildWorld } from "../support/world";

// Hub organisers manage the skills taxonomy in the app; every change is audited and reaches
// search: the skill, the challenges asking for it, the people holding it, and the synonyms.

let world: Awaited<ReturnType<typeof buildWorld>>;
let organiser: Person["actor"];
const search = getSearch();
const skill = (slug: string) => prisma.skill.findUniqueOrThrow({ where: { slug } });
const fields = async (slug: string) => {
  const s = await skill(slug);
  return { name: s.name, category: s.category, description: s.description ?? "A skill.", synonyms: s.synonyms };
};

beforeAll(async () => {
  world = await buildWorld();
  organiser = world.actors.organiser;
  await applySearchSettings(["skills", "challenges", "people"]);
});

async function refused(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

test("only hub organisers and admins change skills: each write refuses anyone else, itself", async () => {
  const sql = await skill("sql");
  for (const actor of [world.actors.participant, world.actors.member, world.actors.owner]) {
    const answers = await Promise.all([
      refused(
        addSkill(actor, { name: "Stata", category: "statistics", description: "Statistics in Stata.", synonyms: [] }),
      ),
      refused(editSkill(actor, sql.id, await fields("sql"))),
      refused(linkSkills(actor, sql.id, { kind: "related", other: "python" })),
      refused(unlinkSkills(actor, { fromId: (await skill("mysql")).id, toId: sql.id, kind: "broader" })),
      refused(mergeSkills(actor, sql.id, "python")),
    ]);
    for (const answer of answers) expect(answer.kind).toBe("forbidden");
  }
  expect(await prisma.skill.count({ where: { slug: "stata" } })).toBe(0);
  expect(await prisma.auditLog.count({ where: { action: { startsWith: "taxonomy." } } })).toBe(0);
});

test("organisers find a skill by any of its names, ignoring case and accents, within a category", async () => {
  const slugs = async (filter: Parameters<typeof listSkillsForOrganisers>[1]) =>
    (await listSkillsForOrganisers(organiser, filter)).map((s) => s.slug);
  expect(await slugs({ q: "ESRI" })).toEqual(["arcgis"]);
  expect(await slugs({ q: "pivot", category: "analysis" })).toEqual(["pivot-tables"]);
  expect(await slugs({ q: "pivot", category: "geospatial" })).toEqual([]);
  expect(await slugs({ q: "%" })).toEqual([]);
  expect((await slugs({ category: "statistics" })).length).toBeGreaterThan(3);
});

test("renaming a skill reaches the challenge and people documents, and its new other name finds it", async () => {
  const challenge = await createPublishedChallenge({
    council: world.council,
    skills: [{ slug: "power-query", importance: "essential" }],
  });
  const person = await createProfile({ skills: [{ slug: "power-query", level: "expert" }] });
  await drainSearchOutbox();
  const pq = await skill("power-query");
  await editSkill(organiser, pq.id, {
    ...(await fields("power-query")),
    name: "Power Query (M)",
    synonyms: [...pq.synonyms, "Query Editor"],
  });
  await drainSearchOutbox();
  await updateSearchSynonyms();

  const challengeDoc = await search.index("challenges").getDocument(challenge.id);
  expect(challengeDoc.skills).toContain("Power Query (M)");
  const personDoc = await search.index("people").getDocument(person.person.user.id);
  expect(personDoc.skills).toContain("Power Query (M)");
  const { hits } = await search.index("skills").search("query editor", { limit: 3 });
  expect(hits[0]?.slug).toBe("power-query");
  // …and "query editor" finds the challenge through the synonym, though no field says it.
  const found = await search.index("challenges").search("query editor");
  expect(found.hits.map((h) => h.id)).toContain(challenge.id);

  const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "taxonomy.edit_skill", subjectId: pq.id } });
  expect(entry.actorId).toBe(organiser.id);
  expect(entry.details).toMatchObject({ name: "Power Query (M)", from: "Power Query" });
});

test("a name or other name another skill has is refused beside the field, naming that skill, with what was typed kept", async () => {
  const res = unwrap(
    await settle(
      taxonomyAction({
        request: formRequest(
          "/hub/taxonomy",
          { intent: "add", name: "postgres", category: "analysis", description: "The same database again." },
          world.cookies.organiser,
        ),
        params: {},
        context,
      }),
    ),
  );
  expect(res.status).toBe(400);
  const reply = formReply(res.body);
  expect(reply.errors.name).toBe("PostgreSQL already has the name postgres");
  expect(reply.values.description).toBe("The same database again.");

  const tooMany = unwrap(
    await settle(
      taxonomyAction({
        request: formRequest(
          "/hub/taxonomy",
          {
            intent: "add",
            name: "Stata",
            category: "nonsense",
            description: "Statistics in Stata.",
            synonyms: Array.from({ length: 41 }, (_, i) => `Stata ${i}`).join("\n"),
          },
          world.cookies.organiser,
        ),
        params: {},
        context,
      }),
    ),
  );
  expect(tooMany.status).toBe(400);
  expect(formReply(tooMany.body).errors).toMatchObject({
    category: "Choose a category",
    synonyms: "A skill can have at most 40 other names",
  });
  expect(formReply(tooMany.body).values.name).toBe("Stata");

  const synonym = await refused(
    editSkill(organiser, (await skill("tableau")).id, { ...(await fields("tableau")), synonyms: ["PowerBI"] }),
  );
  expect(synonym.field).toBe("synonyms");
  expect(synonym.message).toBe("PowerBI is already a name of Power BI");
});

describe("links", () => {
  test("a new broader link makes holders of the narrower skill implied holders of the broader one", async () => {
    const person = await createProfile({ skills: [{ slug: "web-scraping", level: "practised" }] });
    await drainSearchOutbox();
    expect((await search.index("people").getDocument(person.person.user.id)).impliedSkillSlugs).toEqual([]);
    await linkSkills(organiser, (await skill("web-scraping")).id, { kind: "broader", other: "etl-pipelines" });
    await drainSearchOutbox();
    const doc = await search.index("people").getDocument(person.person.user.id);
    expect(doc.impliedSkillSlugs).toEqual(["etl-pipelines"]);
  });

  test("a link that would make a cycle, repeat a link or link a skill to itself is refused beside the field", async () => {
    const regression = await skill("regression");
    const cycle = await refused(
      linkSkills(organiser, regression.id, { kind: "narrower", other: "statistical-analysis" }),
    );
    expect(cycle.field).toBe("other");
    expect(cycle.message).toBe(
      "Regression analysis already implies Statistical analysis, so Statistical analysis cannot imply Regression analysis",
    );
    expect(
      (await refused(linkSkills(organiser, regression.id, { kind: "broader", other: "statistical-analysis" }))).message,
    ).toMatch(/already linked/);
    expect(
      (await refused(linkSkills(organiser, regression.id, { kind: "related", other: "regression" }))).message,
    ).toBe("A skill cannot be linked to itself");
  });

  test("a link an organiser removed stays removed when the seed runs again", async () => {
    const qgis = await skill("qgis");
    const gis = await skill("geospatial-analysis");
    // Through the page's form, as an organiser removes it.
    const removed = unwrap(
      await settle(
        skillAction({
          request: formRequest(
            "/hub/taxonomy/qgis",
            { intent: "unlink", kind: "broader", fromId: qgis.id, toId: gis.id },
            world.cookies.organiser,
          ),
          params: { slug: "qgis" },
          context,
        }),
      ),
    );
    expect(removed.status).toBe(302);
    expect(await prisma.auditLog.count({ where: { action: "taxonomy.unlink_skills", subjectId: qgis.id } })).toBe(1);
    await syncSkillTaxonomy(loadSkillTaxonomy());
    const graph = await loadSkillGraph();
    expect(graph.implied(qgis.id)).toEqual([]);
  });
});

test("merging moves people, challenges and links, and keeps the name as another name", async () => {
  const added = await addSkill(organiser, {
    name: "Hydrological models",
    category: "geospatial",
    description: "A duplicate someone added.",
    synonyms: ["HEC-RAS"],
  });
  const hydro = await skill("hydrology");
  await linkSkills(organiser, added.id, { kind: "broader", other: "data-cleaning" });
  const person = await createProfile({ skills: [{ slug: added.slug, level: "expert" }] });
  const both = await createProfile({
    skills: [
      { slug: added.slug, level: "expert" },
      { slug: "hydrology", level: "learning" },
    ],
  });
  const challenge = await createPublishedChallenge({
    council: world.council,
    skills: [{ slug: added.slug, importance: "essential" }],
  });

  const res = unwrap(
    await settle(
      skillAction({
        request: formRequest(
          `/hub/taxonomy/${added.slug}`,
          { intent: "merge", into: "hydrology" },
          world.cookies.organiser,
        ),
        params: { slug: added.slug },
        context,
      }),
    ),
  );
  expect(res.status).toBe(400);
  expect(formReply(res.body).errors.confirm).toBe("Confirm that you want to merge the skills");
  expect(await prisma.skill.count({ where: { id: added.id } })).toBe(1);

  await mergeSkills(organiser, added.id, "hydrology");
  expect(await prisma.skill.count({ where: { id: added.id } })).toBe(0);
  const merged = await skill("hydrology");
  expect(merged.synonyms).toEqual(expect.arrayContaining(["Hydrological models", "HEC-RAS"]));
  expect(
    await prisma.profileSkill.findMany({
      where: { userId: { in: [person.person.user.id, both.person.user.id] } },
      select: { userId: true, skillId: true, level: true },
    }),
  ).toEqual(
    expect.arrayContaining([
      { userId: person.person.user.id, skillId: hydro.id, level: "expert" },
      { userId: both.person.user.id, skillId: hydro.id, level: "expert" },
    ]),
  );
  expect(
    await prisma.challengeSkill.findMany({
      where: { challengeId: challenge.id },
      select: { skillId: true, importance: true },
    }),
  ).toEqual([{ skillId: hydro.id, importance: "essential" }]);
  const graph = await loadSkillGraph();
  expect(graph.implied(hydro.id).map((i) => i.id)).toContain((await skill("data-cleaning")).id);

  await drainSearchOutbox();
  await updateSearchSynonyms();
  const { hits } = await search.index("skills").search("HEC-RAS", { limit: 1 });
  expect(hits[0]?.slug).toBe("hydrology");
  expect((await search.index("challenges").getDocument(challenge.id)).skills).toEqual([merged.name]);
  expect(await prisma.auditLog.count({ where: { action: "taxonomy.merge_skills", subjectId: hydro.id } })).toBe(1);
});

test("a merge that would give a skill more than 40 other names is refused, and nothing moves", async () => {
  const full = await addSkill(organiser, {
    name: "Survey tools",
    category: "user_research",
    description: "Tools for running surveys online.",
    synonyms: Array.from({ length: 40 }, (_, i) => `Survey tool ${i}`),
  });
  const small = await addSkill(organiser, {
    name: "Questionnaire apps",
    category: "user_research",
    description: "Apps for questionnaires.",
    synonyms: [],
  });
  const person = await createProfile({ skills: [{ slug: small.slug, level: "practised" }] });
  const error = await refused(mergeSkills(organiser, small.id, full.slug));
  expect(error.field).toBe("into");
  expect(error.message).toBe("Survey tools would have 41 other names; remove some (40 at most) before merging");
  expect(await prisma.profileSkill.count({ where: { userId: person.person.user.id, skillId: small.id } })).toBe(1);
});
