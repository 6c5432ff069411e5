import { describe, expect, test } from "vitest";
import { chartBars, describeCommitWeeks, parseCommitWeeks } from "~/models/projects/chart";

// The commits chart's words (its text alternative) and numbers.

const weeks = (counts: number[]) => counts.map((commits, i) => ({ week: `2026-${String(9 + Math.floor(i / 4)).padStart(2, "0")}-0${1 + (i % 4)}`, commits }));

describe("commits per week", () => {
  test("the text alternative says the total, the busiest week and the trend", () => {
    const twelve = [1, 2, 3, 2, 4, 3, 2, 8, 3, 2, 2, 0].map((commits, i) => ({
      week: new Date(Date.UTC(2026, 8, 7 + i * 7)).toISOString().slice(0, 10),
      commits,
    }));
    expect(describeCommitWeeks(twelve)).toBe("32 commits in 12 weeks, most in the week of 26 October (8); none in the last week.");
    expect(describeCommitWeeks(weeks([0, 0, 0, 0, 1, 1, 5, 6]))).toMatch(/rising lately\.$/);
    expect(describeCommitWeeks(weeks([0, 0]))).toBe("No commits in 2 weeks.");
    expect(describeCommitWeeks([])).toBe("No commit history yet.");
  });

  test("stored JSON that is not a list of weeks gives no weeks; only the last 12 are kept", () => {
    expect(parseCommitWeeks(null)).toEqual([]);
    expect(parseCommitWeeks({ week: "2026-01-05" })).toEqual([]);
    expect(parseCommitWeeks([{ week: "not a date", commits: 3 }, { week: "2026-01-05", commits: -1 }, "x", { week: "2026-01-12", commits: 2 }])).toEqual([
      { week: "2026-01-12", commits: 2 },
    ]);
    expect(parseCommitWeeks(weeks(Array.from({ length: 15 }, (_, i) => i)))).toHaveLength(12);
  });

  test("bars are scaled to the busiest week, and a week with one commit is still visible", () => {
    const { bars } = chartBars(weeks([100, 1, 0]));
    expect(bars.map((b) => b.height)).toEqual([120, 2, 0]);
    expect(bars.every((b) => b.y + b.height === 120)).toBe(true);
  });
});
