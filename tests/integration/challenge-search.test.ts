import { beforeAll, describe, expect, test } from "vitest";
import {
  parseChallengeSearch,
  readChallengeSearch,
  searchChallenges,
  type ChallengeSearch,
} from "~/models/challenges/search.server";
import { transitionChallenge } from "~/models/challenges/lifecycle.server";
import { drainSearchOutbox } from "~/models/platform/search-outbox.server";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { action as challengeAction, loader as challengeLoader } from "~/routes/challenges.$slug";
import { loader as challengesLoader } from "~/routes/challenges._index";
import { loader as organisationLoader } from "~/routes/organisations.$slug";
import { getUser } from "~/services/auth.server";
import { prisma } from "~/services/db.server";
import { getSearch } from "~/services/search.server";
import { makeChallenge } from "../support/challenge-search-fixtures";
import { context, formRequest, getRequest, settle } from "../support/http";
import { buildWorld } from "../support/world";
import { applySearchSettings } from "~/models/platform/search-reindex.server";

let world: Awaited<ReturnType<typeof buildWorld>>;
const ids = {} as Record<"flood" | "repairs" | "buses" | "draft" | "withdrawn", string>;
let londonCouncil: { id: string; name: string; region: string | null };

const search = (overrides: Partial<ChallengeSearch> = {}) =>
  searchChallenges({ ...readChallengeSearch(new URLSearchParams()), ...overrides });
const hitIds = (result: { hits: { id: string }[] }) => result.hits.map((h) => h.id).sort();
const count = (values: { value: string; count: number }[], value: string) =>
  values.find((v) => v.value === value)?.count;

beforeAll(async () => {
  await applySearchSettings(["challenges"]);
  world = await buildWorld();
  const london = await prisma.organisation.findFirstOrThrow({
    where: { kind: "council", region: "London" },
    orderBy: { name: "asc" },
  });
  londonCouncil = london;
  const leeds = world.council.id;
  ids.flood = (
    await makeChallenge({
      organisationId: leeds,
      title: "Mapping flood risk to homes",
      problem: "We need to know which **streets** flood first.",
      themes: ["Environment and climate", "Housing"],
      essential: ["Geospatial analysis"],
      helpful: ["Python"],
      deadline: "2026-09-01",
      publishedAt: "2026-01-10T09:00:00Z",
    })
  ).id;
  ids.repairs = (
    await makeChallenge({
      organisationId: leeds,
      title: "Housing repair backlog",
      status: "in_progress",
      themes: ["Housing"],
      essential: ["SQL"],
      deadline: null,
      publishedAt: "2026-02-01T09:00:00Z",
    })
  ).id;
  ids.buses = (
    await makeChallenge({
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
    })
  ).id;
  ids.draft = (
    await makeChallenge({ organisationId: leeds, title: "Secret housing draft", status: "draft", themes: ["Housing"] })
  ).id;
  ids.withdrawn = (
    await makeChallenge({
      organisationId: leeds,
      title: "Withdrawn housing idea",
      status: "withdrawn",
      themes: ["Housing"],
    })
  ).id;
  await drainSearchOutbox();
});

