import { beforeAll, describe, expect, test } from "vitest";
import { challengesForPerson } from "~/models/matching/challenges-for-me.server";
import { peopleForChallenge, visibleTo, type PersonResult } from "~/models/matching/people.server";
import { exposureConcentration } from "~/models/matching/ranking";
import { DomainError } from "~/models/platform/errors";
import { drainSearchOutbox, recordSearchChange } from "~/models/platform/search-outbox.server";
import { applySearchSettings } from "~/models/platform/search-reindex.server";
import { prisma } from "~/services/db.server";
import { getSearch } from "~/services/search.server";
import { loader as matchesLoader } from "~/routes/account.matches";
import { loader as challengeLoader } from "~/routes/challenges.$slug";
import { loader as peopleLoader } from "~/routes/challenges.$slug_.people";
import { createPerson, createProfile, createPublishedChallenge, type Person } from "../factories";
import { context, getRequest, settle, unwrap } from "../support/http";
import { buildWorld } from "../support/world";

// Matching in both directions against the real Meilisearch people and challenges indexes, with
// the skills graph in PostgreSQL: who may ask, who may appear, capacity, direct above implied,
// explanations that name exactly the skills covered and missing, and spreading the work.

let world: Awaited<ReturnType<typeof buildWorld>>;
const DAY = 86_400_000;

async function link(from: string, to: string) {
  const [a, b] = await Promise.all([
    prisma.skill.findUniqueOrThrow({ where: { slug: from } }),
    prisma.skill.findUniqueOrThrow({ where: { slug: to } }),
  ]);
  await prisma.skillLink.createMany({ data: [{ fromId: a.id, toId: b.id, kind: "broader" }], skipDuplicates: true });
}

async function named(name: string) {
  return createPerson({ name });
}

const names = (result: Awaited<ReturnType<typeof peopleForChallenge>>) =>
  result.kind === "results" ? result.results.map((r) => r.name) : [];
const byName = (result: Awaited<ReturnType<typeof peopleForChallenge>>, name: string): PersonResult | undefined =>
  result.kind === "results" ? result.results.find((r) => r.name === name) : undefined;

beforeAll(async () => {
  await applySearchSettings(["people", "challenges"]);
  world = await buildWorld();
  // The graph edges these tests rely on (the taxonomy work seeds many more).
  await link("arcgis", "geospatial-analysis");
  await link("postgresql", "sql");
  await link("regression", "statistical-analysis");
});

