import { readFileSync } from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";

/**
 * Nettle's skill taxonomy: the data-work skills councils ask for and people offer, kept as a
 * readable file in prisma/data/skills.yaml (format described in that file's header). The seed
 * writes it to the `skills` table and the search service turns it into Meilisearch synonyms.
 */

import {
  SKILL_CATEGORIES,
  SKILL_CATEGORY_LABELS,
  SKILL_CATEGORY_VALUES,
  isSkillCategory,
  skillCategoryLabel,
  type SkillCategory,
} from "~/models/taxonomy/categories";

export {
  SKILL_CATEGORIES,
  SKILL_CATEGORY_LABELS,
  SKILL_CATEGORY_VALUES,
  isSkillCategory,
  skillCategoryLabel,
  type SkillCategory,
};

export interface Skill {
  slug: string;
  name: string;
  category: SkillCategory;
  description: string;
  synonyms: string[];
  /** Slugs of the broader skills this one implies ("ArcGIS" → "geospatial-analysis"). */
  broader: string[];
  /** Slugs of skills wanted together but not implied; each pair is listed once. */
  related: string[];
}

/** A link of the skills graph as the file declares it. */
export interface SkillFileLink {
  from: string;
  to: string;
  kind: "broader" | "related";
}

export interface SkillTaxonomy {
  /** Absolute path of the file the taxonomy was read from. */
  source: string;
  /** Skills in file order. */
  skills: Skill[];
}

/** Thrown when the taxonomy file cannot be read, parsed or validated. */
export class SkillTaxonomyError extends Error {
  override name = "SkillTaxonomyError";
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(
      problems.length === 1
        ? `Invalid skill taxonomy ${file}: ${problems[0]}`
        : `Invalid skill taxonomy ${file} (${problems.length} problems):\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
  }
}

/** Meilisearch considers at most 50 synonyms per search term; a skill's group must fit. */
const MAX_SYNONYMS_PER_SKILL = 40;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = (field: string) =>
  z
    .string({ required_error: `${field} is missing`, invalid_type_error: `${field} must be text` })
    .transform((s) => s.trim().replace(/\s+/g, " "))
    .refine((s) => s.length > 0, `${field} must not be empty`);

const slugList = (field: string) =>
  z
    .array(z.string({ invalid_type_error: `${field} must list slugs` }).trim(), {
      invalid_type_error: `${field} must be a list of slugs`,
    })
    .nullish()
    .transform((list) => list ?? []);

const skillSchema = z
  .object({
    slug: z
      .string({ required_error: "slug is missing", invalid_type_error: "slug must be text" })
      .regex(SLUG, "slug must be kebab-case (a-z, 0-9 and single hyphens)"),
    name: text("name"),
    category: z.enum(SKILL_CATEGORY_VALUES, {
      errorMap: (issue, ctx) =>
        issue.code === "invalid_enum_value"
          ? {
              message: `unknown category "${String(issue.received)}" (expected one of ${SKILL_CATEGORY_VALUES.join(", ")})`,
            }
          : issue.code === "invalid_type" && issue.received === "undefined"
            ? { message: "category is missing" }
            : { message: ctx.defaultError },
    }),
    description: text("description"),
    synonyms: z
      .array(text("synonym"), { invalid_type_error: "synonyms must be a list" })
      .max(MAX_SYNONYMS_PER_SKILL, `at most ${MAX_SYNONYMS_PER_SKILL} synonyms per skill`)
      .nullish()
      .transform((list) => list ?? []),
    broader: slugList("broader"),
    related: slugList("related"),
  })
  .strict();

const fileSchema = z
  .object({ skills: z.array(z.unknown(), { required_error: "the file must have a top-level `skills` list" }) })
  .strict();

/**
 * The key two terms are compared by: case-, accent- and spacing-insensitive, because
 * Meilisearch lower-cases synonyms and strips their accents.
 */
export function synonymKey(term: string): string {
  return term.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().trim().replace(/\s+/g, " ");
}

/**
 * The shipped taxonomy file, resolved from process.cwd(): that is the project root whenever
 * Nettle runs through its npm scripts (start, dev, seed, reindex, worker, vitest) and, unlike
 * import.meta.url — does not move when the module is bundled into build/server/index.js.
 * Pass an explicit path to loadSkillTaxonomy to read another file.
 */
export function defaultSkillTaxonomyPath(): string {
  return path.resolve(process.cwd(), "prisma/data/skills.yaml");
}

/**
 * Reads, parses and validates the skill taxonomy. A relative `file` is resolved against
 * process.cwd(). Throws SkillTaxonomyError naming every offending entry (slug, name and line).
 */
export function loadSkillTaxonomy(file: string = defaultSkillTaxonomyPath()): SkillTaxonomy {
  const source = path.resolve(file);
  let raw: string;
  try {
    raw = readFileSync(source, "utf8");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SkillTaxonomyError(source, [
      `cannot read the file (${reason}); run from the project root or pass the path explicitly`,
    ]);
  }
  return parseSkillTaxonomy(raw, source);
}

/** Parses and validates taxonomy YAML already in memory; `source` is used in messages. */
export function parseSkillTaxonomy(yamlText: string, source = "skills.yaml"): SkillTaxonomy {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new SkillTaxonomyError(
      source,
      doc.errors.map((e) => `YAML syntax: ${e.message.split("\n")[0] ?? e.message}`),
    );
  }

  const top = fileSchema.safeParse(doc.toJS() ?? {});
  if (!top.success) {
    throw new SkillTaxonomyError(
      source,
      top.error.issues.map((i) =>
        i.code === "invalid_type" && i.path.length === 0
          ? "the file must be a mapping with a `skills` list"
          : i.message,
      ),
    );
  }
  const entries = top.data.skills;

  /** "skill "slug" ("Name", line 12)" or, failing that, "skill #3 (line 12)". */
  const describe = (index: number): string => {
    const entry = entries[index];
    const node = doc.getIn(["skills", index], true) as { range?: [number, number, number] } | undefined;
    const line = node?.range ? `line ${lineCounter.linePos(node.range[0]).line}` : undefined;
    const slug = isRecord(entry) && typeof entry.slug === "string" && entry.slug.trim() ? entry.slug.trim() : undefined;
    const name = isRecord(entry) && typeof entry.name === "string" && entry.name.trim() ? entry.name.trim() : undefined;
    const details = [slug && name ? `"${name}"` : undefined, line].filter(Boolean).join(", ");
    const head = slug ? `skill "${slug}"` : name ? `skill "${name}"` : `skill #${index + 1}`;
    return details ? `${head} (${details})` : head;
  };