describe("finding challenges", () => {
  test("a skill's other name finds it: GIS finds a challenge needing geospatial analysis", async () => {
    const result = await search({ q: "GIS" });
    expect(result.degraded).toBe(false);
    expect(hitIds(result)).toEqual([ids.flood]);
  });

  test("one typo still finds", async () => {
    expect(hitIds(await search({ q: "geospacial" }))).toContain(ids.flood);
    expect(hitIds(await search({ q: "housng" }))).toEqual([ids.flood, ids.repairs].sort());
  });

  test("matches are highlighted in the title", async () => {
    const result = await search({ q: "flood" });
    expect(result.hits[0]?.highlightedTitle).toBe("Mapping <mark>flood</mark> risk to homes");
  });

  test("drafts and withdrawn challenges are never in results", async () => {
    const all = await search();
    expect(hitIds(all)).toEqual([ids.flood, ids.repairs, ids.buses].sort());
    expect((await search({ q: "secret" })).total).toBe(0);
    expect((await search({ q: "withdrawn" })).total).toBe(0);
    const { results } = await getSearch()
      .index("challenges")
      .getDocuments({ limit: 100, fields: ["id"] });
    expect(results.map((d) => d.id).sort()).toEqual([ids.flood, ids.repairs, ids.buses].sort());
  });

  test("facet counts match the data", async () => {
    const { facets, total } = await search();
    expect(total).toBe(3);
    expect(count(facets.themes, "Housing")).toBe(2);
    expect(count(facets.themes, "Transport")).toBe(1);
    expect(count(facets.themes, "Environment and climate")).toBe(1);
    expect(count(facets.regions, "Yorkshire and The Humber")).toBe(2);
    expect(count(facets.regions, "London")).toBe(1);
    expect(count(facets.councils, world.council.name)).toBe(2);
    expect(count(facets.councils, londonCouncil.name)).toBe(1);
    expect(facets.statuses).toEqual([
      { value: "open", count: 2 },
      { value: "in_progress", count: 1 },
    ]);
    expect(facets.sensitivities).toEqual([
      { value: "none", count: 2 },
      { value: "official", count: 1 },
    ]);
    expect(count(facets.skills, "Geospatial analysis")).toBe(1);
    expect(count(facets.skills, "Python")).toBe(1);
  });

  test("filters narrow: AND across filters, OR within one, with each filter's own counts ignoring itself", async () => {
    const housingInYorkshire = await search({ theme: ["Housing"], region: ["Yorkshire and The Humber"] });
    expect(hitIds(housingInYorkshire)).toEqual([ids.flood, ids.repairs].sort());
    expect((await search({ theme: ["Housing"], region: ["London"] })).total).toBe(0);
    expect((await search({ theme: ["Housing", "Transport"] })).total).toBe(3);

    const transport = await search({ theme: ["Transport"] });
    expect(hitIds(transport)).toEqual([ids.buses]);
    // Other themes can still be added to the choice, so their counts stay visible…
    expect(count(transport.facets.themes, "Housing")).toBe(2);
    // …while other facets count only what the theme filter leaves.
    expect(transport.facets.regions).toEqual([{ value: "London", count: 1 }]);

    const chosenButEmpty = await search({ theme: ["Transport"], region: ["Yorkshire and The Humber"] });
    expect(chosenButEmpty.total).toBe(0);
    expect(count(chosenButEmpty.facets.regions, "Yorkshire and The Humber")).toBe(0);

    expect(hitIds(await search({ status: ["in_progress"] }))).toEqual([ids.repairs]);
    expect(hitIds(await search({ sensitivity: ["official"] }))).toEqual([ids.buses]);
    expect(hitIds(await search({ skill: ["Geospatial analysis"], council: [world.council.name] }))).toEqual([
      ids.flood,
    ]);
  });

  test("sorts by newest, or by deadline with challenges without one last", async () => {
    expect((await search()).hits.map((h) => h.id)).toEqual([ids.buses, ids.repairs, ids.flood]);
    expect((await search({ sort: "closing-soon" })).hits.map((h) => h.id)).toEqual([ids.buses, ids.flood, ids.repairs]);
  });

  test("the list page reads repeated filters and ignores invalid values", async () => {
    const data = await challengesLoader({
      request: getRequest(
        "/challenges?theme=Housing&region=Yorkshire+and+The+Humber&status=draft&status=open&sort=sideways&page=-2",
      ),
      params: {},
      context,
    });
    expect(data.params).toMatchObject({
      theme: ["Housing"],
      region: ["Yorkshire and The Humber"],
      status: ["open"],
      sort: "newest",
      page: 1,
    });
    expect(data.result.hits.map((h) => h.id)).toEqual([ids.flood]);
  });

  test("no results suggest a skill's other names", async () => {
    const data = await challengesLoader({ request: getRequest("/challenges?q=Tableau"), params: {}, context });
    expect(data.result.total).toBe(0);
    expect(data.otherNames).toEqual(["Tableau Public", "Tableau Desktop", "Tableau Server"]);
  });

  test("a tool of a skill a challenge needs finds it through the skills graph: QGIS finds geospatial analysis", async () => {
    const data = await challengesLoader({ request: getRequest("/challenges?q=QGIS"), params: {}, context });
    expect(data.result.hits.map((h) => h.id)).toEqual([ids.flood]);
  });

  test("the API parser reports invalid values", () => {
    const bad = parseChallengeSearch(new URLSearchParams("status=draft&sort=sideways&page=0&theme=Housing"));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(["page", "sort", "status.0"]);
    const good = parseChallengeSearch(
      new URLSearchParams("theme=Housing&theme=Transport&q=bus&sort=closing-soon&page=2"),
    );
    expect(good).toEqual({
      ok: true,
      params: {
        q: "bus",
        theme: ["Housing", "Transport"],
        skill: [],
        council: [],
        region: [],
        status: [],
        sensitivity: [],
        sort: "closing-soon",
        page: 2,
      },
    });
  });
});

