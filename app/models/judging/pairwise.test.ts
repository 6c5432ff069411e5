import { describe, expect, test } from "vitest";
import { chooseNext, digamma, expectedInformationGain, logGamma, update } from "~/models/judging/pairwise";

// Crowd-BT, checked on its own: the maths behaves as a ranking should.

const fresh = () => ({ mu: 0, sigmaSq: 1 });
const judge = { alpha: 10, beta: 1 };

describe("Crowd-BT", () => {
  test("a win raises the winner's mean and lowers the loser's, and both grow more certain", () => {
    const next = update(judge, fresh(), fresh());
    expect(next.winner.mu).toBeGreaterThan(0);
    expect(next.loser.mu).toBeLessThan(0);
    expect(next.winner.mu).toBeCloseTo(-next.loser.mu, 10);
    expect(next.winner.sigmaSq).toBeLessThan(1);
    expect(next.loser.sigmaSq).toBeLessThan(1);
  });

  test("a team that always wins ends on top, and the order follows the true strengths", () => {
    // Five teams; team 0 wins every comparison, otherwise the lower index wins.
    const teams = Array.from({ length: 5 }, (_, i) => ({ id: `t${i}`, ...fresh() }));
    let reliability = { ...judge };
    for (let round = 0; round < 6; round++) {
      for (let a = 0; a < teams.length; a++) {
        for (let b = a + 1; b < teams.length; b++) {
          const next = update(reliability, teams[a]!, teams[b]!);
          reliability = next.judge;
          Object.assign(teams[a]!, next.winner);
          Object.assign(teams[b]!, next.loser);
        }
      }
    }
    const order = [...teams].sort((x, y) => y.mu - x.mu).map((t) => t.id);
    expect(order).toEqual(["t0", "t1", "t2", "t3", "t4"]);
  });

  test("a judge who agrees with the consensus is trusted more; one who contradicts it, less", () => {
    const strong = { mu: 2, sigmaSq: 0.1 };
    const weak = { mu: -2, sigmaSq: 0.1 };
    const agrees = update(judge, strong, weak).judge;
    const contradicts = update(judge, weak, strong).judge;
    const trust = (j: { alpha: number; beta: number }) => j.alpha / (j.alpha + j.beta);
    expect(trust(agrees)).toBeGreaterThan(trust(judge));
    expect(trust(contradicts)).toBeLessThan(trust(judge));
  });

  test("the next team is the one with most to learn: an uncertain one over a settled one", () => {
    const current = fresh();
    const settled = { id: "settled", mu: 0, sigmaSq: 0.01 };
    const uncertain = { id: "uncertain", mu: 0, sigmaSq: 1 };
    expect(expectedInformationGain(judge, current, uncertain)).toBeGreaterThan(
      expectedInformationGain(judge, current, settled),
    );
    expect(chooseNext(judge, current, [settled, uncertain])?.id).toBe("uncertain");
    expect(chooseNext(judge, current, [])).toBeNull();
  });

  test("log-gamma and digamma match known values", () => {
    expect(logGamma(1)).toBeCloseTo(0, 10);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
    expect(digamma(1)).toBeCloseTo(-0.5772156649, 8);
    expect(digamma(10)).toBeCloseTo(2.2517525891, 8);
  });
});