describe("people for a challenge", () => {
  let challengeId: string;
  const people: Record<string, Person> = {};

  beforeAll(async () => {
    const challenge = await createPublishedChallenge({
      council: world.council,
      title: "Which streets flood first",
      themes: ["environment-and-climate"],
      skills: [
        { slug: "geospatial-analysis", importance: "essential" },
        { slug: "python", importance: "essential" },
        { slug: "sql", importance: "helpful" },
        { slug: "data-visualisation", importance: "helpful" },
      ],
    });
    challengeId = challenge.id;
    const make = async (name: string, options: Parameters<typeof createProfile>[0]) => {
      people[name] = await named(name);
      await createProfile({ person: people[name], ...options });
    };
    await make("Direct Dana", {
      skills: [
        { slug: "geospatial-analysis", level: "learning" },
        { slug: "python", level: "practised" },
      ],
    });
    await make("Implied Ivo", {
      skills: [
        { slug: "arcgis", level: "expert" },
        { slug: "python", level: "practised" },
      ],
    });
    await make("Exact Esme", {
      skills: [
        { slug: "python", level: "expert" },
        { slug: "arcgis", level: "practised" },
        { slug: "postgresql", level: "learning" },
      ],
      themes: ["environment-and-climate"],
      hoursPerWeek: 8,
    });
    await make("Hidden Hal", { skills: [{ slug: "geospatial-analysis", level: "expert" }], visibility: "private" });
    await make("Closed Cleo", { skills: [{ slug: "geospatial-analysis", level: "expert" }], openToInvitations: false });
    await make("Members Mo", { skills: [{ slug: "geospatial-analysis", level: "practised" }], visibility: "members" });
    await make("Public Pat", { skills: [{ slug: "geospatial-analysis", level: "practised" }], visibility: "public" });
    await make("Busy Bea", {
      skills: [
        { slug: "geospatial-analysis", level: "expert" },
        { slug: "python", level: "expert" },
      ],
      hoursPerWeek: 6,
    });
    await make("Ended Ed", {
      skills: [{ slug: "geospatial-analysis", level: "expert" }],
      availableUntil: new Date(Date.now() - 2 * DAY),
    });
    await make("Later Lu", {
      skills: [{ slug: "geospatial-analysis", level: "expert" }],
      availableFrom: new Date(Date.now() + 3 * DAY),
    });
    await make("London Lee", {
      skills: [{ slug: "geospatial-analysis", level: "expert" }],
      region: "London",
      remoteOk: false,
    });
    await make("Remote Rae", {
      skills: [{ slug: "geospatial-analysis", level: "practised" }],
      region: "London",
      remoteOk: true,
    });
    await make("Helper Hu", { skills: [{ slug: "data-visualisation", level: "expert" }] });
    await make("Offtopic Olu", { skills: [{ slug: "user-research", level: "expert" }] });
    // Bea already gives all six of her hours to another team.
    const other = await createPublishedChallenge({ council: world.council, status: "in_progress" });
    await prisma.teamMember.create({
      data: { challengeId: other.id, userId: people["Busy Bea"]!.user.id, hoursPerWeek: 6 },
    });
    await drainSearchOutbox();
  });

  test("only the council and the hub organisers who review it may ask, asked of the model itself", async () => {
    for (const actor of [world.actors.participant, world.actors.otherOwner, null]) {
      const refused = await peopleForChallenge(actor, challengeId).catch((error: unknown) => error);
      expect(DomainError.is(refused) && refused.kind).toBe("forbidden");
    }
    for (const actor of [world.actors.owner, world.actors.member, world.actors.organiser, world.actors.admin]) {
      expect((await peopleForChallenge(actor, challengeId)).kind).toBe("results");
    }
  });

  test("a challenge that is not open or in progress is refused with a reason", async () => {
    const closed = await createPublishedChallenge({ council: world.council, status: "closed" });
    const refused = await peopleForChallenge(world.actors.owner, closed.id).catch((error: unknown) => error);
    expect(DomainError.is(refused) && refused.kind).toBe("conflict");
  });

  test("hidden, closed to invitations, unavailable today and out-of-region people never appear", async () => {
    const shown = names(await peopleForChallenge(world.actors.owner, challengeId));
    for (const absent of ["Hidden Hal", "Closed Cleo", "Ended Ed", "Later Lu", "London Lee", "Offtopic Olu"]) {
      expect(shown).not.toContain(absent);
    }
    for (const present of [
      "Direct Dana",
      "Implied Ivo",
      "Exact Esme",
      "Members Mo",
      "Public Pat",
      "Busy Bea",
      "Remote Rae",
      "Helper Hu",
    ]) {
      expect(shown).toContain(present);
    }
    expect(byName(await peopleForChallenge(world.actors.owner, challengeId), "Remote Rae")?.explanation).toContainEqual(
      {
        label: "Where",
        text: "Remote (based in London)",
      },
    );
  });

  test("members-only profiles are for signed-in viewers; the profile link follows visibility", async () => {
    expect(visibleTo(null)).toEqual(["public"]);
    expect(visibleTo(world.actors.owner)).toEqual(["public", "members"]);
    const result = await peopleForChallenge(world.actors.owner, challengeId);
    expect(byName(result, "Members Mo")?.profileVisible).toBe(true);
    expect(byName(result, "Public Pat")?.profileVisible).toBe(true);
  });

  test("a profile hidden a moment ago is not shown even before the index catches up", async () => {
    const pat = people["Public Pat"]!.user.id;
    await prisma.user.update({ where: { id: pat }, data: { visibility: "private" } });
    try {
      // The index still has Pat's document (nothing drained): PostgreSQL decides.
      const doc = await import("~/services/search.server").then((m) => m.getSearch().index("people").getDocument(pat));
      expect(doc.id).toBe(pat);
      expect(names(await peopleForChallenge(world.actors.owner, challengeId))).not.toContain("Public Pat");
    } finally {
      await prisma.user.update({ where: { id: pat }, data: { visibility: "public" } });
    }
  });

  test("a direct match ranks above an implied one, even a learner's above an expert's", async () => {
    const shown = names(await peopleForChallenge(world.actors.owner, challengeId));
    expect(shown.indexOf("Direct Dana")).toBeLessThan(shown.indexOf("Implied Ivo"));
    const ivo = byName(await peopleForChallenge(world.actors.owner, challengeId), "Implied Ivo")!;
    expect(ivo.explanation).toContainEqual({
      label: "Implied by the skills graph",
      text: "ArcGIS → Geospatial analysis",
    });
  });

  test("people at capacity come last, with the reason, and the hours filter leaves them out", async () => {
    const result = await peopleForChallenge(world.actors.owner, challengeId);
    const shown = names(result);
    expect(shown.at(-1)).toBe("Busy Bea");
    const bea = byName(result, "Busy Bea")!;
    expect(bea.match.atCapacity).toBe(true);
    expect(bea.explanation).toContainEqual({ label: "Time", text: "No hours free (6 of 6 committed)" });
    expect(names(await peopleForChallenge(world.actors.owner, challengeId, { filters: { hours: 1 } }))).not.toContain(
      "Busy Bea",
    );
    expect(names(await peopleForChallenge(world.actors.owner, challengeId, { filters: { hours: 7 } }))).toEqual([
      "Exact Esme",
    ]);
  });

  test("the explanation lists exactly the skills covered and missing", async () => {
    const esme = byName(await peopleForChallenge(world.actors.owner, challengeId), "Exact Esme")!;
    expect(esme.match.covered.map((s) => [s.name, s.importance, s.level, s.via])).toEqual([
      ["Geospatial analysis", "essential", "practised", ["ArcGIS", "Geospatial analysis"]],
      ["Python", "essential", "expert", null],
      ["SQL", "helpful", "learning", ["PostgreSQL", "SQL"]],
    ]);
    expect(esme.match.missingEssential).toEqual([]);
    expect(esme.match.missingHelpful).toEqual(["Data visualisation"]);
    expect(esme.explanation).toEqual([
      {
        label: "Essential skills",
        text: "Has Geospatial analysis (through ArcGIS, practised) and Python (expert); none missing",
      },
      { label: "Helpful skills", text: "Has SQL (through PostgreSQL, learning); missing Data visualisation" },
      { label: "Implied by the skills graph", text: "ArcGIS → Geospatial analysis; PostgreSQL → SQL" },
      { label: "Time", text: "8 hours a week free" },
      { label: "Where", text: "In Yorkshire and The Humber" },
      { label: "Interests", text: "Interested in Environment and climate" },
    ]);
    const pat = byName(await peopleForChallenge(world.actors.owner, challengeId), "Public Pat")!;
    expect(pat.explanation[0]).toEqual({
      label: "Essential skills",
      text: "Has Geospatial analysis (practised); missing Python",
    });
    expect(pat.explanation[1]).toEqual({
      label: "Helpful skills",
      text: "Has none of them; missing Data visualisation and SQL",
    });
  });

  test("filters on kind and remote work", async () => {
    await prisma.user.update({ where: { id: people["Direct Dana"]!.user.id }, data: { kind: "student" } });
    await prisma.$transaction((tx) => recordSearchChange(tx, "people", [people["Direct Dana"]!.user.id]));
    await drainSearchOutbox();
    expect(names(await peopleForChallenge(world.actors.owner, challengeId, { filters: { kind: "student" } }))).toEqual([
      "Direct Dana",
    ]);
    const remote = names(await peopleForChallenge(world.actors.owner, challengeId, { filters: { remote: "only" } }));
    expect(remote).toContain("Remote Rae");
    expect(remote).not.toContain("London Lee");
  });
});