  const problems: string[] = [];
  const skills: Skill[] = [];
  const skillIndex: number[] = []; // position in `entries` of each accepted skill

  entries.forEach((entry, index) => {
    const result = skillSchema.safeParse(entry);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const message =
          issue.code === "unrecognized_keys"
            ? `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`
            : issue.code === "invalid_type" && issue.path.length === 0
              ? "must be a mapping with slug, name, category, description and synonyms"
              : issue.message;
        problems.push(`${describe(index)}: ${message}`);
      }
      return;
    }
    skills.push(result.data);
    skillIndex.push(index);
  });

  // Uniqueness: slugs, names, and every search term (name or synonym) across the whole file.
  const slugOwner = new Map<string, number>();
  const termOwner = new Map<string, { skill: number; term: string; isName: boolean }>();
  skills.forEach((skill, i) => {
    const here = describe(skillIndex[i] ?? i);
    const there = (j: number) => describe(skillIndex[j] ?? j);

    const previousSlug = slugOwner.get(skill.slug);
    if (previousSlug !== undefined)
      problems.push(`${here}: duplicate slug "${skill.slug}", already used by ${there(previousSlug)}`);
    else slugOwner.set(skill.slug, i);

    const terms = [{ term: skill.name, isName: true }, ...skill.synonyms.map((term) => ({ term, isName: false }))];
    for (const { term, isName } of terms) {
      const key = synonymKey(term);
      const owner = termOwner.get(key);
      if (!owner) {
        termOwner.set(key, { skill: i, term, isName });
        continue;
      }
      const what = isName ? `name "${term}"` : `synonym "${term}"`;
      if (owner.skill === i) {
        problems.push(
          owner.isName
            ? `${here}: synonym "${term}" repeats the skill's own name`
            : `${here}: ${what} is listed twice (as "${owner.term}")`,
        );
      } else if (isName && owner.isName) {
        problems.push(`${here}: duplicate name "${term}", already used by ${there(owner.skill)}`);
      } else {
        const theirs = owner.isName
          ? `the name of ${there(owner.skill)}`
          : `a synonym of ${there(owner.skill)} ("${owner.term}")`;
        problems.push(`${here}: ${what} collides with ${theirs}; search synonyms must be unambiguous`);
      }
    }
  });

  problems.push(
    ...graphProblems(
      skills,
      (i) => describe(skillIndex[i] ?? i),
      (i, field, j) => {
        const node = doc.getIn(["skills", skillIndex[i] ?? i, field, j], true) as
          { range?: [number, number, number] } | undefined;
        return node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
      },
    ),
  );

  if (problems.length > 0) throw new SkillTaxonomyError(source, problems);
  return { source, skills };
}

