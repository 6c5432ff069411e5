import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  SKILL_CATEGORIES,
  SKILL_CATEGORY_VALUES,
  SkillTaxonomyError,
  defaultSkillTaxonomyPath,
  loadSkillTaxonomy,
  searchSynonyms,
  skillFileLinks,
  skillCategoryLabel,
  synonymKey,
} from "./skill-taxonomy.server";

const taxonomy = loadSkillTaxonomy();
const synonyms = searchSynonyms(taxonomy);

function expectMutual(a: string, b: string) {
  expect(synonyms[a], `"${a}" should be a synonym key`).toContain(b);
  expect(synonyms[b], `"${b}" should be a synonym key`).toContain(a);
}

describe("the shipped skill taxonomy", () => {
  it("loads from prisma/data/skills.yaml relative to the project root", () => {
    expect(taxonomy.source).toBe(path.resolve(process.cwd(), "prisma/data/skills.yaml"));
    expect(defaultSkillTaxonomyPath()).toBe(taxonomy.source);
    expect(loadSkillTaxonomy("prisma/data/skills.yaml").skills).toEqual(taxonomy.skills);
  });

  it("has between 60 and 200 skills", () => {
    expect(taxonomy.skills.length).toBeGreaterThanOrEqual(60);
    expect(taxonomy.skills.length).toBeLessThanOrEqual(200);
  });

  it("links tools and narrower methods to the broader skills they imply", () => {
    const links = skillFileLinks(taxonomy).filter((l) => l.kind === "broader");
    const implies = (from: string, to: string) => links.some((l) => l.from === from && l.to === to);
    expect(implies("arcgis", "geospatial-analysis")).toBe(true);
    expect(implies("qgis", "geospatial-analysis")).toBe(true);
    expect(implies("postgis", "geospatial-analysis")).toBe(true);
    expect(implies("mysql", "sql")).toBe(true);
    expect(implies("postgresql", "sql")).toBe(true);
    expect(implies("logistic-regression", "regression")).toBe(true);
    expect(implies("regression", "statistical-analysis")).toBe(true);
    expect(implies("flood-risk-modelling", "hydrology")).toBe(true);
  });

  it("covers every category with at least 3 skills", () => {
    for (const category of SKILL_CATEGORY_VALUES) {
      const count = taxonomy.skills.filter((s) => s.category === category).length;
      expect(count, `skills in ${category}`).toBeGreaterThanOrEqual(3);
    }
  });

  it("uses the same categories as the Prisma SkillCategory enum", () => {
    const schema = readFileSync(path.resolve(process.cwd(), "prisma/schema.prisma"), "utf8");
    const body = /enum\s+SkillCategory\s*\{([^}]*)\}/.exec(schema)?.[1];
    expect(body, "enum SkillCategory in prisma/schema.prisma").toBeDefined();
    const values = (body ?? "")
      .split("\n")
      .map((line) => line.replace(/\/\/.*$/, "").trim())
      .filter(Boolean);
    expect([...values].sort()).toEqual([...SKILL_CATEGORY_VALUES].sort());
  });

  it("labels categories for people", () => {
    expect(skillCategoryLabel("data_engineering")).toBe("Data engineering");
    expect(skillCategoryLabel("geospatial")).toBe("GIS and geospatial");
    expect(SKILL_CATEGORIES.map((c) => c.value)).toEqual(SKILL_CATEGORY_VALUES);
    for (const { label } of SKILL_CATEGORIES) expect(label).toMatch(/^[A-Z]/);
  });

  it("describes each skill in one plain sentence", () => {
    for (const skill of taxonomy.skills) {
      expect(skill.description, skill.slug).toMatch(/^[A-Z].*\.$/);
      expect(skill.description, skill.slug).not.toMatch(/[.!?]\s+\S/);
    }
  });

  it("includes the skills people search for", () => {
    const terms = [
      "python",
      "r programming",
      "sql",
      "excel",
      "power query",
      "dbt",
      "airflow",
      "apis",
      "web scraping",
      "open data publishing",
      "data cleaning",
      "postgresql",
      "forecasting",
      "regression",
      "survey design",
      "a/b testing",
      "geospatial analysis",
      "gis",
      "qgis",
      "arcgis",
      "spatial statistics",
      "address matching",
      "uprn",
      "machine learning",
      "nlp",
      "computer vision",
      "data visualisation",
      "data visualization",
      "dataviz",
      "dashboards",
      "power bi",
      "tableau",
      "user interviews",
      "usability testing",
      "service design",
      "dpia",
      "uk gdpr",
      "data sharing agreements",
      "anonymisation",
      "pseudonymisation",
      "data ethics",
      "agile delivery",
      "stakeholder engagement",
      "adult social care",
      "children's services",
      "housing",
      "transport",
      "public health",
      "environment and climate",
      "town planning",
      "waste",
      "community safety",
      "local government finance",
    ];
    for (const term of terms) expect(Object.keys(synonyms), term).toContain(term);
  });

  it("lists US spellings of British words as synonyms", () => {
    const usSpelling: [RegExp, (word: string) => string][] = [
      [/isation$/, (w) => w.replace(/isation$/, "ization")],
      // Not every -ised word ("supervised") has a -ized spelling, so only the -ise verbs.
      [
        /^(generali|randomi|standardi|speciali|organi|prioriti|optimi|visuali|anonymi)sed$/,
        (w) => w.replace(/sed$/, "zed"),
      ],
      [/modelling$/, (w) => w.replace(/modelling$/, "modeling")],
      [/^programme$/, () => "program"],
      [/^behaviour$/, () => "behavior"],
    ];
    for (const skill of taxonomy.skills) {
      const words = new Set(
        [skill.name, ...skill.synonyms].flatMap((t) => t.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter(Boolean),
      );
      for (const word of words) {
        for (const [pattern, toUs] of usSpelling) {
          if (pattern.test(word)) expect([...words], `${skill.slug}: US spelling of "${word}"`).toContain(toUs(word));
        }
      }
    }
  });

  it("gives every skill a search term of at most three words (Meilisearch's synonym limit)", () => {
    for (const skill of taxonomy.skills) {
      const short = [skill.name, ...skill.synonyms].some((t) => t.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length <= 3);
      expect(short, skill.slug).toBe(true);
    }
  });
});

