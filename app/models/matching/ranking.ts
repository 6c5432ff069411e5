import type { SkillImportance, SkillLevel } from "~/generated/prisma/enums";

// How well one person fits one challenge, and why, in words. Pure: both directions ("people
// for a challenge" and "challenges for you") feed it rows already read from PostgreSQL and the
// skills graph, so the same rules rank and explain everywhere and can be tested without I/O.

export interface NeededSkill {
  id: string;
  name: string;
  importance: SkillImportance;
}

export interface HeldSkill {
  id: string;
  level: SkillLevel;
}

export interface ThemeRef {
  id: string;
  name: string;
}

/** What ranking needs of the skills graph (app/models/taxonomy/graph.server.ts). */
export interface GraphView {
  skills: ReadonlyMap<string, { name: string }>;
  implied(id: string): { id: string; via: string[] }[];
}

export interface Candidate {
  skills: HeldSkill[];
  themeIds: string[];
  region: string | null;
  remoteOk: boolean;
  hoursPerWeek: number | null;
  /** Hours a week already given to teams the person was accepted into and has not left. */
  committedHours: number;
}

export interface ChallengeNeeds {
  skills: NeededSkill[];
  themes: ThemeRef[];
  /** The council's region. */
  region: string | null;
}

export interface CoveredSkill {
  name: string;
  importance: SkillImportance;
  level: SkillLevel;
  /** Null for a skill held directly; otherwise the path from the skill held: ["ArcGIS", "Geospatial analysis"]. */
  via: string[] | null;
}

export interface Match {
  /** 0 to ~1.1: weighted skill coverage, plus a little for shared interests and being local. */
  score: number;
  covered: CoveredSkill[];
  missingEssential: string[];
  missingHelpful: string[];
  sharedThemes: string[];
  hoursPerWeek: number | null;
  committedHours: number;
  /** Null when the person gave no hours. */
  hoursFree: number | null;
  atCapacity: boolean;
  place: "region" | "remote" | "anywhere" | "elsewhere";
  region: string | null;
}

// Essential skills weigh three times helpful ones; a learner counts for half an expert; a
// broader skill reached through the graph counts for 0.45 of holding it, so even an expert's
// implied match (0.45) stays below a learner's direct one (0.5).
export const IMPORTANCE_WEIGHT: Record<SkillImportance, number> = { essential: 3, helpful: 1 };
export const LEVEL_WEIGHT: Record<SkillLevel, number> = { expert: 1, practised: 0.8, learning: 0.5 };
export const IMPLIED_WEIGHT = 0.45;
const THEME_BONUS = 0.05;
const LOCAL_BONUS = 0.03;

const levelOrder: SkillLevel[] = ["learning", "practised", "expert"];

export function scoreMatch(needs: ChallengeNeeds, person: Candidate, graph: GraphView): Match {
  const held = new Map(person.skills.map((s) => [s.id, s.level]));
  // For each broader skill the person reaches through the graph: the best level and the
  // shortest path that reaches it.
  const reached = new Map<string, { level: SkillLevel; via: string[] }>();
  for (const skill of person.skills) {
    for (const up of graph.implied(skill.id)) {
      const known = reached.get(up.id);
      const better =
        !known ||
        levelOrder.indexOf(skill.level) > levelOrder.indexOf(known.level) ||
        (skill.level === known.level && up.via.length < known.via.length);
      if (better) reached.set(up.id, { level: skill.level, via: up.via });
    }
  }

  let gained = 0;
  let possible = 0;
  const covered: CoveredSkill[] = [];
  const missingEssential: string[] = [];
  const missingHelpful: string[] = [];
  // Essential first, then by name: explanations list skills in one predictable order.
  const ordered = [...needs.skills].sort(
    (a, b) =>
      IMPORTANCE_WEIGHT[b.importance] - IMPORTANCE_WEIGHT[a.importance] || a.name.localeCompare(b.name, "en-GB"),
  );
  for (const need of ordered) {
    const weight = IMPORTANCE_WEIGHT[need.importance];
    possible += weight;
    const direct = held.get(need.id);
    const viaGraph = reached.get(need.id);
    const directValue = direct ? LEVEL_WEIGHT[direct] : 0;
    const impliedValue = viaGraph ? LEVEL_WEIGHT[viaGraph.level] * IMPLIED_WEIGHT : 0;
    if (direct && directValue >= impliedValue) {
      gained += weight * directValue;
      covered.push({ name: need.name, importance: need.importance, level: direct, via: null });
    } else if (viaGraph) {
      gained += weight * impliedValue;
      covered.push({ name: need.name, importance: need.importance, level: viaGraph.level, via: viaGraph.via });
    } else {
      (need.importance === "essential" ? missingEssential : missingHelpful).push(need.name);
    }
  }

  const interests = new Set(person.themeIds);
  const sharedThemes = needs.themes.filter((t) => interests.has(t.id)).map((t) => t.name);
  const place =
    person.region === null
      ? "anywhere"
      : needs.region !== null && person.region === needs.region
        ? "region"
        : person.remoteOk
          ? "remote"
          : "elsewhere";
  const hoursFree = person.hoursPerWeek === null ? null : Math.max(0, person.hoursPerWeek - person.committedHours);
  const atCapacity = hoursFree !== null && hoursFree <= 0;

  const coverage = possible === 0 ? 0 : gained / possible;
  const score = coverage + (sharedThemes.length > 0 ? THEME_BONUS : 0) + (place === "region" ? LOCAL_BONUS : 0);
  return {
    score: Math.round(score * 10_000) / 10_000,
    covered,
    missingEssential,
    missingHelpful,
    sharedThemes,
    hoursPerWeek: person.hoursPerWeek,
    committedHours: person.committedHours,
    hoursFree,
    atCapacity,
    place,
    region: person.region,
  };
}

