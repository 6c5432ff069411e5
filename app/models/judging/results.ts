// Judging results from rubric scores, pure so the rules can be checked by hand.
//
// Judges differ in how hard they mark, so each judge's scores are put on a common footing
// before they are combined: for each criterion, a judge's score of a team becomes a z-score
// over the teams that judge scored on that criterion (sample standard deviation). A judge who
// scored only one team on a criterion, or gave every team the same score, has no spread to
// measure against; their score is then scaled to −1…1 around the middle of the criterion's
// scale (1 of 5 is −1, 3 of 5 is 0, 5 of 5 is 1), which sits on roughly the same footing.
// Each judge's normalised scores are weighted by criterion weight (a weighted mean), and a
// team's total is the mean over the judges who scored it. Totals equal to 2 decimal places
// are a tie.

export interface ResultCriterion {
  id: string;
  weight: number;
  maxScore: number;
}

export interface ResultScore {
  judgeId: string;
  teamId: string;
  criterionId: string;
  value: number;
}

export interface TeamResult {
  teamId: string;
  /** Mean over judges of each judge's weighted, normalised score; null when nobody scored the team. */
  normalisedTotal: number | null;
  /** Mean over judges of each judge's weighted score as a percentage of the maximum. */
  rawPercent: number | null;
  judges: number;
  /** 1 = first; teams with equal totals (to 2 decimal places) share a rank. */
  rank: number | null;
  tied: boolean;
  /** Fewer judges than `minJudges` scored the team: its place is less certain. */
  fewJudges: boolean;
}

export const MIN_JUDGES = 2;

const round2 = (value: number) => Math.round(value * 100) / 100;

function mean(values: number[]) {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function sampleSd(values: number[]) {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1));
}

/** A score scaled to −1…1 around the middle of the criterion's 1…max scale. */
export function scaledScore(value: number, maxScore: number) {
  if (maxScore <= 1) return 0;
  const middle = (1 + maxScore) / 2;
  return (value - middle) / ((maxScore - 1) / 2);
}

export function computeResults(
  teams: { id: string }[],
  criteria: ResultCriterion[],
  scores: ResultScore[],
  minJudges = MIN_JUDGES,
): TeamResult[] {
  const criterionById = new Map(criteria.map((c) => [c.id, c]));
  const usable = scores.filter((s) => criterionById.has(s.criterionId));

  // Each judge's scores on each criterion, to measure that judge's spread.
  const byJudgeCriterion = new Map<string, number[]>();
  for (const s of usable) {
    const key = `${s.judgeId}\u0000${s.criterionId}`;
    byJudgeCriterion.set(key, [...(byJudgeCriterion.get(key) ?? []), s.value]);
  }
  const normalised = (s: ResultScore) => {
    const values = byJudgeCriterion.get(`${s.judgeId}\u0000${s.criterionId}`)!;
    const sd = sampleSd(values);
    if (values.length < 2 || sd === 0) return scaledScore(s.value, criterionById.get(s.criterionId)!.maxScore);
    return (s.value - mean(values)) / sd;
  };

  // Per team and judge: weighted means of the normalised and the raw (fraction of max) scores.
  const perTeamJudge = new Map<string, Map<string, { wn: number; wr: number; w: number }>>();
  for (const s of usable) {
    const criterion = criterionById.get(s.criterionId)!;
    const judges = perTeamJudge.get(s.teamId) ?? new Map<string, { wn: number; wr: number; w: number }>();
    const sums = judges.get(s.judgeId) ?? { wn: 0, wr: 0, w: 0 };
    sums.wn += criterion.weight * normalised(s);
    sums.wr += criterion.weight * (s.value / criterion.maxScore);
    sums.w += criterion.weight;
    judges.set(s.judgeId, sums);
    perTeamJudge.set(s.teamId, judges);
  }

  const results: TeamResult[] = teams.map((team) => {
    const judges = [...(perTeamJudge.get(team.id)?.values() ?? [])].filter((j) => j.w > 0);
    if (judges.length === 0) {
      return {
        teamId: team.id,
        normalisedTotal: null,
        rawPercent: null,
        judges: 0,
        rank: null,
        tied: false,
        fewJudges: true,
      };
    }
    return {
      teamId: team.id,
      normalisedTotal: mean(judges.map((j) => j.wn / j.w)),
      rawPercent: mean(judges.map((j) => (100 * j.wr) / j.w)),
      judges: judges.length,
      rank: null,
      tied: false,
      fewJudges: judges.length < minJudges,
    };
  });
  return rankBy(results, (r) => (r.normalisedTotal === null ? null : round2(r.normalisedTotal)));
}

/** Ranks by `key` (higher first), equal keys sharing a rank; unscored (null) last and unranked. */
export function rankBy<T extends { rank: number | null; tied: boolean }>(
  items: T[],
  key: (item: T) => number | null,
): T[] {
  const keyed = items.map((item) => ({ item, k: key(item) }));
  const scored = keyed.filter((x) => x.k !== null) as { item: T; k: number }[];
  scored.sort((a, b) => b.k - a.k);
  const ranked = scored.map(({ item, k }) => ({
    ...item,
    rank: 1 + scored.filter((other) => other.k > k).length,
    tied: scored.filter((other) => other.k === k).length > 1,
  }));
  return [...ranked, ...keyed.filter((x) => x.k === null).map((x) => ({ ...x.item, rank: null, tied: false }))];
}

/** "1st", "=2nd": a rank in words, with "=" for a tie. */
export function rankLabel(rank: number | null, tied: boolean) {
  if (rank === null) return "Not ranked";
  const tens = rank % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[rank % 10] ?? "th");
  return `${tied ? "=" : ""}${rank}${suffix}`;
}
