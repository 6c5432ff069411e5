// Team formation at hack-day scale. Target: a suggestion for 200 attendees across 12
// challenges in ≤ 2 s. Also: essential skills left uncovered (per team) and how far people are
// from their first choice — for HiGHS and, in the same run, the greedy baseline.
//   npm run bench:team-formation -- [attendees] [challenges] [runs]
// Pure: no database. The people are made from the shipped taxonomy (prisma/data/skills.yaml)
// with a seeded random generator: skills drawn with a skewed (Zipf-like) popularity, so a few
// are common (Python, SQL, Excel…) and many are rare, each held skill bringing the broader
// skills it implies; challenges ask for two or three essential skills, one of them often rare;
// people rank three challenges, with some challenges far more popular than others.
import { greedyTeams, suggestTeams, type FormationChallenge, type FormationInput, type FormationPerson, type FormationResult } from "~/models/event-teams/formation/solve";
import { formationSolver } from "~/models/event-teams/formation/solver.server";
import { loadSkillTaxonomy } from "~/models/taxonomy/skill-taxonomy.server";

const ATTENDEES = Number(process.argv[2] ?? 200);
const CHALLENGES = Number(process.argv[3] ?? 12);
const RUNS = Number(process.argv[4] ?? 5);

/** mulberry32: small, seeded, good enough for test data. */
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function zipfPicker<T>(items: T[], rand: () => number, exponent = 1) {
  const weights = items.map((_, i) => 1 / Math.pow(i + 1, exponent));
  const total = weights.reduce((a, b) => a + b, 0);
  return () => {
    let r = rand() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i]!;
      if (r <= 0) return items[i]!;
    }
    return items[items.length - 1]!;
  };
}