/**
 * The graph's refusals: a link to a slug the file lacks, a skill linked to itself, a link
 * listed twice (a related pair counts once, whichever skill lists it) and cycles of broader
 * links, which would make every skill on the cycle imply all the others.
 */
function graphProblems(
  skills: Skill[],
  describe: (skill: number) => string,
  lineOf: (skill: number, field: "broader" | "related", position: number) => number | undefined,
): string[] {
  const problems: string[] = [];
  const position = new Map(skills.map((s, i) => [s.slug, i]));
  const seenPairs = new Map<string, string>();
  const at = (i: number, field: "broader" | "related", j: number) => {
    const line = lineOf(i, field, j);
    return line ? ` (line ${line})` : "";
  };
  skills.forEach((skill, i) => {
    for (const field of ["broader", "related"] as const) {
      skill[field].forEach((target, j) => {
        const where = `${describe(i)}: ${field} "${target}"${at(i, field, j)}`;
        if (!position.has(target)) return problems.push(`${where} is not a skill in this file`);
        if (target === skill.slug) return problems.push(`${where} links the skill to itself`);
        const pair = field === "related" ? [skill.slug, target].sort().join(" ") : `${skill.slug} ${target}`;
        const other = field === "related" ? "related" : "broader";
        const key = `${other} ${pair}`;
        const first = seenPairs.get(key);
        if (first) return problems.push(`${where} repeats a link already listed by ${first}`);
        seenPairs.set(key, describe(i));
        const crossKey =
          field === "related"
            ? [`broader ${skill.slug} ${target}`, `broader ${target} ${skill.slug}`]
            : [`related ${[skill.slug, target].sort().join(" ")}`];
        if (crossKey.some((k) => seenPairs.has(k))) problems.push(`${where} is both broader and related; choose one`);
      });
    }
  });
  // Cycles in broader: depth first, reporting each cycle once by its path.
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (slug: string) => {
    state.set(slug, "open");
    stack.push(slug);
    for (const up of skills[position.get(slug)!]!.broader) {
      if (!position.has(up) || up === slug) continue;
      if (state.get(up) === "open") {
        const cycle = [...stack.slice(stack.indexOf(up)), up];
        problems.push(`${describe(position.get(up)!)}: broader links form a cycle: ${cycle.join(" → ")}`);
      } else if (!state.has(up)) visit(up);
    }
    stack.pop();
    state.set(slug, "done");
  };
  for (const skill of skills) if (!state.has(skill.slug)) visit(skill.slug);
  return problems;
}

/** Every link the file declares, broader first, in file order. */
export function skillFileLinks(taxonomy: Pick<SkillTaxonomy, "skills">): SkillFileLink[] {
  return taxonomy.skills.flatMap((skill) => [
    ...skill.broader.map((to) => ({ from: skill.slug, to, kind: "broader" as const })),
    ...skill.related.map((to) => ({ from: skill.slug, to, kind: "related" as const })),
  ]);
}

/**
 * The Meilisearch `synonyms` setting: each skill's name and synonyms form one group in which
 * every term maps to all the others. Meilisearch only treats synonyms as multi-way when every
 * direction is listed, so every term is a key. Keys and values are lower-cased (Meilisearch
 * normalises them anyway, and this keeps the setting stable for comparison).
 */
export function searchSynonyms(taxonomy: {
  skills: readonly Pick<Skill, "name" | "synonyms">[];
}): Record<string, string[]> {
  const groups = new Map<string, Set<string>>();
  for (const skill of taxonomy.skills) {
    const terms = [
      ...new Set([skill.name, ...skill.synonyms].map((t) => t.toLowerCase().trim().replace(/\s+/g, " "))),
    ].filter((t) => t.length > 0);
    for (const term of terms) {
      const others = groups.get(term) ?? new Set<string>();
      for (const other of terms) if (other !== term) others.add(other);
      groups.set(term, others);
    }
  }
  // Object.fromEntries defines own properties, so even a term like "__proto__" is safe.
  return Object.fromEntries([...groups].map(([term, others]) => [term, [...others]]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