describe("searchSynonyms", () => {
  it("maps the required pairs both ways", () => {
    expectMutual("gis", "geospatial analysis");
    expectMutual("ml", "machine learning");
    expectMutual("power bi", "powerbi");
    expectMutual("postgresql", "postgres");
  });

  it("is symmetric, lower-cased and never maps a term to itself", () => {
    for (const [term, others] of Object.entries(synonyms)) {
      expect(term).toBe(term.toLowerCase());
      expect(others).not.toContain(term);
      expect(new Set(others).size).toBe(others.length);
      expect(others.length).toBeLessThanOrEqual(50); // Meilisearch's per-term limit
      for (const other of others) {
        expect(other).toBe(other.toLowerCase());
        expect(synonyms[other], `${other} → ${term}`).toContain(term);
      }
    }
  });

  it("has one key for every name and synonym", () => {
    const count = taxonomy.skills.reduce((n, s) => n + 1 + s.synonyms.length, 0);
    expect(Object.keys(synonyms)).toHaveLength(count);
  });
});

describe("loading a broken taxonomy", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "nettle-skills-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const entry = (slug: string, name: string, category = "analysis", synonyms: string[] = []) =>
    [
      `  - slug: ${slug}`,
      `    name: ${JSON.stringify(name)}`,
      `    category: ${category}`,
      `    description: Something useful.`,
      `    synonyms: ${JSON.stringify(synonyms)}`,
    ].join("\n");
  const linked = (slug: string, links: { broader?: string[]; related?: string[] }) =>
    [
      entry(slug, slug.toUpperCase()),
      ...Object.entries(links).flatMap(([field, slugs]) => [`    ${field}:`, ...slugs.map((s) => `      - ${s}`)]),
    ].join("\n");

  let fileNumber = 0;
  function load(...entries: string[]) {
    const file = path.join(dir, `skills-${++fileNumber}.yaml`);
    writeFileSync(file, `# test\nskills:\n${entries.join("\n")}\n`);
    return () => loadSkillTaxonomy(file);
  }

  function failure(run: () => unknown): SkillTaxonomyError {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(SkillTaxonomyError);
      return error as SkillTaxonomyError;
    }
    throw new Error("expected the taxonomy to be rejected");
  }

  it("accepts a small valid file", () => {
    const result = load(entry("gis", "Geospatial analysis", "geospatial", ["GIS"]), entry("sql", "SQL"))();
    expect(result.skills.map((s) => s.slug)).toEqual(["gis", "sql"]);
    expect(searchSynonyms(result)).toEqual({ "geospatial analysis": ["gis"], gis: ["geospatial analysis"], sql: [] });
  });

  it("rejects a duplicate slug, naming both entries", () => {
    const error = failure(load(entry("sql", "SQL"), entry("python", "Python"), entry("sql", "Structured queries")));
    expect(error.message).toMatch(
      /skill "sql" \("Structured queries", line \d+\): duplicate slug "sql", already used by skill "sql" \("SQL", line 3\)/,
    );
  });

  it("rejects an unknown category, naming the entry", () => {
    const error = failure(load(entry("sql", "SQL"), entry("qgis", "QGIS", "gis")));
    expect(error.message).toContain('skill "qgis"');
    expect(error.message).toContain('unknown category "gis"');
  });

  it("rejects a synonym that is another skill's name, ignoring case", () => {
    const error = failure(load(entry("python", "Python"), entry("pandas", "pandas", "analysis", ["PYTHON"])));
    expect(error.message).toContain('skill "pandas"');
    expect(error.message).toMatch(/synonym "PYTHON" collides with the name of skill "python"/);
  });

  it("rejects a synonym listed under two skills, ignoring case and accents", () => {
    const error = failure(
      load(
        entry("power-bi", "Power BI", "visualisation", ["Dashboards"]),
        entry("tableau", "Tableau", "visualisation", ["dashboards"]),
      ),
    );
    expect(error.message).toMatch(/skill "tableau".*synonym "dashboards" collides with a synonym of skill "power-bi"/);

    const accents = failure(load(entry("a", "Café data", "analysis", ["cafes"]), entry("b", "Cafe data", "analysis")));
    expect(accents.message).toContain('skill "b"');
  });

  it("rejects a duplicate name and an empty name", () => {
    expect(failure(load(entry("sql", "SQL"), entry("sql-2", "sql"))).message).toMatch(
      /skill "sql-2".*duplicate name "sql"/,
    );
    expect(failure(load(entry("blank", "   "))).message).toMatch(/skill "blank".*name must not be empty/);
  });

  it("rejects a synonym that repeats the skill's own name", () => {
    expect(failure(load(entry("sql", "SQL", "analysis", ["sql"]))).message).toMatch(
      /skill "sql".*repeats the skill's own name/,
    );
  });

  it("rejects bad slugs, unknown fields and broken YAML", () => {
    expect(failure(load(entry("Power_BI", "Power BI"))).message).toMatch(/skill "Power_BI".*kebab-case/);
    expect(failure(load(`${entry("sql", "SQL")}\n    synonym: [oops]`)).message).toMatch(
      /skill "sql".*unknown field "synonym"/,
    );
    expect(failure(load("  - slug: [unclosed")).message).toMatch(/YAML syntax/);
  });

  it("reads broader and related links", () => {
    const result = load(
      linked("arcgis", { broader: ["gis"], related: ["sql"] }),
      entry("gis", "GIS"),
      entry("sql", "SQL"),
    )();
    expect(skillFileLinks(result)).toEqual([
      { from: "arcgis", to: "gis", kind: "broader" },
      { from: "arcgis", to: "sql", kind: "related" },
    ]);
  });

  it("rejects a link to an unknown slug, with the link's line", () => {
    const error = failure(load(entry("gis", "GIS"), linked("arcgis", { broader: ["gis", "geospatial"] })));
    expect(error.message).toMatch(
      /skill "arcgis" \("ARCGIS", line 8\): broader "geospatial" \(line 15\) is not a skill in this file/,
    );
  });

  it("rejects a skill linked to itself", () => {
    expect(failure(load(linked("sql", { related: ["sql"] }))).message).toMatch(
      /skill "sql".*related "sql" \(line \d+\) links the skill to itself/,
    );
  });

  it("rejects a link listed twice, and a related pair listed from both ends", () => {
    expect(failure(load(entry("gis", "GIS"), linked("qgis", { broader: ["gis", "gis"] }))).message).toMatch(
      /skill "qgis".*broader "gis" \(line \d+\) repeats a link already listed by skill "qgis"/,
    );
    expect(failure(load(linked("gis", { related: ["sql"] }), linked("sql", { related: ["gis"] }))).message).toMatch(
      /skill "sql".*related "gis" \(line \d+\) repeats a link already listed by skill "gis"/,
    );
  });

  it("rejects a pair that is both broader and related", () => {
    expect(failure(load(linked("qgis", { broader: ["gis"] }), linked("gis", { related: ["qgis"] }))).message).toMatch(
      /skill "gis".*related "qgis" \(line \d+\) is both broader and related/,
    );
  });

  it("rejects a cycle of broader links, naming its path", () => {
    const error = failure(
      load(
        linked("a", { broader: ["b"] }),
        linked("b", { broader: ["c"] }),
        linked("c", { broader: ["a"] }),
        entry("d", "D"),
      ),
    );
    expect(error.problems).toHaveLength(1);
    expect(error.message).toMatch(/broader links form a cycle: a → b → c → a/);
  });

  it("rejects links that are not lists of slugs", () => {
    expect(failure(load(`${entry("sql", "SQL")}\n    broader: sql`)).message).toMatch(
      /skill "sql".*broader must be a list of slugs/,
    );
  });

  it("reports every problem at once", () => {
    const error = failure(load(entry("a", "A", "nope"), entry("b", "B"), entry("b", "C")));
    expect(error.problems).toHaveLength(2);
  });

  it("names the file when it cannot be read", () => {
    const missing = path.join(dir, "missing.yaml");
    expect(failure(() => loadSkillTaxonomy(missing)).message).toContain(missing);
  });
});

describe("synonymKey", () => {
  it("ignores case, accents and spacing", () => {
    expect(synonymKey("  Café   Data ")).toBe("cafe data");
  });
});
