import { describe, expect, test } from "vitest";
import { buildSkillGraph } from "~/models/taxonomy/graph.server";
import {
  compareMatches,
  exposureConcentration,
  explainMatch,
  hoursWords,
  pairJitter,
  rankScore,
  scoreMatch,
  type Candidate,
  type ChallengeNeeds,
} from "~/models/matching/ranking";

// The ranking rules on their own, with a small graph: MySQL → SQL → Data analysis.

const graph = buildSkillGraph(
  [
    { id: "mysql", slug: "mysql", name: "MySQL", synonyms: [] },
    { id: "sql", slug: "sql", name: "SQL", synonyms: [] },
    { id: "analysis", slug: "analysis", name: "Data analysis", synonyms: [] },
    { id: "python", slug: "python", name: "Python", synonyms: [] },
  ],
  [
    { fromId: "mysql", toId: "sql", kind: "broader" },
    { fromId: "sql", toId: "analysis", kind: "broader" },
  ],
);

const needs = (skills: ChallengeNeeds["skills"]): ChallengeNeeds => ({ skills, themes: [], region: "London" });
const person = (overrides: Partial<Candidate>): Candidate => ({
  skills: [],
  themeIds: [],
  region: "London",
  remoteOk: true,
  hoursPerWeek: 6,
  committedHours: 0,
  ...overrides,
});

describe("scoring", () => {
  test("for every level, a direct match outranks an implied one", () => {
    const need = needs([{ id: "sql", name: "SQL", importance: "essential" }]);
    for (const direct of ["learning", "practised", "expert"] as const) {
      for (const through of ["learning", "practised", "expert"] as const) {
        const held = scoreMatch(need, person({ skills: [{ id: "sql", level: direct }] }), graph);
        const implied = scoreMatch(need, person({ skills: [{ id: "mysql", level: through }] }), graph);
        expect(held.score, `${direct} direct vs ${through} implied`).toBeGreaterThan(implied.score);
      }
    }
  });

  test("an implied match names its path, nearest first, through the graph's whole chain", () => {
    const match = scoreMatch(
      needs([{ id: "analysis", name: "Data analysis", importance: "helpful" }]),
      person({ skills: [{ id: "mysql", level: "expert" }] }),
      graph,
    );
    expect(match.covered).toEqual([
      { name: "Data analysis", importance: "helpful", level: "expert", via: ["MySQL", "SQL", "Data analysis"] },
    ]);
    expect(explainMatch(match)).toContainEqual({
      label: "Implied by the skills graph",
      text: "MySQL → SQL → Data analysis",
    });
  });

  test("essential skills weigh more than helpful ones", () => {
    const need = needs([
      { id: "sql", name: "SQL", importance: "essential" },
      { id: "python", name: "Python", importance: "helpful" },
    ]);
    const essential = scoreMatch(need, person({ skills: [{ id: "sql", level: "practised" }] }), graph);
    const helpful = scoreMatch(need, person({ skills: [{ id: "python", level: "practised" }] }), graph);
    expect(essential.score).toBeGreaterThan(helpful.score);
    expect(essential.missingHelpful).toEqual(["Python"]);
    expect(helpful.missingEssential).toEqual(["SQL"]);
  });

  test("hours, capacity and place in words", () => {
    expect(hoursWords({ hoursPerWeek: 6, committedHours: 6, hoursFree: 0 })).toBe("No hours free (6 of 6 committed)");
    expect(hoursWords({ hoursPerWeek: 8, committedHours: 3, hoursFree: 5 })).toBe(
      "5 hours a week free (3 of 8 committed)",
    );
    expect(hoursWords({ hoursPerWeek: null, committedHours: 0, hoursFree: null })).toBe("Hours a week not given");
    const over = scoreMatch(needs([]), person({ hoursPerWeek: 4, committedHours: 9 }), graph);
    expect(over.hoursFree).toBe(0);
    expect(over.atCapacity).toBe(true);
    const where = (p: Partial<Candidate>) =>
      explainMatch(scoreMatch(needs([]), person(p), graph)).find((l) => l.label === "Where")!.text;
    expect(where({})).toBe("In London");
    expect(where({ region: "Wales" })).toBe("Remote (based in Wales)");
    expect(where({ region: "Wales", remoteOk: false })).toBe("In Wales, not remote");
    expect(where({ region: null })).toBe("Anywhere, remote or in person");
  });
});

describe("spreading the work", () => {
  test("people at capacity last; pending invitations lower the rank a little, never past a better match", () => {
    const need = needs([{ id: "sql", name: "SQL", importance: "essential" }]);
    const expert = scoreMatch(need, person({ skills: [{ id: "sql", level: "expert" }] }), graph);
    const practised = scoreMatch(need, person({ skills: [{ id: "sql", level: "practised" }] }), graph);
    expect(rankScore(expert, 10)).toBeGreaterThan(rankScore(practised, 0));
    expect(rankScore(expert, 2)).toBeLessThan(rankScore(expert, 0));
    const full = scoreMatch(need, person({ skills: [{ id: "sql", level: "expert" }], committedHours: 6 }), graph);
    const order = [
      { match: full, rank: full.score, tieBreak: 0 },
      { match: practised, rank: practised.score, tieBreak: 0.5 },
    ].sort(compareMatches);
    expect(order[0]!.match).toBe(practised);
  });

  test("the jitter is fixed for a pair and differs between challenges", () => {
    expect(pairJitter("c1", "p1")).toBe(pairJitter("c1", "p1"));
    expect(pairJitter("c1", "p1")).not.toBe(pairJitter("c2", "p1"));
    expect(pairJitter("c1", "p1")).toBeGreaterThanOrEqual(0);
    expect(pairJitter("c1", "p1")).toBeLessThan(1);
  });

  test("concentration: equal exposure is 0, one person everywhere is high", () => {
    expect(
      exposureConcentration([
        ["a", "b"],
        ["c", "d"],
      ]).gini,
    ).toBeCloseTo(0);
    const skewed = exposureConcentration(
      [
        ["a", "b"],
        ["a", "c"],
        ["a", "d"],
      ],
      ["a", "b", "c", "d", "e"],
    );
    expect(skewed.topShare).toBeCloseTo(3 / 6);
    expect(skewed.people).toBe(5);
    expect(skewed.shown).toBe(4);
    expect(skewed.gini).toBeGreaterThan(0.3);
  });
});
