// Pairwise judging (Crowd-BT): each judge says which of two teams was better; every answer
// updates a belief about each team's quality (a normal distribution: mean mu, variance sigmaSq)
// and about the judge's reliability (a beta distribution: alpha, beta — how often they agree
// with the consensus). The next team a judge sees is the one whose comparison with the team in
// front of them is expected to teach the most. Written from the maths in Chen, Bennett,
// Collins-Thompson and Horvitz, "Pairwise ranking aggregation in a crowdsourced setting"
// (WSDM 2013), section 4 (online Bayesian moment matching and expected information gain).

export interface TeamBelief {
  mu: number;
  sigmaSq: number;
}

export interface JudgeBelief {
  alpha: number;
  beta: number;
}

/** Weight of learning about the judge against learning about the teams. */
export const GAMMA = 0.1;
/** Keeps variances positive when a surprising answer would shrink them past zero. */
export const KAPPA = 1e-4;

/**
 * Beliefs after a judge (alpha, beta) preferred `winner` to `loser`: moment matching of the
 * posterior of the Bradley–Terry model with a judge who answers at random with probability
 * beta / (alpha + beta).
 */
export function update(judge: JudgeBelief, winner: TeamBelief, loser: TeamBelief) {
  const ew = Math.exp(winner.mu);
  const el = Math.exp(loser.mu);
  const { alpha, beta } = judge;
  const sum = ew + el;

  // Probability (to second order) that the winner really is better.
  const c1 = ew / sum + 0.5 * (winner.sigmaSq + loser.sigmaSq) * ((ew * el * (el - ew)) / sum ** 3);
  const c2 = 1 - c1;
  const c = (c1 * alpha + c2 * beta) / (alpha + beta);
  const denom = c * (alpha + beta + 1) * (alpha + beta);
  const nextJudge = {
    alpha: (c1 * (alpha + 1) * alpha + c2 * alpha * beta) / denom,
    beta: (c1 * alpha * beta + c2 * beta * (beta + 1)) / denom,
  };

  const trust = alpha * ew + beta * el;
  const step = (alpha * ew) / trust - ew / sum;
  const curvature = (alpha * ew * beta * el) / trust ** 2 - (ew * el) / sum ** 2;
  return {
    judge: nextJudge,
    winner: {
      mu: winner.mu + winner.sigmaSq * step,
      sigmaSq: winner.sigmaSq * Math.max(1 + winner.sigmaSq * curvature, KAPPA),
    },
    loser: {
      mu: loser.mu - loser.sigmaSq * step,
      sigmaSq: loser.sigmaSq * Math.max(1 + loser.sigmaSq * curvature, KAPPA),
    },
  };
}

/** KL divergence of normal (mu1, var1) from normal (mu2, var2). */
export function klNormal(a: TeamBelief, b: TeamBelief) {
  return (a.sigmaSq / b.sigmaSq + (b.mu - a.mu) ** 2 / b.sigmaSq - 1 + Math.log(b.sigmaSq / a.sigmaSq)) / 2;
}

/** KL divergence of Beta(a.alpha, a.beta) from Beta(b.alpha, b.beta). */
export function klBeta(a: JudgeBelief, b: JudgeBelief) {
  return (
    logBeta(b.alpha, b.beta) -
    logBeta(a.alpha, a.beta) +
    (a.alpha - b.alpha) * digamma(a.alpha) +
    (a.beta - b.beta) * digamma(a.beta) +
    (b.alpha - a.alpha + b.beta - a.beta) * digamma(a.alpha + a.beta)
  );
}

/** Expected information gained by asking `judge` to compare `a` with `b`. */
export function expectedInformationGain(judge: JudgeBelief, a: TeamBelief, b: TeamBelief) {
  const ea = Math.exp(a.mu);
  const eb = Math.exp(b.mu);
  const probAWins =
    (judge.alpha * ea) / (ea + eb) / (judge.alpha + judge.beta) +
    (judge.beta * eb) / (ea + eb) / (judge.alpha + judge.beta);
  const ifA = update(judge, a, b);
  const ifB = update(judge, b, a);
  const gainIfA = klNormal(ifA.winner, a) + klNormal(ifA.loser, b) + GAMMA * klBeta(ifA.judge, judge);
  const gainIfB = klNormal(ifB.winner, b) + klNormal(ifB.loser, a) + GAMMA * klBeta(ifB.judge, judge);
  return probAWins * gainIfA + (1 - probAWins) * gainIfB;
}

/**
 * The team to show a judge next: among `candidates` (the caller leaves out conflicted teams
 * and those already seen), the one with the most to learn from comparing it with `current`;
 * with no current team, the least certain one. Ties go to the first in the list.
 */
export function chooseNext<T extends TeamBelief & { id: string }>(
  judge: JudgeBelief,
  current: TeamBelief | null,
  candidates: T[],
): T | null {
  let best: T | null = null;
  let bestValue = -Infinity;
  for (const candidate of candidates) {
    const value = current ? expectedInformationGain(judge, current, candidate) : candidate.sigmaSq;
    if (value > bestValue) {
      best = candidate;
      bestValue = value;
    }
  }
  return best;
}

// Log-gamma by the Lanczos approximation (g = 7, 9 terms), good to ~15 digits for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function logBeta(a: number, b: number) {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

/** Digamma: recurrence up to x ≥ 6, then the asymptotic series. */
export function digamma(x: number): number {
  let result = 0;
  let y = x;
  while (y < 6) {
    result -= 1 / y;
    y += 1;
  }
  const inv = 1 / y;
  const inv2 = inv * inv;
  return (
    result +
    Math.log(y) -
    0.5 * inv -
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 / 132))))
  );
}
