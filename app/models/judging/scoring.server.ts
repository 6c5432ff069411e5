import { judgeByToken } from "~/models/judging/judges.server";
import { assignFirstPair } from "~/models/judging/pairwise.server";
import { eventCriteria, eventTeams } from "~/models/judging/internal/teams.server";
import { conflict, forbidden, invalid, notFound } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";

// The judge's page, reached by the link in their invitation (no account). A judge first
// declares which teams they have a conflict of interest with (or none); they can then score
// every other team on every criterion. A conflicted team cannot be scored: scoreTeam refuses
// it, whatever the form sent.

async function judgeOrNotFound(token: string) {
  const judge = await judgeByToken(prisma, token);
  if (!judge) throw notFound("This judging link is not valid.");
  return judge;
}

/** Everything the judge's page shows, for the judge with this token. */
export async function judgePage(token: string) {
  const judge = await judgeOrNotFound(token);
  const [teams, criteria, conflicts, scores, comparisons] = await Promise.all([
    eventTeams(prisma, judge.eventId),
    eventCriteria(prisma, judge.eventId),
    prisma.judgeConflict.findMany({ where: { judgeId: judge.id }, select: { teamId: true, reason: true } }),
    prisma.score.findMany({ where: { judgeId: judge.id }, select: { teamId: true, criterionId: true, value: true } }),
    prisma.pairwiseComparison.count({ where: { judgeId: judge.id } }),
  ]);
  const conflicted = new Map(conflicts.map((c) => [c.teamId, c.reason]));
  const criterionIds = new Set(criteria.map((c) => c.id));
  const rows = teams.map((team) => {
    const mine = Object.fromEntries(
      scores
        .filter((s) => s.teamId === team.id && criterionIds.has(s.criterionId))
        .map((s) => [s.criterionId, s.value]),
    );
    return {
      id: team.id,
      name: team.name,
      challengeTitle: team.challenge.title,
      conflicted: conflicted.has(team.id),
      scores: mine,
      complete: criteria.length > 0 && criteria.every((c) => mine[c.id] !== undefined),
    };
  });
  const scorable = rows.filter((r) => !r.conflicted);
  const teamName = (id: string | null) => (id ? (teams.find((t) => t.id === id) ?? null) : null);
  const a = teamName(judge.previousTeamId);
  const b = teamName(judge.currentTeamId);
  return {
    judge: { name: judge.name, conflictsDeclared: judge.conflictsDeclaredAt !== null },
    event: {
      title: judge.event.title,
      slug: judge.event.slug,
      hubName: judge.event.hub.name,
      mode: judge.event.judgingMode,
    },
    criteria: criteria.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      maxScore: c.maxScore,
      adoption: c.adoption,
    })),
    teams: rows,
    progress: { scored: scorable.filter((r) => r.complete).length, of: scorable.length },
    pairwise: {
      pair:
        a && b
          ? {
              a: { id: a.id, name: a.name, challengeTitle: a.challenge.title },
              b: { id: b.id, name: b.name, challengeTitle: b.challenge.title },
            }
          : null,
      compared: comparisons,
      teamsLeft: scorable.length,
    },
  };
}

/**
 * The judge's conflicts of interest: the teams ticked (replacing any earlier answer), or none.
 * Scores the judge had given a team they now declare a conflict with are removed.
 */
export async function declareConflicts(token: string, input: { conflicts: string[]; none?: "yes"; reason?: string }) {
  return prisma.$transaction(async (tx) => {
    const judge = await judgeByToken(tx, token);
    if (!judge) throw notFound("This judging link is not valid.");
    const ids = input.none ? [] : [...new Set(input.conflicts)];
    const teams = await tx.eventTeam.findMany({
      where: { eventId: judge.eventId, id: { in: ids } },
      select: { id: true },
    });
    if (teams.length !== ids.length) throw invalid("Choose teams from the list.", "conflicts");
    await tx.judgeConflict.deleteMany({ where: { judgeId: judge.id } });
    if (ids.length > 0) {
      await tx.judgeConflict.createMany({
        data: ids.map((teamId) => ({ judgeId: judge.id, teamId, reason: input.reason ?? "" })),
      });
      await tx.score.deleteMany({ where: { judgeId: judge.id, teamId: { in: ids } } });
    }
    const pairConflicted = [judge.previousTeamId, judge.currentTeamId].some((id) => id !== null && ids.includes(id));
    await tx.judge.update({
      where: { id: judge.id },
      data: {
        conflictsDeclaredAt: new Date(),
        lastSeenAt: new Date(),
        ...(pairConflicted ? { previousTeamId: null, currentTeamId: null } : {}),
      },
    });
    if (judge.event.judgingMode === "pairwise") {
      await assignFirstPair(tx, { ...judge, ...(pairConflicted ? { previousTeamId: null, currentTeamId: null } : {}) });
    }
    return { conflicts: ids.length };
  });
}

/**
 * The judge's scores for one team, one per criterion (1 to the criterion's highest score).
 * Refused for a team the judge declared a conflict with, and before conflicts are declared.
 */
export async function scoreTeam(token: string, input: { teamId: string; scores: Record<string, number> }) {
  return prisma.$transaction(async (tx) => {
    const judge = await judgeByToken(tx, token);
    if (!judge) throw notFound("This judging link is not valid.");
    if (judge.event.judgingMode !== "rubric") throw conflict("This event is judged by comparing teams two at a time.");
    if (!judge.conflictsDeclaredAt) throw conflict("Tell us about any conflicts of interest before you score.");
    const team = await tx.eventTeam.findFirst({
      where: { id: input.teamId, eventId: judge.eventId },
      select: { id: true, name: true },
    });
    if (!team) throw notFound("There is no such team.");
    const conflicted = await tx.judgeConflict.findUnique({
      where: { judgeId_teamId: { judgeId: judge.id, teamId: team.id } },
    });
    if (conflicted) throw forbidden(`You declared a conflict of interest with ${team.name}, so you cannot score it.`);
    const criteria = await eventCriteria(tx, judge.eventId);
    for (const criterion of criteria) {
      const value = input.scores[criterion.id];
      if (value === undefined || !Number.isInteger(value) || value < 1 || value > criterion.maxScore) {
        throw invalid(
          `Choose a score from 1 to ${criterion.maxScore} for “${criterion.name}”`,
          `scores.${criterion.id}`,
        );
      }
    }
    for (const criterion of criteria) {
      const value = input.scores[criterion.id]!;
      await tx.score.upsert({
        where: { judgeId_teamId_criterionId: { judgeId: judge.id, teamId: team.id, criterionId: criterion.id } },
        create: { judgeId: judge.id, teamId: team.id, criterionId: criterion.id, value },
        update: { value },
      });
    }
    await tx.judge.update({ where: { id: judge.id }, data: { lastSeenAt: new Date() } });
    return { teamName: team.name };
  });
}
