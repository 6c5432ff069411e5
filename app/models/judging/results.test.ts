import { describe, expect, test } from "vitest";
import { computeResults, rankLabel, scaledScore } from "~/models/judging/results";

describe("results", () => {
  test("teams with equal totals to 2 decimal places share a rank, shown with “=”", () => {
    const criteria = [{ id: "q", weight: 1, maxScore: 5 }];
    const scores = [
      { judgeId: "a", teamId: "x", criterionId: "q", value: 5 },
      { judgeId: "a", teamId: "y", criterionId: "q", value: 3 },
      { judgeId: "a", teamId: "z", criterionId: "q", value: 3 },
    ];
    const results = computeResults([{ id: "x" }, { id: "y" }, { id: "z" }, { id: "unscored" }], criteria, scores);
    expect(results.map((r) => [r.teamId, rankLabel(r.rank, r.tied), r.fewJudges])).toEqual([
      ["x", "1st", true],
      ["y", "=2nd", true],
      ["z", "=2nd", true],
      ["unscored", "Not ranked", true],
    ]);
  });

  test("a score without spread is scaled around the middle of its scale", () => {
    expect(scaledScore(1, 5)).toBe(-1);
    expect(scaledScore(3, 5)).toBe(0);
    expect(scaledScore(10, 10)).toBe(1);
  });

  test("ordinal words", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map((n) => rankLabel(n, false))).toEqual([
      "1st",
      "2nd",
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "101st",
    ]);
  });
});