describe("when Meilisearch cannot answer", () => {
  test("people are still found from PostgreSQL, with the same rules, and the answer says so", async () => {
    const challenge = await createPublishedChallenge({
      council: world.council,
      title: "Without the index",
      skills: [{ slug: "geospatial-analysis", importance: "essential" }],
    });
    const search = getSearch();
    await search.client.deleteIndex(search.indexName("people")).waitTask();
    try {
      const result = await peopleForChallenge(world.actors.owner, challenge.id);
      expect(result.kind === "results" && result.degraded).toBe(true);
      const shown = names(result);
      expect(shown).toContain("Implied Ivo"); // found through the graph: ArcGIS implies geospatial analysis
      expect(shown).toContain("Direct Dana");
      for (const absent of ["Hidden Hal", "Closed Cleo", "Ended Ed", "Later Lu", "London Lee"]) expect(shown).not.toContain(absent);
    } finally {
      await applySearchSettings(["people"]);
      await prisma.$transaction(async (tx) =>
        recordSearchChange(tx, "people", (await tx.profile.findMany({ select: { userId: true } })).map((p) => p.userId)),
      );
      await drainSearchOutbox();
    }
  });
});

describe("the pages", () => {
  let slug: string;
  beforeAll(async () => {
    slug = (await createPublishedChallenge({ council: world.council, title: "Pages flood map" })).slug;
    await createProfile({
      person: await named("Page Pia"),
      skills: [{ slug: "geospatial-analysis", level: "expert" }],
    });
    await drainSearchOutbox();
  });
  const people = async (query: string, cookie = world.cookies.owner) =>
    unwrap(
      await settle(
        peopleLoader({ request: getRequest(`/challenges/${slug}/people${query}`, cookie), params: { slug }, context }),
      ),
    );

  test("the people page lists who matches with reasons, and only what it shows", async () => {
    const { status, body } = await people("");
    expect(status).toBe(200);
    const page = body as { people: { name: string; explanation: { label: string; text: string }[] }[] };
    const pia = page.people.find((p) => p.name === "Page Pia")!;
    expect(pia.explanation[0]).toEqual({
      label: "Essential skills",
      text: "Has Geospatial analysis (expert); none missing",
    });
    expect(Object.keys(pia).sort()).toEqual([
      "atCapacity",
      "explanation",
      "headline",
      "kind",
      "name",
      "profileVisible",
      "userId",
    ]);
  });

  test("filters it does not understand are named beside their field; the rest still apply", async () => {
    const { status, body } = await people("?hours=lots&kind=wizard&remote=only");
    expect(status).toBe(200);
    expect((body as { errors: Record<string, string> }).errors).toEqual({
      hours: "Enter the hours free as a whole number from 1 to 80",
      kind: "Choose a kind of person from the list",
    });
    expect((await people("?hours=1000")).body).toMatchObject({
      errors: { hours: "Enter the hours free as a whole number from 1 to 80" },
    });
  });

  test("a volunteer is refused; a challenge without skills says why nobody is listed", async () => {
    expect((await people("", world.cookies.participant)).status).toBe(403);
    const bare = await createPublishedChallenge({ council: world.council, title: "No skills yet", skills: [] });
    const result = unwrap(
      await settle(
        peopleLoader({
          request: getRequest(`/challenges/${bare.slug}/people`, world.cookies.owner),
          params: { slug: bare.slug },
          context,
        }),
      ),
    );
    expect(result.body).toMatchObject({ kind: "no-skills" });
  });

  test("the challenge page links to the people page only for those who may open it", async () => {
    const view = async (cookie?: string) =>
      unwrap(
        await settle(
          challengeLoader({ request: getRequest(`/challenges/${slug}`, cookie), params: { slug }, context }),
        ),
      ).body as { viewer: { findPeople: boolean } };
    expect((await view(world.cookies.owner)).viewer.findPeople).toBe(true);
    expect((await view(world.cookies.organiser)).viewer.findPeople).toBe(true);
    expect((await view(world.cookies.participant)).viewer.findPeople).toBe(false);
    expect((await view()).viewer.findPeople).toBe(false);
  });

  test("challenges for you without a profile points to adding skills", async () => {
    const { body } = unwrap(
      await settle(
        matchesLoader({ request: getRequest("/account/matches", world.cookies.participant), params: {}, context }),
      ),
    );
    expect(body).toEqual({ kind: "empty", reason: "no-profile" });
  });
});