// Spreading the work: a person already holding pending invitations sinks a little (never more
// than 0.03, less than the gap between a direct and an implied match of one helpful skill), and
// equal scores are ordered by a per-challenge jitter instead of one fixed order, so the same
// people do not top every list.
export const LOAD_PENALTY = 0.01;
export const LOAD_PENALTY_CAP = 3;

export function rankScore(match: Match, pendingInvitations: number) {
  return match.score - LOAD_PENALTY * Math.min(LOAD_PENALTY_CAP, pendingInvitations);
}

/** The order results are shown in: people with hours first, then by rank score, then `tieBreak`. */
export function compareMatches<T extends { match: Match; rank: number; tieBreak: number }>(a: T, b: T): number {
  if (a.match.atCapacity !== b.match.atCapacity) return a.match.atCapacity ? 1 : -1;
  if (a.rank !== b.rank) return b.rank - a.rank;
  return a.tieBreak - b.tieBreak;
}

const levelWords: Record<SkillLevel, string> = { learning: "learning", practised: "practised", expert: "expert" };

function listWords(items: string[]) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function coveredWords(skill: CoveredSkill) {
  return skill.via
    ? `${skill.name} (through ${skill.via[0]}, ${levelWords[skill.level]})`
    : `${skill.name} (${levelWords[skill.level]})`;
}

export interface ExplanationLine {
  label: string;
  text: string;
}

/**
 * The match in words, one line per fact. The covered and missing lines name exactly the
 * challenge's skills the person has and has not (tested): nothing is rounded away.
 */
export function explainMatch(match: Match): ExplanationLine[] {
  const lines: ExplanationLine[] = [];
  const essential = match.covered.filter((s) => s.importance === "essential");
  const helpful = match.covered.filter((s) => s.importance === "helpful");
  lines.push({
    label: "Essential skills",
    text:
      essential.length === 0 && match.missingEssential.length === 0
        ? "None asked for"
        : [
            essential.length ? `Has ${listWords(essential.map(coveredWords))}` : "Has none of them",
            match.missingEssential.length ? `missing ${listWords(match.missingEssential)}` : "none missing",
          ].join("; "),
  });
  if (helpful.length || match.missingHelpful.length) {
    lines.push({
      label: "Helpful skills",
      text: [
        helpful.length ? `Has ${listWords(helpful.map(coveredWords))}` : "Has none of them",
        match.missingHelpful.length ? `missing ${listWords(match.missingHelpful)}` : "none missing",
      ].join("; "),
    });
  }
  const implied = match.covered.filter((s) => s.via);
  if (implied.length) {
    lines.push({ label: "Implied by the skills graph", text: implied.map((s) => s.via!.join(" → ")).join("; ") });
  }
  lines.push({ label: "Time", text: hoursWords(match) });
  lines.push({ label: "Where", text: placeWords(match) });
  if (match.sharedThemes.length)
    lines.push({ label: "Interests", text: `Interested in ${listWords(match.sharedThemes)}` });
  return lines;
}

export function hoursWords(match: Pick<Match, "hoursPerWeek" | "committedHours" | "hoursFree">) {
  if (match.hoursPerWeek === null || match.hoursFree === null) return "Hours a week not given";
  const committed = `${match.committedHours} of ${match.hoursPerWeek} committed`;
  if (match.hoursFree <= 0) return `No hours free (${committed})`;
  const free = `${match.hoursFree} ${match.hoursFree === 1 ? "hour" : "hours"} a week free`;
  return match.committedHours > 0 ? `${free} (${committed})` : free;
}

function placeWords(match: Match) {
  switch (match.place) {
    case "region":
      return `In ${match.region}`;
    case "remote":
      return `Remote (based in ${match.region})`;
    case "anywhere":
      return "Anywhere, remote or in person";
    case "elsewhere":
      return `In ${match.region}, not remote`;
  }
}

/** A number in [0, 1) fixed for a pair of ids: the order among equal scores, different per challenge. */
export function pairJitter(a: string, b: string): number {
  // FNV-1a over both ids: cheap, stable across processes, well spread for short strings.
  let hash = 0x811c9dc5;
  const text = `${a}|${b}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 2 ** 32;
}

/**
 * How concentrated top-10 appearances are across many lists: the share of all slots held by
 * the most-shown 5% of the people who could have appeared (`eligible`, or everyone who did),
 * and the Gini coefficient of appearances over those people (0: all shown equally often).
 */
export function exposureConcentration(
  lists: string[][],
  eligible: Iterable<string> = [],
): { topShare: number; gini: number; people: number; shown: number; slots: number } {
  const counts = new Map<string, number>();
  for (const id of eligible) counts.set(id, 0);
  let slots = 0;
  for (const list of lists) {
    for (const id of list) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
      slots++;
    }
  }
  const sorted = [...counts.values()].sort((a, b) => b - a);
  const top = Math.max(1, Math.ceil(sorted.length * 0.05));
  const topShare = slots === 0 ? 0 : sorted.slice(0, top).reduce((sum, n) => sum + n, 0) / slots;
  const ascending = [...sorted].reverse();
  const n = ascending.length;
  const weighted = ascending.reduce((sum, x, i) => sum + (i + 1) * x, 0);
  const gini = n === 0 || slots === 0 ? 0 : (2 * weighted) / (n * slots) - (n + 1) / n;
  return { topShare, gini, people: n, shown: sorted.filter((x) => x > 0).length, slots };
}
