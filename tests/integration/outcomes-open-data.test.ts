import { beforeAll, describe, expect, test } from "vitest";
import { saveOutcome, saveOutcomeDataset, signOffOutcome } from "~/models/outcomes/outcome.server";
import { loader as apiList } from "~/routes/api.v1.outcomes";
import { loader as apiOne } from "~/routes/api.v1.outcomes_.$slug";
import { loader as openApi } from "~/routes/api.v1.openapi[.]json";
import { loader as csvLoader } from "~/routes/outcomes[.]csv";
import { loader as feedLoader } from "~/routes/feeds.outcomes[.]atom";
import { loader as galleryLoader } from "~/routes/outcomes._index";
import { loader as pageLoader } from "~/routes/outcomes.$slug";
import { loader as challengeLoader } from "~/routes/challenges.$slug";
import { loader as personLoader } from "~/routes/people.$userId";
import { prisma } from "~/services/db.server";
import { createPerson, createProfile, createProject } from "../factories";
import { context, getRequest, settle, unwrap } from "../support/http";

// What the public gets of outcomes: the page with its JSON-LD, the gallery, the API, the CSV,
// the Atom feed, credits on profiles, the challenge's link. Drafts and outcomes waiting for
// sign-off appear in none of them, nor datasets about people, nor hidden people's names.

const DRAFT_SUMMARY = "Draft summary nobody outside may read z8q1";
const PERSONAL_DATASET = "Residents who reported floods p4k7";
const HOSTILE_TITLE = "Flood map </script><script>alert(1)</script>";

const texts = {
  title: "",
  summary: "A map of the streets that flood first.",
  whatWasBuilt: "A web map.",
  results: "312 drains found.",
  howToReuse: "Run `make map`.",
  licence: "ogl_3" as const,
  demoUrl: "https://demo.example.org/map",
  reportUrl: "",
  repoPoint: undefined,
};

let published: { slug: string; challengeSlug: string; leadId: string; hiddenMemberName: string; projectSlug: string };
let draftSlug: string;

beforeAll(async () => {
  const hidden = await createPerson({ name: "Hidden Harriet" });
  await prisma.user.update({ where: { id: hidden.user.id }, data: { visibility: "private" } });
  const lead = await createPerson({ name: "Public Pat" });
  await createProfile({ person: lead, visibility: "public" });
  const made = await createProject({ lead, members: [hidden] });
  await saveOutcome(lead.actor, made.project.slug, { ...texts, title: HOSTILE_TITLE }, { submit: false });
  await saveOutcomeDataset(lead.actor, made.project.slug, undefined, {
    title: PERSONAL_DATASET,
    description: "",
    link: "",
    format: "",
    licence: "not_licensed",
    sensitivity: "official_sensitive",
    personalData: true,
    dpia: "yes",
    accessRoute: "secure_environment",
    retentionDate: null,
  });
  await saveOutcomeDataset(lead.actor, made.project.slug, undefined, {
    title: "Drain ratings",
    description: "",
    link: "https://data.example.org/drains.csv",
    format: "CSV",
    licence: "ogl",
    sensitivity: "open",
    personalData: false,
    dpia: "not_needed",
    accessRoute: "open_download",
    retentionDate: null,
  });
  await saveOutcome(lead.actor, made.project.slug, { ...texts, title: HOSTILE_TITLE }, { submit: true });
  const { slug } = await signOffOutcome(made.owner.actor, made.project.slug);
  published = {
    slug,
    challengeSlug: made.challenge.slug,
    leadId: lead.user.id,
    hiddenMemberName: "Hidden Harriet",
    projectSlug: made.project.slug,
  };

  const other = await createProject();
  draftSlug = (
    await saveOutcome(other.lead.actor, other.project.slug, { ...texts, summary: DRAFT_SUMMARY }, { submit: true })
  ).slug;
});

async function body(result: unknown) {
  if (result instanceof Response) return { status: result.status, text: await result.text(), headers: result.headers };
  const { status, body } = unwrap(result);
  return { status, text: JSON.stringify(body), headers: new Headers() };
}

const get = async (
  loader: (args: never) => unknown,
  path: string,
  params: Record<string, string> = {},
  cookie?: string,
) => body(await settle(Promise.resolve(loader({ request: getRequest(path, cookie), params, context } as never))));

