import { DEMO_PAST_EVENT_SLUG } from "~/models/events/demo-slugs";
import { addAward, announceAwards } from "~/models/judging/awards.server";
import { inviteJudge } from "~/models/judging/judges.server";
import { resultsOf, publishResults } from "~/models/judging/results.server";
import { declareConflicts, scoreTeam } from "~/models/judging/scoring.server";
import { castVote, closeVoting, openVoting } from "~/models/judging/voting.server";
import { eventCriteria, eventTeams } from "~/models/judging/internal/teams.server";
import type { Actor } from "~/models/platform/actor";
import { prisma } from "~/services/db.server";

// The demo's judging: the past hack day gets three judges (one a harsh marker, one with a
// conflict of interest), scores for every team, a closed people's choice vote by the attendees
// who were checked in, and announced awards — all through the functions organisers, judges and
// attendees use. Runs after the teams are seeded; without the event or its teams it does nothing.

const DEMO_JUDGES = [
  { name: "Priya Natarajan", email: "judge.priya@demo.nettle.invalid", offset: 0 },
  { name: "Tom Whitaker", email: "judge.tom@demo.nettle.invalid", offset: 1 },
  // The harsh marker: normalisation per judge keeps this from sinking anyone.
  { name: "Margaret Holt", email: "judge.margaret@demo.nettle.invalid", offset: -2 },
];

export async function seedDemoJudging(people: { organiser: Actor }) {
  const event = await prisma.event.findUnique({
    where: { slug: DEMO_PAST_EVENT_SLUG },
    select: { id: true, slug: true },
  });
  if (!event) return null;
  const teams = await eventTeams(prisma, event.id);
  if (teams.length < 2) return null;
  if ((await prisma.judge.count({ where: { eventId: event.id } })) > 0) return null;
  const { organiser } = people;
  const criteria = await eventCriteria(prisma, event.id);

  for (const [j, demo] of DEMO_JUDGES.entries()) {
    const { token } = await inviteJudge(organiser, event.slug, { name: demo.name, email: demo.email });
    // The second judge mentored the first team.
    const conflicted = j === 1 ? [teams[0]!.id] : [];
    await declareConflicts(
      token,
      conflicted.length ? { conflicts: conflicted, reason: "I mentored this team." } : { conflicts: [], none: "yes" },
    );
    for (const [t, team] of teams.entries()) {
      if (conflicted.includes(team.id)) continue;
      const scores = Object.fromEntries(
        criteria.map((c, k) => [
          c.id,
          Math.min(c.maxScore, Math.max(1, Math.round(c.maxScore * 0.8) - ((t + k) % 3) + demo.offset)),
        ]),
      );
      await scoreTeam(token, { teamId: team.id, scores });
    }
  }

  // People's choice: each attendee who was checked in votes for a team that is not their own.
  await openVoting(organiser, event.slug);
  const attendees = await prisma.registration.findMany({
    where: { eventId: event.id, status: "confirmed", attendedAt: { not: null }, userId: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { user: true, teamPlace: { select: { teamId: true } } },
  });
  for (const [i, attendee] of attendees.entries()) {
    if (!attendee.user) continue;
    const choices = teams.filter((t) => t.id !== attendee.teamPlace?.teamId);
    const choice = choices[i % 3 === 0 ? choices.length - 1 : 0];
    if (!choice) continue;
    await castVote({ ...attendee.user, sessionId: "demo-seed" }, event.slug, choice.id);
  }
  await closeVoting(organiser, event.slug);

  const results = await resultsOf(prisma, event.id, "rubric");
  const best = results.find((r) => r.rank === 1);
  if (best)
    await addAward(organiser, event.slug, {
      name: "Best use of open data",
      description: "The judges' highest weighted score.",
      teamId: best.teamId,
    });
  const adoption = criteria.find((c) => c.adoption);
  if (adoption) {
    const byAdoption = await prisma.score.groupBy({
      by: ["teamId"],
      where: { criterionId: adoption.id },
      _avg: { value: true },
    });
    const top = byAdoption.sort((a, b) => (b._avg.value ?? 0) - (a._avg.value ?? 0))[0];
    if (top)
      await addAward(organiser, event.slug, {
        name: "Most likely to be adopted",
        description: "The council's pick.",
        teamId: top.teamId,
      });
  }
  await publishResults(organiser, event.slug);
  await announceAwards(organiser, event.slug);
  return {
    judges: DEMO_JUDGES.length,
    teams: teams.length,
    votes: await prisma.vote.count({ where: { eventId: event.id } }),
  };
}
