import getPort from "get-port";
import { parse as parseCsv } from "csv-parse/sync";
import { beforeAll, describe, expect, test, vi } from "vitest";
import type { Organisation } from "~/generated/prisma/client";
import { PUBLIC_STATUSES } from "~/models/challenges/status";
import { rebuildIndex } from "~/models/platform/search-reindex.server";
import { seedReferenceData } from "~/models/platform/seed.server";
import { seedThemes } from "~/models/taxonomy/theme.server";
import { prisma } from "~/services/db.server";
import * as challengesApi from "~/routes/api.v1.challenges";
import * as challengeApi from "~/routes/api.v1.challenges_.$slug";
import * as unknownApi from "~/routes/api.v1.$";
import * as openApi from "~/routes/api.v1.openapi[.]json";
import * as csvRoute from "~/routes/challenges[.]csv";
import * as allFeed from "~/routes/feeds.challenges[.]atom";
import * as councilFeed from "~/routes/feeds.councils.$slug[.]atom";
import * as themeFeed from "~/routes/feeds.themes.$slug[.]atom";
import { context, getRequest } from "../support/http";
import { applySearchSettings } from "~/models/platform/search-reindex.server";

// The open data (API, CSV, Atom) lists public challenges only, with public fields only, and
// never leaks contact details, personal datasets or links to data that is not open.

// Strings that must never appear in any open data response.
const SECRETS = [
  "officer.secret@leeds.example",
  "Residents with care needs",
  "https://secret.example/personal.csv",
  "https://restricted.example/on-request.csv",
  "https://restricted.example/official.csv",
  "Unpublished draft about bins",
  "Submitted challenge awaiting review",
  "Withdrawn challenge",
];

const FORMULA_TITLE = '=HYPERLINK("http://evil.example","Click me")';
const FILLERS = 22;

let leeds: Organisation;
let york: Organisation;

async function themeId(slug: string) {
  return (await prisma.theme.findUniqueOrThrow({ where: { slug } })).id;
}

beforeAll(async () => {
  await seedReferenceData();
  await seedThemes();
  leeds = await prisma.organisation.findUniqueOrThrow({ where: { localAuthorityCode: "LDS" } });
  york = await prisma.organisation.findUniqueOrThrow({ where: { localAuthorityCode: "YOR" } });
  const [skillA, skillB] = await prisma.skill.findMany({ orderBy: { name: "asc" }, take: 2 });
  const base = Date.UTC(2025, 5, 1, 12);
  const at = (minutesAgo: number) => new Date(base - minutesAgo * 60_000);
  const common = {
    problem: "",
    whyItMatters: "Matters.",
    successMeasures: "Measured.",
    contactName: "Pat Officer",
    contactEmail: "officer.secret@leeds.example",
  };

  await prisma.challenge.create({
    data: {
      ...common,
      slug: "potholes-leeds",
      organisationId: leeds.id,
      status: "open",
      title: "Predict potholes before they form",
      problem: "Roads in **Leeds** crack every winter.",
      outcomeWanted: "A risk map",
      area: "Leeds",
      teamSizeMin: 2,
      teamSizeMax: 5,
      timeCommitment: "A few hours a week",
      deadline: new Date("2025-09-30"),
      publishedAt: at(0),
      themes: { create: [{ themeId: await themeId("transport") }] },
      skills: {
        create: [
          { skillId: skillA!.id, importance: "essential" },
          { skillId: skillB!.id, importance: "helpful" },
        ],
      },
      datasets: {
        create: [
          {
            position: 0,
            title: "Road defects",
            link: "https://data.example/defects.csv",
            format: "CSV",
            licence: "ogl",
            sensitivity: "open",
            personalData: false,
            dpia: "not_needed",
            accessRoute: "open_download",
          },
          {
            position: 1,
            title: "Residents with care needs",
            link: "https://secret.example/personal.csv",
            licence: "not_licensed",
            sensitivity: "official_sensitive",
            personalData: true,
            dpia: "yes",
            accessRoute: "secure_environment",
          },
          {
            position: 2,
            title: "Repair contracts",
            link: "https://restricted.example/on-request.csv",
            licence: "other",
            sensitivity: "open",
            personalData: false,
            dpia: "no",
            accessRoute: "on_request_dsa",
          },
          {
            position: 3,
            title: "Inspection notes",
            link: "https://restricted.example/official.csv",
            licence: "ogl",
            sensitivity: "official",
            personalData: false,
            dpia: "no",
            accessRoute: "open_download",
          },
        ],
      },
    },
  });
  await prisma.challenge.create({
    data: {
      ...common,
      slug: "formula-york",
      organisationId: york.id,
      status: "in_progress",
      title: FORMULA_TITLE,
      problem: 'Rents, "arrears" & evictions in York',
      outcomeWanted: "Line one, with a comma\nLine two",
      publishedAt: at(1),
      themes: { create: [{ themeId: await themeId("housing") }] },
    },
  });
  await prisma.challenge.create({
    data: {
      ...common,
      slug: "empty-homes-leeds",
      organisationId: leeds.id,
      status: "delivered",
      title: "Empty homes & <void> lets",
      publishedAt: at(2),
      themes: { create: [{ themeId: await themeId("housing") }] },
    },
  });
  for (const [status, title] of [
    ["draft", SECRETS[5]],
    ["submitted", SECRETS[6]],
    ["withdrawn", SECRETS[7]],
  ] as const) {
    await prisma.challenge.create({
      data: {
        ...common,
        slug: `hidden-${status}`,
        organisationId: leeds.id,
        status,
        title,
        themes: { create: [{ themeId: await themeId("housing") }] },
      },
    });
  }
  await prisma.challenge.createMany({
    data: Array.from({ length: FILLERS }, (_, i) => ({
      ...common,
      slug: `filler-${i}`,
      organisationId: york.id,
      status: "open" as const,
      title: `Filler challenge ${i}`,
      publishedAt: at(10 + i),
    })),
  });

  await applySearchSettings();
  await rebuildIndex("challenges");
});