describe("challenges for you", () => {
  let mapping: string;
  let pipelines: string;
  let person: Person;

  beforeAll(async () => {
    mapping = (
      await createPublishedChallenge({
        council: world.council,
        title: "Mapping fly-tipping hot spots",
        skills: [{ slug: "geospatial-analysis", importance: "essential" }],
      })
    ).slug;
    pipelines = (
      await createPublishedChallenge({
        council: world.council,
        title: "Tidy the housing repairs data",
        skills: [{ slug: "python", importance: "essential" }],
      })
    ).slug;
    await createPublishedChallenge({
      council: world.council,
      title: "Not yet public draft",
      status: "draft",
      skills: [{ slug: "python", importance: "essential" }],
    });
    await createPublishedChallenge({
      council: world.council,
      title: "Interview residents",
      skills: [{ slug: "user-interviews", importance: "essential" }],
    });
    person = await named("Volunteer Vi");
    await createProfile({
      person,
      skills: [
        { slug: "arcgis", level: "expert" },
        { slug: "python", level: "learning" },
      ],
      hoursPerWeek: 4,
    });
    await drainSearchOutbox();
  });

  test("open challenges for the person's skills, direct above implied, explained; drafts and other skills left out", async () => {
    const result = await challengesForPerson(person.actor);
    expect(result.kind).toBe("results");
    if (result.kind !== "results") return;
    const slugs = result.results.map((r) => r.slug);
    expect(slugs).toContain(mapping);
    expect(slugs).toContain(pipelines);
    expect(result.results.map((r) => r.title)).not.toContain("Not yet public draft");
    expect(result.results.map((r) => r.title)).not.toContain("Interview residents");
    // Python (learning, direct: 0.5) ranks above geospatial analysis through ArcGIS (expert, implied: 0.45).
    expect(slugs.indexOf(pipelines)).toBeLessThan(slugs.indexOf(mapping));
    const map = result.results.find((r) => r.slug === mapping)!;
    expect(map.explanation).toContainEqual({
      label: "Implied by the skills graph",
      text: "ArcGIS → Geospatial analysis",
    });
    expect(result.hours).toBe("4 hours a week free");
  });

  test("someone without a profile is told to add their skills", async () => {
    expect(await challengesForPerson(world.actors.participant)).toEqual({ kind: "no-profile" });
  });
});

