import { buildSkillGraph, type SkillGraph } from "~/models/taxonomy/graph.server";
import { prisma } from "~/services/db.server";

// Matching reads the whole skills graph on every request. It changes rarely (organisers edit
// the taxonomy), so each process keeps the graph it built and asks PostgreSQL only for a
// fingerprint of the two tables — one small query instead of reading and rebuilding both.
// Any edit moves the fingerprint: an added or removed row changes a count, a rename or a
// changed synonym the skills' latest update, a new link the links' latest creation.

let cached: { fingerprint: string; graph: SkillGraph } | undefined;

export async function currentSkillGraph(): Promise<SkillGraph> {
  const [row] = await prisma.$queryRaw<{ fingerprint: string }[]>`
    SELECT concat_ws('|',
      (SELECT count(*) FROM skills), (SELECT max(updated_at) FROM skills),
      (SELECT count(*) FROM skill_links), (SELECT max(created_at) FROM skill_links)) AS fingerprint`;
  const fingerprint = row?.fingerprint ?? "";
  if (cached?.fingerprint === fingerprint) return cached.graph;
  const [rows, links] = await Promise.all([
    prisma.skill.findMany({ select: { id: true, slug: true, name: true, synonyms: true }, orderBy: { name: "asc" } }),
    prisma.skillLink.findMany({ select: { fromId: true, toId: true, kind: true } }),
  ]);
  cached = { fingerprint, graph: buildSkillGraph(rows, links) };
  return cached.graph;
}