const PUBLIC_TOTAL = 3 + FILLERS;

async function api(path: string) {
  const response = await challengesApi.loader({ request: getRequest(path), params: {}, context });
  return {
    response,
    body: (await response.json()) as {
      data: Record<string, unknown>[];
      meta: Record<string, unknown>;
      links: Record<string, string | null>;
      error?: { message: string; fields?: Record<string, string> };
    },
  };
}

function expectNoSecrets(text: string) {
  for (const secret of SECRETS) expect(text, `leaked "${secret}"`).not.toContain(secret);
}

describe("GET /api/v1/challenges", () => {
  test("lists public challenges only, newest first, a page at a time, with CORS and caching", async () => {
    const first = await api("/api/v1/challenges");
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get("access-control-allow-origin")).toBe("*");
    expect(first.response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(first.body.meta).toEqual({ total: PUBLIC_TOTAL, page: 1, perPage: 20, totalPages: 2, degraded: false });
    expect(first.body.data).toHaveLength(20);
    expect(first.body.data.slice(0, 3).map((c) => c.slug)).toEqual([
      "potholes-leeds",
      "formula-york",
      "empty-homes-leeds",
    ]);
    expect(first.body.links.prev).toBeNull();
    expect(first.body.links.next).toMatch(/\/api\/v1\/challenges\?page=2$/);

    const second = await api("/api/v1/challenges?page=2");
    expect(second.body.data).toHaveLength(PUBLIC_TOTAL - 20);
    expect(second.body.links.next).toBeNull();
    expect(second.body.links.prev).toMatch(/page=1$/);
    for (const record of [...first.body.data, ...second.body.data]) expect(PUBLIC_STATUSES).toContain(record.status);
    expectNoSecrets(JSON.stringify([first.body, second.body]));
  });

  test("a record has the documented fields and only open datasets' links", async () => {
    const { body } = await api("/api/v1/challenges?q=potholes");
    expect(body.data).toHaveLength(1);
    const record = body.data[0]!;
    expect(Object.keys(record).sort()).toEqual(
      [
        "id",
        "slug",
        "url",
        "title",
        "summary",
        "outcomeWanted",
        "status",
        "statusLabel",
        "council",
        "region",
        "area",
        "themes",
        "skills",
        "teamSize",
        "timeCommitment",
        "deadline",
        "publishedAt",
        "updatedAt",
        "datasets",
      ].sort(),
    );
    expect(record).toMatchObject({
      slug: "potholes-leeds",
      url: expect.stringMatching(/^https?:\/\/.+\/challenges\/potholes-leeds$/),
      summary: "Roads in Leeds crack every winter.",
      status: "open",
      statusLabel: "Open",
      council: { name: leeds.name, slug: leeds.slug, gssCode: leeds.gssCode, localAuthorityCode: "LDS" },
      region: leeds.region,
      themes: [{ slug: "transport", name: "Transport" }],
      teamSize: { min: 2, max: 5 },
      deadline: "2025-09-30",
      publishedAt: "2025-06-01T12:00:00.000Z",
    });
    expect((record.skills as { importance: string }[]).map((s) => s.importance)).toEqual(["essential", "helpful"]);
    expect(record.datasets).toEqual([
      {
        title: "Road defects",
        description: "",
        format: "CSV",
        licence: "ogl",
        sensitivity: "open",
        accessRoute: "open_download",
        link: "https://data.example/defects.csv",
      },
      {
        title: "Repair contracts",
        description: "",
        format: "",
        licence: "other",
        sensitivity: "open",
        accessRoute: "on_request_dsa",
        link: null,
      },
      {
        title: "Inspection notes",
        description: "",
        format: "",
        licence: "ogl",
        sensitivity: "official",
        accessRoute: "open_download",
        link: null,
      },
    ]);
  });

  test("filters like the challenges page", async () => {
    const slugs = async (query: string) => (await api(`/api/v1/challenges?${query}`)).body.data.map((c) => c.slug);
    expect(await slugs(`council=${encodeURIComponent(leeds.name)}`)).toEqual(["potholes-leeds", "empty-homes-leeds"]);
    expect(await slugs("theme=Housing")).toEqual(["formula-york", "empty-homes-leeds"]);
    expect(await slugs("status=in_progress&status=delivered")).toEqual(["formula-york", "empty-homes-leeds"]);
    expect(await slugs("theme=Housing&status=delivered")).toEqual(["empty-homes-leeds"]);
    expect((await api("/api/v1/challenges?sensitivity=none")).body.meta.total).toBe(PUBLIC_TOTAL - 1);
    expect(await slugs("q=potholes&sort=closing-soon&page=2")).toEqual([]);
  });

  test("invalid parameters answer 400 JSON naming the field", async () => {
    for (const [query, field] of [
      ["page=-1", "page"],
      ["sort=banana", "sort"],
      ["page=abc", "page"],
      ["status=draft", "status.0"],
    ] as const) {
      const { response, body } = await api(`/api/v1/challenges?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/application\/json/);
      expect(body.error?.message).toBeTruthy();
      expect(Object.keys(body.error?.fields ?? {}), query).toContain(field);
    }
  });

  test("refuses other methods with 405 JSON and answers CORS preflights", async () => {
    const post = await challengesApi.action({
      request: new Request("http://localhost/api/v1/challenges", { method: "POST" }),
      params: {},
      context,
    });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(await post.json()).toMatchObject({ error: { message: expect.stringContaining("POST") } });
    const preflight = await challengesApi.action({
      request: new Request("http://localhost/api/v1/challenges", { method: "OPTIONS" }),
      params: {},
      context,
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("GET /api/v1/challenges/:slug and unknown paths", () => {
  test("one public challenge; 404 JSON for unknown and non-public slugs", async () => {
    const found = await challengeApi.loader({
      request: getRequest("/api/v1/challenges/potholes-leeds"),
      params: { slug: "potholes-leeds" },
      context,
    });
    expect(found.status).toBe(200);
    const text = await found.text();
    expect(JSON.parse(text)).toMatchObject({
      data: { slug: "potholes-leeds", title: "Predict potholes before they form" },
    });
    expectNoSecrets(text);

    for (const slug of ["hidden-draft", "hidden-submitted", "hidden-withdrawn", "no-such-challenge"]) {
      const missing = await challengeApi.loader({
        request: getRequest(`/api/v1/challenges/${slug}`),
        params: { slug },
        context,
      });
      expect(missing.status, slug).toBe(404);
      expect(await missing.json()).toEqual({ error: { message: expect.any(String) } });
    }
    const put = await challengeApi.action({
      request: new Request("http://localhost/api/v1/challenges/potholes-leeds", { method: "PUT" }),
      params: {},
      context,
    });
    expect(put.status).toBe(405);
  });

  test("unknown /api/v1 paths answer 404 JSON", async () => {
    const response = await unknownApi.loader();
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { message: expect.stringContaining("openapi.json") } });
    expect((await unknownApi.action()).status).toBe(404);
  });
});

describe("GET /challenges.csv", () => {
  async function csv(query = "") {
    return csvRoute.loader({ request: getRequest(`/challenges.csv${query}`), params: {}, context });
  }

  test("every matching row (all pages), quoted per RFC 4180, formulas neutralised, UTF-8 with BOM", async () => {
    const response = await csv();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="nettle-challenges.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes); // drops the BOM
    expectNoSecrets(text);
    expect(text.startsWith("id,slug,url,title,summary,outcome_wanted,status,status_label,council,")).toBe(true);

    const rows = parseCsv(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(PUBLIC_TOTAL);
    const formula = rows.find((row) => row.slug === "formula-york")!;
    expect(formula.title).toBe(`'${FORMULA_TITLE}`);
    expect(formula.outcome_wanted).toBe("Line one, with a comma\nLine two");
    expect(formula.summary).toBe('Rents, "arrears" & evictions in York');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Click me"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    const potholes = rows.find((row) => row.slug === "potholes-leeds")!;
    expect(potholes).toMatchObject({
      gss_code: leeds.gssCode,
      local_authority_code: "LDS",
      themes: "Transport",
      deadline: "2025-09-30",
    });
    expect(potholes.datasets).toBe("Road defects; Repair contracts; Inspection notes");
  });

  test("takes the page's filters and rejects invalid ones", async () => {
    const york = parseCsv(await (await csv("?theme=Housing&page=2")).text(), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    expect(york.map((row) => row.slug)).toEqual(["formula-york", "empty-homes-leeds"]);
    const bad = await csv("?sort=banana");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("sort");
  });
});

describe("Atom feeds", () => {
  /** A small well-formedness check: balanced tags, quoted attributes, only known entities. */
  function expectWellFormedXml(xml: string) {
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true);
    const body = xml.slice(xml.indexOf("?>") + 2);
    const stack: string[] = [];
    const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
    let last = 0;
    for (const match of body.matchAll(tag)) {
      const between = body.slice(last, match.index);
      expect(between, "raw < in text").not.toContain("<");
      expect(between.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, ""), "bare &").not.toContain("&");
      for (const value of match[3]!.matchAll(/="([^"]*)"/g))
        expect(value[1]!.replace(/&(amp|lt|gt|quot|apos);/g, "")).not.toContain("&");
      const [, closing, name, , selfClosing] = match;
      if (closing) expect(stack.pop(), `closing </${name}>`).toBe(name);
      else if (!selfClosing) stack.push(name!);
      last = match.index + match[0].length;
    }
    expect(body.slice(last).trim()).toBe("");
    expect(stack).toEqual([]);
  }

  const entries = (xml: string) => xml.match(/<entry>/g)?.length ?? 0;

  test("all challenges: valid Atom with one entry per public challenge", async () => {
    const response = await allFeed.loader();
    expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await response.text();
    expectWellFormedXml(xml);
    expectNoSecrets(xml);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(entries(xml)).toBe(PUBLIC_TOTAL);
    expect(xml).toContain('<title type="text">Empty homes &amp; &lt;void&gt; lets</title>');
    const potholes = xml.slice(xml.indexOf("<entry>"), xml.indexOf("</entry>"));
    expect(potholes).toMatch(/<id>tag:[^<]+,2025:nettle\/challenges\/\w+<\/id>/);
    expect(potholes).toContain(`<author><name>${leeds.name}</name></author>`);
    expect(potholes).toContain('<category term="transport" label="Transport"/>');
    expect(potholes).toContain("<published>2025-06-01T12:00:00.000Z</published>");
    expect(potholes).toMatch(
      /<link rel="alternate" type="text\/html" href="https?:\/\/[^"]+\/challenges\/potholes-leeds"\/>/,
    );
    expect(potholes).toContain('<summary type="text">Roads in Leeds crack every winter.</summary>');
  });

  test("per council and per theme; 404 for unknown ones", async () => {
    const council = await councilFeed.loader({
      request: getRequest(`/feeds/councils/${leeds.slug}.atom`),
      params: { slug: leeds.slug },
      context,
    });
    const councilXml = await council.text();
    expectWellFormedXml(councilXml);
    expect(entries(councilXml)).toBe(2);
    expectNoSecrets(councilXml);

    const theme = await themeFeed.loader({
      request: getRequest("/feeds/themes/housing.atom"),
      params: { slug: "housing" },
      context,
    });
    const themeXml = await theme.text();
    expectWellFormedXml(themeXml);
    expect(entries(themeXml)).toBe(2);
    expectNoSecrets(themeXml);

    const none = await themeFeed.loader({
      request: getRequest("/feeds/themes/waste.atom"),
      params: { slug: "waste" },
      context,
    });
    const noneXml = await none.text();
    expectWellFormedXml(noneXml);
    // An empty feed is dated when its theme appeared, not 1 January 1970.
    const waste = await prisma.theme.findUniqueOrThrow({ where: { slug: "waste" } });
    expect(entries(noneXml)).toBe(0);
    expect(noneXml).toContain(`  <updated>${waste.createdAt.toISOString()}</updated>`);
    expect(noneXml).not.toContain("1970-01-01");

    expect(
      (
        await councilFeed.loader({
          request: getRequest("/feeds/councils/nowhere.atom"),
          params: { slug: "nowhere" },
          context,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await themeFeed.loader({
          request: getRequest("/feeds/themes/nothing.atom"),
          params: { slug: "nothing" },
          context,
        })
      ).status,
    ).toBe(404);
  });
});

test("the OpenAPI document is OpenAPI 3.1 JSON describing the endpoints and the licence", async () => {
  const response = await openApi.loader();
  const doc = JSON.parse(await response.text()) as {
    openapi: string;
    info: { description: string; license: { name: string } };
    paths: Record<
      string,
      { get: { parameters?: { name: string; schema: { items?: { enum?: string[] }; enum?: string[] } }[] } }
    >;
    components: { schemas: Record<string, unknown> };
  };
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining(["/challenges", "/challenges/{slug}", "/openapi.json"]),
  );
  expect(doc.info.license.name).toBe("CC BY 4.0");
  expect(doc.info.description).toContain("Contains data from mySociety's UK local authority register, CC BY 4.0");
  expect(Object.keys(doc.components.schemas)).toEqual(
    expect.arrayContaining(["Challenge", "Dataset", "ChallengeList", "Error"]),
  );
  const parameters = doc.paths["/challenges"]!.get.parameters!;
  expect(parameters.map((p) => p.name)).toEqual([
    "q",
    "theme",
    "skill",
    "council",
    "region",
    "status",
    "sensitivity",
    "sort",
    "page",
  ]);
  expect(parameters.find((p) => p.name === "status")!.schema.items!.enum).toEqual([...PUBLIC_STATUSES]);
  expect(parameters.find((p) => p.name === "sort")!.schema.enum).toEqual(["newest", "closing-soon"]);
  // Every $ref points at a schema that exists.
  for (const [, ref] of JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g))
    expect(doc.components.schemas).toHaveProperty(ref!);
});

// Last: swaps in fresh modules whose Meilisearch address answers nothing.
test("with Meilisearch down the API still answers 200 from PostgreSQL, marked degraded", async () => {
  process.env.MEILI_URL = `http://127.0.0.1:${await getPort()}`;
  vi.resetModules();
  const fresh = await import("~/routes/api.v1.challenges");
  const db = await import("~/services/db.server");
  try {
    const response = await fresh.loader({
      request: getRequest("/api/v1/challenges?theme=Housing"),
      params: {},
      context,
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expectNoSecrets(text);
    const body = JSON.parse(text) as { data: { slug: string }[]; meta: { degraded: boolean; total: number } };
    expect(body.meta).toMatchObject({ degraded: true, total: 2 });
    expect(body.data.map((c) => c.slug)).toEqual(["formula-york", "empty-homes-leeds"]);
  } finally {
    await db.prisma.$disconnect();
  }
});