const taxonomy = loadSkillTaxonomy();
const broader = new Map(taxonomy.skills.map((s) => [s.slug, s.broader ?? []]));
const names = new Map(taxonomy.skills.map((s) => [s.slug, s.name]));
const implied = (slug: string): string[] => {
  const out = new Set<string>();
  const stack = [...(broader.get(slug) ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    if (out.has(next)) continue;
    out.add(next);
    stack.push(...(broader.get(next) ?? []));
  }
  return [...out];
};

function makeInput(seed: number): FormationInput {
  const rand = random(seed);
  // Common skills first so the Zipf draw favours them; the rest in a seeded shuffle.
  const common = ["python", "sql", "excel", "data-analysis", "data-visualisation", "statistical-analysis", "geospatial-analysis", "r"].filter((s) => names.has(s));
  const rest = taxonomy.skills.map((s) => s.slug).filter((s) => !common.includes(s)).sort(() => rand() - 0.5);
  const ordered = [...common, ...rest];
  const drawSkill = zipfPicker(ordered, rand, 1.1);
  const challenges: FormationChallenge[] = Array.from({ length: CHALLENGES }, (_, i) => {
    const essentials = new Set<string>();
    while (essentials.size < 2) essentials.add(ordered[Math.floor(rand() * 12)]!);
    // One challenge in two also asks for something rare.
    if (rand() < 0.5) essentials.add(ordered[20 + Math.floor(rand() * (ordered.length - 20))]!);
    return { id: `c${i}`, title: `Challenge ${i + 1}`, essentialSkills: [...essentials].map((slug) => ({ slug, name: names.get(slug)! })), teams: [] };
  });
  const drawChallenge = zipfPicker(challenges.map((c) => c.id), rand, 0.8);
  const people: FormationPerson[] = Array.from({ length: ATTENDEES }, (_, i) => {
    const held = new Set<string>();
    const count = 2 + Math.floor(rand() * 5);
    while (held.size < count) held.add(drawSkill());
    const skills = new Set([...held].flatMap((s) => [s, ...implied(s)]));
    const choices: string[] = [];
    while (choices.length < 3) {
      const c = drawChallenge();
      if (!choices.includes(c)) choices.push(c);
    }
    // One in ten does not share their skills.
    return { id: `p${i}`, name: `Person ${i + 1}`, choices, skills: rand() < 0.1 ? [] : [...skills].sort() };
  });
  return { people, challenges, teamSizeMin: 3, teamSizeMax: 6, maxTeamsPerChallenge: 4, ...(process.env.TIME_LIMIT ? { timeLimitSeconds: Number(process.env.TIME_LIMIT) } : {}) };
}

interface Row {
  ms: number;
  uncovered: number;
  result: FormationResult;
}

const solver = await formationSolver();
if (!solver) throw new Error("HiGHS did not load");

const summarise = (rows: Row[]) => {
  const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
  const mean = (f: (r: Row) => number) => rows.reduce((a, r) => a + f(r), 0) / rows.length;
  return {
    medianMs: ms[Math.floor(ms.length / 2)]!,
    maxMs: ms[ms.length - 1]!,
    uncovered: mean((r) => r.uncovered),
    teamsMissingASkill: mean((r) => r.result.teams.filter((t) => t.missing.length).length),
    teams: mean((r) => r.result.teams.length),
    first: mean((r) => r.result.byRank.first),
    second: mean((r) => r.result.byRank.second),
    third: mean((r) => r.result.byRank.third),
    unranked: mean((r) => r.result.byRank.unranked),
    unplaced: mean((r) => r.result.unplaced.length),
    meanDistance: mean((r) => r.result.meanDistance),
    proven: rows.filter((r) => r.result.method === "optimal").length,
  };
};

// Only gaps that some attendee could have filled count against a method: a skill nobody
// shares cannot be covered by any assignment.
const coverable = (input: FormationInput, result: FormationResult) => result.gaps.filter((g) => g.reason !== "nobody_shares").length;
const impossible = (input: FormationInput, result: FormationResult) => result.gaps.filter((g) => g.reason === "nobody_shares").length;

const highsRows: Row[] = [];
const greedyRows: Row[] = [];
let nobody = 0;
for (let run = 0; run < RUNS; run++) {
  const input = makeInput(1000 + run);
  let t = performance.now();
  const best = suggestTeams(input, solver);
  highsRows.push({ ms: performance.now() - t, uncovered: coverable(input, best), result: best });
  t = performance.now();
  const greedy = greedyTeams(input);
  greedyRows.push({ ms: performance.now() - t, uncovered: coverable(input, greedy), result: greedy });
  nobody += impossible(input, best);
}

const h = summarise(highsRows);
const g = summarise(greedyRows);
const f = (n: number, digits = 1) => n.toFixed(digits);
console.log(`Team formation: ${ATTENDEES} attendees, ${CHALLENGES} challenges, teams of 3–6, at most 4 per challenge, ${RUNS} seeded runs (means per run)`);
console.log(`| | HiGHS (MIP) | greedy baseline | ratio |`);
console.log(`|---|---|---|---|`);
console.log(`| time to a suggestion, median (max) | ${f(h.medianMs, 0)} ms (${f(h.maxMs, 0)} ms) | ${f(g.medianMs, 1)} ms (${f(g.maxMs, 1)} ms) | ${f(h.medianMs / Math.max(0.01, g.medianMs), 0)}× slower |`);
console.log(`| proven optimal | ${h.proven} of ${RUNS} | – | |`);
console.log(`| essential skills uncovered (team × skill, someone attending had it) | ${f(h.uncovered)} | ${f(g.uncovered)} | ${g.uncovered ? f(h.uncovered / g.uncovered, 2) : "–"} |`);
console.log(`| teams missing an essential skill | ${f(h.teamsMissingASkill)} of ${f(h.teams)} | ${f(g.teamsMissingASkill)} of ${f(g.teams)} | |`);
console.log(`| people at 1st / 2nd / 3rd / unranked choice | ${f(h.first)} / ${f(h.second)} / ${f(h.third)} / ${f(h.unranked)} | ${f(g.first)} / ${f(g.second)} / ${f(g.third)} / ${f(g.unranked)} | |`);
console.log(`| mean distance from first choice (ranks; unranked = 3) | ${f(h.meanDistance, 2)} | ${f(g.meanDistance, 2)} | ${g.meanDistance ? f(h.meanDistance / g.meanDistance, 2) : "–"} |`);
console.log(`| unplaced | ${f(h.unplaced)} | ${f(g.unplaced)} | |`);
console.log(`(gaps no assignment could fill — nobody attending shares the skill: ${f(nobody / RUNS)} a run, not counted above)`);
console.log(`target ≤ 2 s: ${h.maxMs <= 2000 ? "met" : "MISSED"}`);