describe("spreading the work", () => {
  test("fewer people hold most top-10 places across challenges, at the same relevance", async () => {
    // Twenty-four people with the same skills and twelve challenges asking for them: without
    // spreading, the same ten win every list.
    const twins: string[] = [];
    for (let i = 0; i < 24; i++) {
      const person = await named(`Twin ${i}`);
      twins.push(person.user.id);
      await createProfile({
        person,
        skills: [
          { slug: "statistical-analysis", level: "practised" },
          { slug: "excel-spreadsheets", level: "expert" },
        ],
      });
    }
    const challenges: { id: string }[] = [];
    for (let i = 0; i < 12; i++) {
      challenges.push(
        await createPublishedChallenge({
          council: world.council,
          title: `Survey analysis ${i}`,
          skills: [
            { slug: "statistical-analysis", importance: "essential" },
            { slug: "excel-spreadsheets", importance: "helpful" },
          ],
        }),
      );
    }
    await drainSearchOutbox();
    const lists = async (spread: boolean) => {
      const all = [];
      for (const c of challenges) {
        const result = await peopleForChallenge(world.actors.owner, c.id, { spread });
        if (result.kind !== "results") throw new Error("no results");
        all.push(result.results.slice(0, 10));
      }
      return all;
    };
    const before = await lists(false);
    const after = await lists(true);
    const concentration = (l: PersonResult[][]) =>
      exposureConcentration(
        l.map((top) => top.map((r) => r.userId)),
        twins,
      );
    const meanScore = (l: PersonResult[][]) => l.flat().reduce((sum, r) => sum + r.match.score, 0) / l.flat().length;
    expect(concentration(before).shown).toBe(10);
    expect(concentration(after).shown).toBeGreaterThan(15);
    expect(concentration(after).gini).toBeLessThan(concentration(before).gini);
    expect(concentration(after).topShare).toBeLessThan(concentration(before).topShare);
    expect(meanScore(after)).toBe(meanScore(before));
  });
});
