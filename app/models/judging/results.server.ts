import type { Prisma } from "~/generated/prisma/client";
import { authorizeEvent, isPublicEvent, loadEventRef } from "~/models/events/policy.server";
import { eventCriteria, eventTeams } from "~/models/judging/internal/teams.server";
import { computeResults, rankBy, rankLabel } from "~/models/judging/results";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { prisma } from "~/services/db.server";

// Results: for the organisers while judging goes on, for everyone once they publish them.
// Rubric mode ranks by the normalised weighted total (results.ts); pairwise mode by each
// team's Crowd-BT mean.

type Db = Prisma.TransactionClient | typeof prisma;

export async function resultsOf(db: Db, eventId: string, judgingMode: "rubric" | "pairwise") {
  const [teams, criteria] = await Promise.all([eventTeams(db, eventId), eventCriteria(db, eventId)]);
  if (judgingMode === "pairwise") {
    const compared = await db.pairwiseComparison.findMany({
      where: { eventId },
      select: { winnerId: true, loserId: true, judgeId: true },
    });
    const rows = teams.map((team) => {
      const mine = compared.filter((c) => c.winnerId === team.id || c.loserId === team.id);
      return {
        teamId: team.id,
        name: team.name,
        challengeTitle: team.challenge.title,
        score: mine.length > 0 ? Math.round(team.pairwiseMu * 100) / 100 : null,
        rawPercent: null as number | null,
        judges: new Set(mine.map((c) => c.judgeId)).size,
        comparisons: mine.length,
        fewJudges: new Set(mine.map((c) => c.judgeId)).size < 2,
        rank: null as number | null,
        tied: false,
      };
    });
    return rankBy(rows, (r) => r.score).map((r) => ({ ...r, rankLabel: rankLabel(r.rank, r.tied) }));
  }
  const scores = await db.score.findMany({
    where: { team: { eventId } },
    select: { judgeId: true, teamId: true, criterionId: true, value: true },
  });
  const results = computeResults(teams, criteria, scores);
  return results.map((r) => {
    const team = teams.find((t) => t.id === r.teamId)!;
    return {
      teamId: r.teamId,
      name: team.name,
      challengeTitle: team.challenge.title,
      score: r.normalisedTotal === null ? null : Math.round(r.normalisedTotal * 100) / 100,
      rawPercent: r.rawPercent === null ? null : Math.round(r.rawPercent * 10) / 10,
      judges: r.judges,
      comparisons: 0,
      fewJudges: r.fewJudges,
      rank: r.rank,
      tied: r.tied,
      rankLabel: rankLabel(r.rank, r.tied),
    };
  });
}

/** The organisers' judging page: criteria, judges with their progress, results so far. */
export async function judgingOverview(actor: Actor, slug: string) {
  const { event } = await authorizeEvent(actor, { slug }, "runJudging");
  const row = await prisma.event.findUniqueOrThrow({
    where: { id: event.id },
    select: { judgingMode: true, resultsPublishedAt: true },
  });
  const [criteria, teams, judges, scoreCounts] = await Promise.all([
    prisma.criterion.findMany({
      where: { eventId: event.id },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: {
        id: true,
        name: true,
        description: true,
        weight: true,
        maxScore: true,
        adoption: true,
        _count: { select: { scores: true } },
      },
    }),
    eventTeams(prisma, event.id),
    prisma.judge.findMany({
      where: { eventId: event.id },
      orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { name: "asc" }],
      select: {
        id: true,
        name: true,
        email: true,
        conflictsDeclaredAt: true,
        lastSeenAt: true,
        revokedAt: true,
        conflicts: { select: { teamId: true, reason: true, team: { select: { name: true } } } },
        _count: { select: { comparisons: true } },
      },
    }),
    prisma.score.groupBy({ by: ["judgeId", "teamId"], where: { team: { eventId: event.id } }, _count: { _all: true } }),
  ]);
  const results = await resultsOf(prisma, event.id, row.judgingMode);
  return {
    event: { slug: event.slug, title: event.title, status: event.status, hubName: event.hub.name },
    mode: row.judgingMode,
    resultsPublishedAt: row.resultsPublishedAt,
    criteria: criteria.map(({ _count, ...c }) => ({ ...c, scores: _count.scores })),
    teamCount: teams.length,
    judges: judges.map((j) => {
      const scorable = teams.length - j.conflicts.length;
      const scored = scoreCounts.filter(
        (s) => s.judgeId === j.id && s._count._all >= criteria.length && criteria.length > 0,
      ).length;
      return {
        id: j.id,
        name: j.name,
        email: j.email,
        conflictsDeclared: j.conflictsDeclaredAt !== null,
        conflicts: j.conflicts.length,
        conflictsWith: j.conflicts.map((c) => ({ team: c.team.name, reason: c.reason })),
        lastSeenAt: j.lastSeenAt,
        revoked: j.revokedAt !== null,
        scored,
        scorable,
        comparisons: j._count.comparisons,
      };
    }),
    results,
  };
}

async function setResultsPublished(actor: Actor, slug: string, published: boolean) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "runJudging", tx);
    await tx.event.update({ where: { id: event.id }, data: { resultsPublishedAt: published ? new Date() : null } });
    await audit(tx, {
      actorId: actor.id,
      action: published ? "judging.publish_results" : "judging.unpublish_results",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
    });
  });
}

export const publishResults = (actor: Actor, slug: string) => setResultsPublished(actor, slug, true);
export const unpublishResults = (actor: Actor, slug: string) => setResultsPublished(actor, slug, false);

/** The results as the public sees them: null until the organisers publish them. */
export async function publishedResults(slug: string) {
  const event = await loadEventRef(prisma, { slug });
  if (!event || !isPublicEvent(event)) return null;
  const row = await prisma.event.findUniqueOrThrow({
    where: { id: event.id },
    select: { judgingMode: true, resultsPublishedAt: true },
  });
  if (!row.resultsPublishedAt) return null;
  const results = await resultsOf(prisma, event.id, row.judgingMode);
  return results.map(({ teamId, name, challengeTitle, rankLabel: label, score }) => ({
    teamId,
    name,
    challengeTitle,
    rankLabel: label,
    score,
  }));
}
