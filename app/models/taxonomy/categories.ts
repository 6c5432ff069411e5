// Skill categories, client-safe: the taxonomy file, its validator and the organisers' forms use them.

/** Skill categories, in display order, with their labels. Keys match the Prisma enum. */
export const SKILL_CATEGORIES = [
  { value: "analysis", label: "Data analysis" },
  { value: "statistics", label: "Statistics" },
  { value: "data_engineering", label: "Data engineering" },
  { value: "geospatial", label: "GIS and geospatial" },
  { value: "machine_learning", label: "Machine learning and AI" },
  { value: "visualisation", label: "Data visualisation" },
  { value: "web_development", label: "Web development" },
  { value: "user_research", label: "User research and design" },
  { value: "domain_expertise", label: "Public service knowledge" },
  { value: "data_protection", label: "Data protection and ethics" },
  { value: "project_management", label: "Delivery and project management" },
] as const;

/** Same union as Prisma's `SkillCategory` enum (a test checks the schema still agrees). */
export type SkillCategory = (typeof SKILL_CATEGORIES)[number]["value"];

export const SKILL_CATEGORY_VALUES = SKILL_CATEGORIES.map((c) => c.value) as [SkillCategory, ...SkillCategory[]];

export const SKILL_CATEGORY_LABELS: Readonly<Record<SkillCategory, string>> = Object.freeze(
  Object.fromEntries(SKILL_CATEGORIES.map((c) => [c.value, c.label])) as Record<SkillCategory, string>,
);

export function isSkillCategory(value: unknown): value is SkillCategory {
  return typeof value === "string" && (SKILL_CATEGORY_VALUES as readonly string[]).includes(value);
}

/** The human label for a category, e.g. "geospatial" → "GIS and geospatial". */
export function skillCategoryLabel(category: SkillCategory): string {
  return SKILL_CATEGORY_LABELS[category];
}
