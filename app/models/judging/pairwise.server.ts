import type { Prisma } from "~/generated/prisma/client";
import { judgeByToken } from "~/models/judging/judges.server";
import { chooseNext, update } from "~/models/judging/pairwise";
import { eventTeams } from "~/models/judging/internal/teams.server";
import { conflict, notFound } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";

// Pairwise judging for large expos: a judge looks at two teams at a time and says which was
// better. The judge keeps the team they saw last (previous) and is sent to the one it is most
// informative to compare it with (current); a team they declared a conflict with is never
// shown, and each team is shown to a judge once.

type Tx = Prisma.TransactionClient;
type Judge = NonNullable<Awaited<ReturnType<typeof judgeByToken>>>;

/** Teams the judge may still be sent to: not conflicted, not seen yet. */
async function unseenTeams(tx: Tx, judge: Judge) {
  const [teams, conflicts, comparisons] = await Promise.all([
    eventTeams(tx, judge.eventId),
    tx.judgeConflict.findMany({ where: { judgeId: judge.id }, select: { teamId: true } }),
    tx.pairwiseComparison.findMany({ where: { judgeId: judge.id }, select: { winnerId: true, loserId: true } }),
  ]);
  const excluded = new Set([
    ...conflicts.map((c) => c.teamId),
    ...comparisons.flatMap((c) => [c.winnerId, c.loserId]),
    ...[judge.previousTeamId, judge.currentTeamId].filter((id): id is string => id !== null),
  ]);
  return teams
    .filter((t) => !excluded.has(t.id))
    .map((t) => ({ id: t.id, mu: t.pairwiseMu, sigmaSq: t.pairwiseSigmaSq }));
}

/**
 * Gives a judge with no pair their first two teams (inside the caller's transaction, with the
 * judge's row locked). Does nothing when they already have a pair or have seen every team.
 */
export async function assignFirstPair(tx: Tx, judge: Judge) {
  if (judge.currentTeamId) return;
  const candidates = await unseenTeams(tx, judge);
  const first = chooseNext({ alpha: judge.pairwiseAlpha, beta: judge.pairwiseBeta }, null, candidates);
  if (!first) return;
  const second = chooseNext(
    { alpha: judge.pairwiseAlpha, beta: judge.pairwiseBeta },
    first,
    candidates.filter((c) => c.id !== first.id),
  );
  if (!second) return;
  await tx.judge.update({ where: { id: judge.id }, data: { previousTeamId: first.id, currentTeamId: second.id } });
}

async function lockJudge(tx: Tx, token: string) {
  const judge = await judgeByToken(tx, token);
  if (!judge) throw notFound("This judging link is not valid.");
  await tx.$queryRaw`SELECT id FROM judges WHERE id = ${judge.id} FOR UPDATE`;
  // Read again through the lock: a double-clicked form must see the first click's pair.
  return (await judgeByToken(tx, token))!;
}

export async function startComparing(token: string) {
  await prisma.$transaction(async (tx) => {
    const judge = await lockJudge(tx, token);
    if (judge.event.judgingMode !== "pairwise")
      throw conflict("This event is judged with scores, not by comparing teams.");
    if (!judge.conflictsDeclaredAt) throw conflict("Tell us about any conflicts of interest first.");
    await assignFirstPair(tx, judge);
  });
}

/**
 * Records that the judge preferred one team of the pair on their page to the other, updates
 * both teams' and the judge's Crowd-BT beliefs, and moves the judge on: the team they just saw
 * stays as the first of the next pair.
 */
export async function comparePair(token: string, input: { winner: "a" | "b"; aId: string; bId: string }) {
  return prisma.$transaction(async (tx) => {
    const judge = await lockJudge(tx, token);
    if (judge.event.judgingMode !== "pairwise")
      throw conflict("This event is judged with scores, not by comparing teams.");
    if (judge.previousTeamId !== input.aId || judge.currentTeamId !== input.bId) {
      throw conflict("You have already compared these teams. Here is your next pair.");
    }
    const conflicted = await tx.judgeConflict.count({
      where: { judgeId: judge.id, teamId: { in: [input.aId, input.bId] } },
    });
    if (conflicted > 0) throw conflict("You declared a conflict of interest with one of these teams.");
    // Other judges update the same teams: lock both rows, in a fixed order, before reading them.
    await tx.$queryRaw`SELECT id FROM event_teams WHERE id IN (${input.aId}, ${input.bId}) ORDER BY id FOR UPDATE`;
    const teams = await tx.eventTeam.findMany({
      where: { id: { in: [input.aId, input.bId] }, eventId: judge.eventId },
      select: { id: true, pairwiseMu: true, pairwiseSigmaSq: true },
    });
    const winner = teams.find((t) => t.id === (input.winner === "a" ? input.aId : input.bId));
    const loser = teams.find((t) => t.id === (input.winner === "a" ? input.bId : input.aId));
    if (!winner || !loser) throw notFound("There is no such team.");
    const next = update(
      { alpha: judge.pairwiseAlpha, beta: judge.pairwiseBeta },
      { mu: winner.pairwiseMu, sigmaSq: winner.pairwiseSigmaSq },
      { mu: loser.pairwiseMu, sigmaSq: loser.pairwiseSigmaSq },
    );
    await tx.eventTeam.update({
      where: { id: winner.id },
      data: { pairwiseMu: next.winner.mu, pairwiseSigmaSq: next.winner.sigmaSq },
    });
    await tx.eventTeam.update({
      where: { id: loser.id },
      data: { pairwiseMu: next.loser.mu, pairwiseSigmaSq: next.loser.sigmaSq },
    });
    await tx.pairwiseComparison.create({
      data: { eventId: judge.eventId, judgeId: judge.id, winnerId: winner.id, loserId: loser.id },
    });

    const current = { id: input.bId, ...(input.bId === winner.id ? next.winner : next.loser) };
    const seen = { ...judge, previousTeamId: input.aId, currentTeamId: input.bId };
    const candidates = await unseenTeams(tx, seen);
    const upcoming = chooseNext(next.judge, current, candidates);
    await tx.judge.update({
      where: { id: judge.id },
      data: {
        pairwiseAlpha: next.judge.alpha,
        pairwiseBeta: next.judge.beta,
        previousTeamId: upcoming ? input.bId : null,
        currentTeamId: upcoming?.id ?? null,
        lastSeenAt: new Date(),
      },
    });
    return { done: upcoming === null };
  });
}
