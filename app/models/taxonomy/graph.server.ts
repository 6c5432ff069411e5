import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/services/db.server";

// The skills graph as matching and search read it: each skill, the broader skills it implies
// (transitively: "MySQL" → "SQL" → "Data analysis"), and its related skills (not implied).
// This is the shared contract for the taxonomy, profiles and matching work; the taxonomy
// domain owns its data (prisma/data/skills.yaml, then organisers in the app).

export interface SkillNode {
  id: string;
  slug: string;
  name: string;
  synonyms: string[];
}

export interface ImpliedSkill {
  id: string;
  /** Names along the way, from the skill held to the implied one: ["ArcGIS", "Geospatial analysis"]. */
  via: string[];
}

export interface SkillGraph {
  skills: ReadonlyMap<string, SkillNode>;
  bySlug: ReadonlyMap<string, SkillNode>;
  /** Broader skills `id` implies, nearest first, each once; never `id` itself. */
  implied(id: string): ImpliedSkill[];
  /** Skills linked as related, either way round. */
  related(id: string): SkillNode[];
}

type Db = Prisma.TransactionClient | typeof prisma;

export async function loadSkillGraph(db: Db = prisma): Promise<SkillGraph> {
  const [rows, links] = await Promise.all([
    db.skill.findMany({ select: { id: true, slug: true, name: true, synonyms: true }, orderBy: { name: "asc" } }),
    db.skillLink.findMany({ select: { fromId: true, toId: true, kind: true } }),
  ]);
  return buildSkillGraph(rows, links);
}

export function buildSkillGraph(
  rows: SkillNode[],
  links: { fromId: string; toId: string; kind: "broader" | "related" }[],
): SkillGraph {
  const skills = new Map(rows.map((s) => [s.id, s]));
  const bySlug = new Map(rows.map((s) => [s.slug, s]));
  const broader = new Map<string, string[]>();
  const related = new Map<string, Set<string>>();
  for (const link of links) {
    if (!skills.has(link.fromId) || !skills.has(link.toId)) continue;
    if (link.kind === "broader") {
      broader.set(link.fromId, [...(broader.get(link.fromId) ?? []), link.toId]);
    } else {
      related.set(link.fromId, (related.get(link.fromId) ?? new Set()).add(link.toId));
      related.set(link.toId, (related.get(link.toId) ?? new Set()).add(link.fromId));
    }
  }
  const impliedCache = new Map<string, ImpliedSkill[]>();
  const implied = (id: string): ImpliedSkill[] => {
    const cached = impliedCache.get(id);
    if (cached) return cached;
    // Breadth first, so the nearest path to each broader skill is the one kept; a cycle in the
    // data (the validator refuses them) cannot loop.
    const start = skills.get(id);
    const found: ImpliedSkill[] = [];
    const seen = new Set([id]);
    let frontier = start ? [{ id, via: [start.name] }] : [];
    while (frontier.length) {
      const next: ImpliedSkill[] = [];
      for (const node of frontier) {
        for (const up of broader.get(node.id) ?? []) {
          if (seen.has(up)) continue;
          seen.add(up);
          const entry = { id: up, via: [...node.via, skills.get(up)!.name] };
          found.push(entry);
          next.push(entry);
        }
      }
      frontier = next;
    }
    impliedCache.set(id, found);
    return found;
  };
  return {
    skills,
    bySlug,
    implied,
    related: (id) => [...(related.get(id) ?? [])].map((r) => skills.get(r)!),
  };
}
