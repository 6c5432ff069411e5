import { authorizeEvent, isPublicEvent, loadEventRef } from "~/models/events/policy.server";
import { checked } from "~/models/judging/internal/checked";
import { eventTeams } from "~/models/judging/internal/teams.server";
import { awardFields, type AwardInput } from "~/models/judging/schemas";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, invalid, notFound } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";

// Awards: the organisers name them ("Best use of open data"), give each to a team and announce
// them; announced awards show on the event's public page. The people's choice award is given
// by closing the vote (voting.server.ts), and announced with the others.

export async function awardsPage(actor: Actor, slug: string) {
  const { event } = await authorizeEvent(actor, { slug }, "runJudging");
  const [awards, teams, row] = await Promise.all([
    prisma.award.findMany({
      where: { eventId: event.id },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        name: true,
        description: true,
        peoplesChoice: true,
        announcedAt: true,
        team: { select: { id: true, name: true } },
      },
    }),
    eventTeams(prisma, event.id),
    prisma.event.findUniqueOrThrow({ where: { id: event.id }, select: { votingState: true } }),
  ]);
  return {
    event: { slug: event.slug, title: event.title },
    votingState: row.votingState,
    awards,
    teams: teams.map((t) => ({ id: t.id, name: t.name, challengeTitle: t.challenge.title })),
  };
}

async function teamOrRefuse(
  eventId: string,
  teamId: string,
  tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0],
) {
  if (!teamId) return null;
  const team = await tx.eventTeam.findFirst({ where: { id: teamId, eventId }, select: { id: true } });
  if (!team) throw invalid("Choose a team from the list.", "teamId");
  return team.id;
}

export async function addAward(actor: Actor, slug: string, input: AwardInput) {
  const value = checked(awardFields, input);
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "runJudging", tx);
    const teamId = await teamOrRefuse(event.id, value.teamId, tx);
    const last = await tx.award.aggregate({ where: { eventId: event.id }, _max: { position: true } });
    const award = await tx.award.create({
      data: {
        eventId: event.id,
        name: value.name,
        description: value.description,
        teamId,
        position: (last._max.position ?? -1) + 1,
      },
      select: { id: true, name: true },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "judging.add_award",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { awardId: award.id, name: value.name, ...(teamId ? { teamId } : {}) },
    });
    return award;
  });
}

async function awardOf(eventId: string, awardId: string, tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0]) {
  const award = await tx.award.findFirst({
    where: { id: awardId, eventId },
    select: { id: true, name: true, peoplesChoice: true },
  });
  if (!award) throw notFound("There is no such award.");
  return award;
}

/** Gives an award to a team (or to nobody yet, with an empty team). */
export async function giveAward(actor: Actor, slug: string, awardId: string, teamId: string) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "runJudging", tx);
    const award = await awardOf(event.id, awardId, tx);
    if (award.peoplesChoice) throw conflict("The people's choice award goes to the team the attendees voted for.");
    const team = await teamOrRefuse(event.id, teamId, tx);
    await tx.award.update({ where: { id: award.id }, data: { teamId: team } });
    await audit(tx, {
      actorId: actor.id,
      action: "judging.give_award",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { awardId, ...(team ? { teamId: team } : {}) },
    });
    return { name: award.name };
  });
}

export async function removeAward(actor: Actor, slug: string, awardId: string) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "runJudging", tx);
    const award = await awardOf(event.id, awardId, tx);
    await tx.award.delete({ where: { id: award.id } });
    await audit(tx, {
      actorId: actor.id,
      action: "judging.remove_award",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { awardId, name: award.name },
    });
    return { name: award.name };
  });
}

/** Announces every award that has a team and is not announced yet. */
export async function announceAwards(actor: Actor, slug: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "runJudging", tx);
    if (event.status === "draft") throw conflict("Publish the event before announcing its awards.");
    const { count } = await tx.award.updateMany({
      where: { eventId: event.id, teamId: { not: null }, announcedAt: null },
      data: { announcedAt: now },
    });
    if (count === 0) throw conflict("There are no awards with a team waiting to be announced.");
    await audit(tx, {
      actorId: actor.id,
      action: "judging.announce_awards",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { announced: count },
    });
    return { announced: count };
  });
}

/** Announced awards of a public event, for its page and showcase: award, team, challenge. */
export async function announcedAwards(slug: string) {
  const event = await loadEventRef(prisma, { slug });
  if (!event || !isPublicEvent(event)) return [];
  const awards = await prisma.award.findMany({
    where: { eventId: event.id, announcedAt: { not: null }, teamId: { not: null } },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      name: true,
      description: true,
      peoplesChoice: true,
      team: {
        select: {
          name: true,
          demoUrl: true,
          challenge: { select: { title: true, slug: true } },
          project: { select: { slug: true } },
        },
      },
    },
  });
  return awards.flatMap((a) =>
    a.team
      ? [
          {
            id: a.id,
            name: a.name,
            description: a.description,
            peoplesChoice: a.peoplesChoice,
            teamName: a.team.name,
            challenge: { title: a.team.challenge.title, slug: a.team.challenge.slug },
            projectSlug: a.team.project?.slug ?? null,
          },
        ]
      : [],
  );
}
export type AnnouncedAward = Awaited<ReturnType<typeof announcedAwards>>[number];
