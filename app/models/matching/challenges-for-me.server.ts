import { publicChallenges } from "~/models/challenges/policy.server";
import { PER_PAGE } from "~/models/matching/people.server";
import {
  compareMatches,
  explainMatch,
  hoursWords,
  pairJitter,
  scoreMatch,
  type Candidate,
  type ExplanationLine,
  type Match,
} from "~/models/matching/ranking";
import type { Actor } from "~/models/platform/actor";
import { currentSkillGraph } from "~/models/matching/skill-graph-cache.server";
import { prisma } from "~/services/db.server";
import { getSearch } from "~/services/search.server";

// "Challenges for you": the other direction. The person's skills, and the broader skills they
// imply, find open challenges in the public challenges index; PostgreSQL says what each
// challenge asks for now; the same ranking module scores and explains each one.

const CANDIDATES = 300;

export interface ChallengeResult {
  slug: string;
  title: string;
  councilName: string;
  area: string;
  match: Match;
  explanation: ExplanationLine[];
}

export type ChallengesForPerson =
  | { kind: "no-profile" }
  | { kind: "no-skills" }
  | {
      kind: "results";
      results: ChallengeResult[];
      total: number;
      page: number;
      totalPages: number;
      /** The person's own time, in words ("4 hours a week free (2 of 6 committed)"). */
      hours: string;
      atCapacity: boolean;
      degraded: boolean;
    };

const quote = (value: string) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** Open challenges ranked for the signed-in person's own profile. Reads only their own data. */
export async function challengesForPerson(actor: Actor, options: { page?: number } = {}): Promise<ChallengesForPerson> {
  const [profile, committed, graph] = await Promise.all([
    prisma.profile.findUnique({
      where: { userId: actor.id },
      select: {
        region: true,
        remoteOk: true,
        hoursPerWeek: true,
        skills: { select: { skillId: true, level: true } },
        interests: { select: { themeId: true } },
      },
    }),
    prisma.teamMember.aggregate({ where: { userId: actor.id, leftAt: null }, _sum: { hoursPerWeek: true } }),
    currentSkillGraph(),
  ]);
  if (!profile) return { kind: "no-profile" };
  if (profile.skills.length === 0) return { kind: "no-skills" };
  const person: Candidate = {
    skills: profile.skills.map((s) => ({ id: s.skillId, level: s.level })),
    themeIds: profile.interests.map((i) => i.themeId),
    region: profile.region,
    remoteOk: profile.remoteOk,
    hoursPerWeek: profile.hoursPerWeek,
    committedHours: committed._sum.hoursPerWeek ?? 0,
  };
  const reachable = new Set(person.skills.map((s) => s.id));
  for (const s of person.skills) for (const up of graph.implied(s.id)) reachable.add(up.id);

  let degraded = false;
  let ids: string[];
  try {
    const names = [...reachable].map((id) => graph.skills.get(id)?.name).filter((n): n is string => Boolean(n));
    const result = await getSearch()
      .index("challenges")
      .search("", {
        filter: `status = "open" AND skills IN [${names.map(quote).join(", ")}]`,
        limit: CANDIDATES,
        attributesToRetrieve: ["id"],
        sort: ["publishedAt:desc"],
      });
    ids = result.hits.map((hit) => String(hit.id));
  } catch {
    degraded = true;
    const rows = await prisma.challenge.findMany({
      where: { ...publicChallenges, status: "open", skills: { some: { skillId: { in: [...reachable] } } } },
      select: { id: true },
      orderBy: { publishedAt: "desc" },
      take: CANDIDATES,
    });
    ids = rows.map((row) => row.id);
  }

  // Read again through the public query: a challenge withdrawn a moment ago is not offered.
  const challenges = ids.length
    ? await prisma.challenge.findMany({
        where: { ...publicChallenges, status: "open", id: { in: ids } },
        select: {
          id: true,
          slug: true,
          title: true,
          area: true,
          organisation: { select: { name: true, region: true } },
          skills: { select: { importance: true, skill: { select: { id: true, name: true } } } },
          themes: { select: { theme: { select: { id: true, name: true } } } },
        },
      })
    : [];
  const scored = challenges
    .map((c) => {
      const match = scoreMatch(
        {
          skills: c.skills.map((s) => ({ id: s.skill.id, name: s.skill.name, importance: s.importance })),
          themes: c.themes.map((t) => t.theme),
          region: c.organisation.region,
        },
        person,
        graph,
      );
      // Capacity is the person's own, the same for every challenge: it does not reorder them.
      return {
        c,
        match: { ...match, atCapacity: false },
        shown: match,
        rank: match.score,
        tieBreak: pairJitter(actor.id, c.id),
      };
    })
    .filter((s) => s.match.covered.length > 0)
    .sort(compareMatches);

  const total = scored.length;
  const totalPages = Math.max(1, Math.ceil(total / PER_PAGE));
  const page = Math.min(options.page ?? 1, totalPages);
  const hoursFree = person.hoursPerWeek === null ? null : Math.max(0, person.hoursPerWeek - person.committedHours);
  return {
    kind: "results",
    results: scored.slice((page - 1) * PER_PAGE, page * PER_PAGE).map(({ c, shown }) => ({
      slug: c.slug,
      title: c.title,
      councilName: c.organisation.name,
      area: c.area,
      match: shown,
      explanation: explainMatch(shown).filter((line) => line.label !== "Time"),
    })),
    total,
    page,
    totalPages,
    hours: hoursWords({ hoursPerWeek: person.hoursPerWeek, committedHours: person.committedHours, hoursFree }),
    atCapacity: hoursFree !== null && hoursFree <= 0,
    degraded,
  };
}
