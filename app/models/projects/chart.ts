// Commits per week for the project page's chart, client-safe and pure: the numbers from
// Repository.commitWeeks, the sentence that is the chart's text alternative, and the bars'
// geometry. Tested on its own (chart.test.ts).

export interface CommitWeek {
  /** The week's Monday (or GitHub's week start), ISO date. */
  week: string;
  commits: number;
}

/** The stored JSON read defensively: anything that is not a list of weeks is no weeks. */
export function parseCommitWeeks(value: unknown): CommitWeek[] {
  if (!Array.isArray(value)) return [];
  const weeks: CommitWeek[] = [];
  for (const item of value) {
    if (typeof item !== "object" || item === null) continue;
    const { week, commits } = item as Record<string, unknown>;
    if (typeof week !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(week)) continue;
    if (typeof commits !== "number" || !Number.isFinite(commits) || commits < 0) continue;
    weeks.push({ week: week.slice(0, 10), commits: Math.round(commits) });
  }
  return weeks.slice(-12);
}

export function weekLabel(week: string) {
  const date = new Date(`${week}T00:00:00Z`);
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", timeZone: "UTC" });
}

/** "32 commits in 12 weeks, most in the week of 9 November (8); none in the last 2 weeks." */
export function describeCommitWeeks(weeks: CommitWeek[]): string {
  if (weeks.length === 0) return "No commit history yet.";
  const total = weeks.reduce((sum, w) => sum + w.commits, 0);
  const span = `${weeks.length} ${weeks.length === 1 ? "week" : "weeks"}`;
  if (total === 0) return `No commits in ${span}.`;
  const most = weeks.reduce((best, w) => (w.commits > best.commits ? w : best), weeks[0]!);
  let quiet = 0;
  for (let i = weeks.length - 1; i >= 0 && weeks[i]!.commits === 0; i--) quiet++;
  const half = Math.floor(weeks.length / 2);
  const earlier = weeks.slice(0, half).reduce((s, w) => s + w.commits, 0);
  const later = weeks.slice(half).reduce((s, w) => s + w.commits, 0);
  const trend =
    quiet > 0
      ? `; none in the last ${quiet === 1 ? "week" : `${quiet} weeks`}`
      : later > earlier * 1.25
        ? "; rising lately"
        : later * 1.25 < earlier
          ? "; falling lately"
          : "";
  return `${total} ${total === 1 ? "commit" : "commits"} in ${span}, most in the week of ${weekLabel(most.week)} (${most.commits})${trend}.`;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  commits: number;
  week: string;
}

/** Bars in a fixed viewBox; the SVG scales to its container, so it fits a phone. */
export function chartBars(weeks: CommitWeek[], size = { width: 360, height: 120, gap: 6 }) {
  const max = Math.max(1, ...weeks.map((w) => w.commits));
  const slot = weeks.length ? size.width / weeks.length : size.width;
  const bars: Bar[] = weeks.map((w, i) => {
    // A week with commits is always visible, however small next to the busiest.
    const height = w.commits === 0 ? 0 : Math.max(2, Math.round((w.commits / max) * size.height));
    return {
      x: Math.round(i * slot + size.gap / 2),
      y: size.height - height,
      width: Math.max(1, Math.round(slot - size.gap)),
      height,
      commits: w.commits,
      week: w.week,
    };
  });
  return { bars, max, ...size };
}
