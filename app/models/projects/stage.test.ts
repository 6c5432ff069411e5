import { describe, expect, test } from "vitest";
import { deriveStage, type StageEvidence } from "~/models/projects/stage";

// The stage comes from evidence: each rule, and which wins when several apply.

const DAY = 86_400_000;
const now = new Date("2026-12-01T12:00:00Z");
const base: StageEvidence = {
  now,
  createdAt: new Date(now.getTime() - 3 * DAY),
  hasCommits: false,
  lastActivityAt: null,
  hasRelease: false,
  deliveryAgreed: false,
  outcomePublished: false,
  stalledAfterDays: 21,
};

describe("deriveStage", () => {
  test("a new team without commits is forming; commits make it active", () => {
    expect(deriveStage(base)).toBe("forming");
    expect(deriveStage({ ...base, hasCommits: true, lastActivityAt: new Date(now.getTime() - DAY) })).toBe("active");
  });

  test("no activity for longer than the configured days is stalled, counted from creation when nothing happened", () => {
    expect(deriveStage({ ...base, hasCommits: true, lastActivityAt: new Date(now.getTime() - 22 * DAY) })).toBe("stalled");
    expect(deriveStage({ ...base, hasCommits: true, lastActivityAt: new Date(now.getTime() - 20 * DAY) })).toBe("active");
    expect(deriveStage({ ...base, createdAt: new Date(now.getTime() - 30 * DAY) })).toBe("stalled");
    expect(deriveStage({ ...base, stalledAfterDays: 7, hasCommits: true, lastActivityAt: new Date(now.getTime() - 8 * DAY) })).toBe("stalled");
  });

  test("a release or the council's agreement is delivered, even when quiet; publishing wins over all", () => {
    const quiet = { ...base, hasCommits: true, lastActivityAt: new Date(now.getTime() - 90 * DAY) };
    expect(deriveStage({ ...quiet, hasRelease: true })).toBe("delivered");
    expect(deriveStage({ ...quiet, deliveryAgreed: true })).toBe("delivered");
    expect(deriveStage({ ...quiet, deliveryAgreed: true, outcomePublished: true })).toBe("published");
  });
});