describe("the outbox keeps the index equal to the database", () => {
  async function indexedTitles() {
    const { results } = await getSearch()
      .index("challenges")
      .getDocuments({ limit: 100, fields: ["id", "title"] });
    return new Map(results.map((d) => [String(d.id), String(d.title)]));
  }
  async function publicTitles() {
    const rows = await prisma.challenge.findMany({
      where: { status: { in: ["open", "in_progress", "delivered", "outcome_published", "closed"] } },
      select: { id: true, title: true },
    });
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  test("create → edit → withdraw", async () => {
    const created = await makeChallenge({
      organisationId: world.council.id,
      // Not "potholes": that everyday word for Transport finds every transport challenge.
      title: "Kerb damage reported twice",
      themes: ["Transport"],
    });
    await drainSearchOutbox();
    expect(await indexedTitles()).toEqual(await publicTitles());
    expect(hitIds(await search({ q: "kerb" }))).toEqual([created.id]);

    await prisma.$transaction(async (tx) => {
      await tx.challenge.update({ where: { id: created.id }, data: { title: "Duplicate kerb reports" } });
      await recordSearchChange(tx, "challenges", [created.id]);
    });
    await drainSearchOutbox();
    expect((await indexedTitles()).get(created.id)).toBe("Duplicate kerb reports");
    expect(await indexedTitles()).toEqual(await publicTitles());
    expect(hitIds(await search({ q: "duplicate" }))).toEqual([created.id]);

    const owner = await getUser(getRequest("/", world.cookies.owner));
    await transitionChallenge(owner!, created.id, "withdraw");
    await drainSearchOutbox();
    expect((await indexedTitles()).has(created.id)).toBe(false);
    expect(await indexedTitles()).toEqual(await publicTitles());
    expect((await search({ q: "duplicate" })).total).toBe(0);
  });
});

describe("the challenge page", () => {
  let slug: string;
  let draftSlug: string;

  beforeAll(async () => {
    const page = await makeChallenge({
      organisationId: world.council.id,
      title: "Adult care waiting </script> times",
      problem: "People wait **too long**. <script>alert(1)</script> [details](javascript:alert(2))",
      themes: ["Adult social care"],
      essential: ["Data cleaning"],
      index: false,
      datasets: [
        {
          title: "Published waiting list counts",
          licence: "ogl",
          sensitivity: "open",
          personalData: false,
          dpia: "not_needed",
          accessRoute: "open_download",
          link: "https://example.org/counts.csv",
        },
        {
          title: "Care recipients register",
          licence: "not_licensed",
          sensitivity: "official_sensitive",
          personalData: true,
          dpia: "yes",
          accessRoute: "secure_environment",
          link: "https://internal.example.gov.uk/register",
        },
      ],
    });
    slug = page.slug;
    await prisma.challengeEvent.createMany({
      data: [
        { challengeId: page.id, kind: "status", fromStatus: "draft", toStatus: "submitted" },
        {
          challengeId: page.id,
          kind: "status",
          fromStatus: "submitted",
          toStatus: "changes_requested",
          comment: "Internal reviewer note",
        },
        { challengeId: page.id, kind: "status", fromStatus: "submitted", toStatus: "open" },
        {
          challengeId: page.id,
          kind: "edit",
          changes: { title: { from: "Care waits", to: "Adult care waiting times" } },
        },
      ],
    });
    draftSlug = (
      await makeChallenge({
        organisationId: world.council.id,
        title: "Unfinished draft",
        status: "draft",
        index: false,
      })
    ).slug;
  });

  const load = (path: string, cookie?: string) =>
    settle(challengeLoader({ request: getRequest(path, cookie), params: { slug: path.split("/").pop()! }, context }));

  test("datasets with personal data never reach people without access", async () => {
    for (const role of ["anonymous", "participant"] as const) {
      const data = await load(`/challenges/${slug}`, world.cookies[role]);
      if (data instanceof Response) throw new Error(`unexpected ${data.status}`);
      const text = JSON.stringify(data);
      expect(text, role).not.toContain("Care recipients register");
      expect(text, role).not.toContain("internal.example.gov.uk");
      expect(data.datasets.map((d) => d.title)).toEqual(["Published waiting list counts"]);
      expect(data.hiddenPersonalDatasets).toBe(1);
    }
    const member = await load(`/challenges/${slug}`, world.cookies.member);
    if (member instanceof Response) throw new Error(`unexpected ${member.status}`);
    expect(member.datasets.map((d) => d.title)).toEqual(["Published waiting list counts", "Care recipients register"]);
    expect(member.datasets[1]?.link).toBe("https://internal.example.gov.uk/register");
    expect(member.hiddenPersonalDatasets).toBe(0);
  });

  test("contact email only for the council, its hubs and admins; markdown sanitised; JSON-LD safe", async () => {
    const anonymous = await load(`/challenges/${slug}`);
    const participant = await load(`/challenges/${slug}`, world.cookies.participant);
    if (anonymous instanceof Response || participant instanceof Response) throw new Error("unexpected response");
    expect(anonymous.contact).toEqual({ name: "Sam Officer", email: null });
    expect(JSON.stringify(anonymous)).not.toContain("sam.officer@example.gov.uk");
    // The address was given "for hub organisers and the team", not for every signed-in account.
    expect(participant.contact.email).toBeNull();
    expect(JSON.stringify(participant)).not.toContain("sam.officer@example.gov.uk");
    for (const role of ["member", "organiser", "admin"] as const) {
      const insider = await load(`/challenges/${slug}`, world.cookies[role]);
      if (insider instanceof Response) throw new Error(`unexpected ${insider.status}`);
      expect(insider.contact.email, role).toBe("sam.officer@example.gov.uk");
    }

    expect(anonymous.html.problem).toContain("<strong>too long</strong>");
    expect(anonymous.html.problem).not.toMatch(/script|javascript|alert/);

    expect(anonymous.jsonLd).not.toContain("<");
    const ld = JSON.parse(anonymous.jsonLd!) as Record<string, unknown>;
    expect(ld).toMatchObject({
      "@type": "CreativeWork",
      name: "Adult care waiting </script> times",
      publisher: { name: world.council.name, identifier: { value: world.council.gssCode } },
      url: `http://localhost/challenges/${slug}`,
    });
    expect(ld.keywords).toContain("Adult social care");
  });

  test("the public timeline shows public status changes and which fields changed, not old values or review comments", async () => {
    const anonymous = await load(`/challenges/${slug}`);
    const member = await load(`/challenges/${slug}`, world.cookies.member);
    if (anonymous instanceof Response || member instanceof Response) throw new Error("unexpected response");
    expect(anonymous.timeline.map((e) => (e.kind === "edit" ? e.changes : e.toStatus))).toEqual([
      "open",
      [{ field: "title", label: "Title" }],
    ]);
    expect(JSON.stringify(anonymous)).not.toContain("Care waits");
    expect(JSON.stringify(anonymous.timeline)).not.toContain("Internal reviewer note");
    expect(member.timeline).toHaveLength(4);
    expect(member.timeline[3]!.changes).toEqual([
      expect.objectContaining({ label: "Title", from: "Care waits", to: "Adult care waiting times" }),
    ]);
  });

  test("a draft is 404 for the public and shown, marked not published, to its council", async () => {
    for (const role of ["anonymous", "participant", "otherOwner"] as const) {
      const result = await load(`/challenges/${draftSlug}`, world.cookies[role]);
      expect(result instanceof Response && result.status, role).toBe(404);
    }
    const member = await load(`/challenges/${draftSlug}`, world.cookies.member);
    if (member instanceof Response) throw new Error(`unexpected ${member.status}`);
    expect(member.isPublic).toBe(false);
    expect(member.jsonLd).toBeNull();
    expect((await load(`/challenges/no-such-challenge`)) instanceof Response).toBe(true);
  });

  test("signed-in people can follow and unfollow; anonymous people are sent to sign in", async () => {
    const participant = await getUser(getRequest("/", world.cookies.participant));
    const follow = await settle(
      challengeAction({
        request: formRequest(`/challenges/${slug}`, { intent: "follow" }, world.cookies.participant),
        params: { slug },
        context,
      }),
    );
    expect((follow as Response).status).toBe(302);
    expect(await prisma.challengeFollow.count({ where: { userId: participant!.id } })).toBe(1);
    const page = await load(`/challenges/${slug}`, world.cookies.participant);
    expect(page instanceof Response ? null : page.viewer.following).toBe(true);

    await settle(
      challengeAction({
        request: formRequest(`/challenges/${slug}`, { intent: "unfollow" }, world.cookies.participant),
        params: { slug },
        context,
      }),
    );
    expect(await prisma.challengeFollow.count({ where: { userId: participant!.id } })).toBe(0);

    const anonymous = await settle(
      challengeAction({ request: formRequest(`/challenges/${slug}`, { intent: "follow" }), params: { slug }, context }),
    );
    expect((anonymous as Response).headers.get("location")).toMatch(/^\/signin/);
    const draft = await settle(
      challengeAction({
        request: formRequest(`/challenges/${draftSlug}`, { intent: "follow" }, world.cookies.participant),
        params: { slug: draftSlug },
        context,
      }),
    );
    expect((draft as Response).status).toBe(404);
  });

  test("the council page lists its public challenges, newest first", async () => {
    const data = await organisationLoader({
      request: getRequest(`/organisations/${world.council.slug}`),
      params: { slug: world.council.slug },
      context,
    });
    const titles = data.challenges?.map((c) => c.title) ?? [];
    expect(titles).toContain("Mapping flood risk to homes");
    expect(titles).toContain("Housing repair backlog");
    expect(titles).not.toContain("Unfinished draft");
    expect(titles).not.toContain("Secret housing draft");
    expect(titles).not.toContain("Withdrawn housing idea");
    expect(titles.indexOf("Housing repair backlog")).toBeLessThan(titles.indexOf("Mapping flood risk to homes"));
  });
});