describe("the published outcome everywhere the public reads", () => {
  test("the API lists it with its licence, repository and credits; drafts, personal data and hidden names are absent", async () => {
    const list = await get(apiList, "/api/v1/outcomes");
    expect(list.status).toBe(200);
    const parsed = JSON.parse(list.text) as {
      data: { slug: string; licence: { spdx: string }; contributors: { name: string }[] }[];
    };
    expect(parsed.data.map((o) => o.slug)).toEqual([published.slug]);
    expect(parsed.data[0]!.licence.spdx).toBe("OGL-UK-3.0");
    expect(parsed.data[0]!.contributors.map((c) => c.name).sort()).toEqual(["A volunteer", "Public Pat"]);
    const one = await get(apiOne, `/api/v1/outcomes/${published.slug}`, { slug: published.slug });
    expect(one.status).toBe(200);
    expect(one.text).toContain("Drain ratings");
    for (const answer of [list, one]) {
      expect(answer.text).not.toContain(DRAFT_SUMMARY);
      expect(answer.text).not.toContain(PERSONAL_DATASET);
      expect(answer.text).not.toContain(published.hiddenMemberName);
    }
    const draft = await get(apiOne, `/api/v1/outcomes/${draftSlug}`, { slug: draftSlug });
    expect(draft.status).toBe(404);
    expect(JSON.parse(draft.text)).toEqual({ error: { message: "There is no published outcome with this slug." } });
  });

  test("bad query parameters answer 400 with a JSON error naming each", async () => {
    const bad = await get(apiList, "/api/v1/outcomes?year=twenty&page=0&theme=a&theme=b");
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error.fields).toEqual({
      year: "Year must be four digits, like 2026",
      page: "Page must be a whole number from 1 to 9999",
      theme: "Give this only once",
    });
  });

  test("the filters narrow by theme, council, skill and year", async () => {
    const year = new Date().getUTCFullYear();
    const match = await get(
      apiList,
      `/api/v1/outcomes?theme=environment-and-climate&skill=geospatial-analysis&year=${year}`,
    );
    expect(JSON.parse(match.text).meta.total).toBe(1);
    for (const query of ["theme=housing", "skill=python", `year=${year - 1}`, "council=no-such-council"]) {
      expect(JSON.parse((await get(apiList, `/api/v1/outcomes?${query}`)).text).meta.total).toBe(0);
    }
  });

  test("the CSV and the Atom feed carry it (its title escaped) and nothing restricted", async () => {
    const csv = await get(csvLoader, "/outcomes.csv");
    expect(csv.status).toBe(200);
    expect(csv.text.split("\r\n")[0]).toContain("licence");
    expect(csv.text).toContain("OGL-UK-3.0");
    const atom = await get(feedLoader, "/feeds/outcomes.atom");
    expect(atom.headers.get("content-type")).toContain("application/atom+xml");
    expect(atom.text).toContain(`/outcomes/${published.slug}`);
    expect(atom.text).toContain("Flood map &lt;/script&gt;");
    for (const answer of [csv, atom]) {
      expect(answer.text).not.toContain(DRAFT_SUMMARY);
      expect(answer.text).not.toContain(PERSONAL_DATASET);
      expect(answer.text).not.toContain(published.hiddenMemberName);
    }
  });

  test("the page has schema.org JSON-LD that no title can break out of; hidden people are not named", async () => {
    const page = await settle(
      pageLoader({ request: getRequest(`/outcomes/${published.slug}`), params: { slug: published.slug }, context }),
    );
    const { body: data } = unwrap(page) as {
      body: { jsonLd: string; contributors: { name: string; href: string | null }[] };
    };
    expect(data.jsonLd).not.toContain("</script>");
    const ld = JSON.parse(data.jsonLd) as Record<string, unknown>;
    expect(ld).toMatchObject({
      "@type": "CreativeWork",
      name: HOSTILE_TITLE,
      license: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
      author: [{ name: "Public Pat" }],
      about: { name: expect.any(String) },
    });
    expect(data.contributors).toEqual(
      expect.arrayContaining([
        { name: "A volunteer", href: null, role: "Data analyst", lead: false },
        { name: "Public Pat", href: `/people/${published.leadId}`, role: "Data analyst", lead: true },
      ]),
    );
    expect(JSON.stringify(data)).not.toContain(PERSONAL_DATASET);
  });

  test("an outcome waiting for sign-off is not found by the public, and not in the gallery", async () => {
    const draft = await get(pageLoader, `/outcomes/${draftSlug}`, { slug: draftSlug });
    expect(draft.status).toBe(404);
    const gallery = await get(galleryLoader, "/outcomes");
    expect(gallery.text).toContain(published.slug);
    expect(gallery.text).not.toContain(DRAFT_SUMMARY);
  });

  test("the challenge links to its outcome; the lead's public profile credits them", async () => {
    const challenge = await get(challengeLoader, `/challenges/${published.challengeSlug}`, {
      slug: published.challengeSlug,
    });
    expect(challenge.text).toContain(`"slug":"${published.slug}"`);
    const profile = await get(personLoader, `/people/${published.leadId}`, { userId: published.leadId });
    expect(profile.text).toContain(`"slug":"${published.slug}"`);
  });

  test("the OpenAPI document describes the outcome endpoints", async () => {
    const doc = JSON.parse((await get(openApi, "/api/v1/openapi.json")).text) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/outcomes", "/outcomes/{slug}"]));
    expect(doc.components.schemas.Outcome).toBeTruthy();
  });
});
