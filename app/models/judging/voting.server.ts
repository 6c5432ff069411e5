import type { Prisma } from "~/generated/prisma/client";
import { authorizeEvent } from "~/models/events/policy.server";
import { lockEvent } from "~/models/registrations/capacity.server";
import { eventTeams, isUniqueViolation } from "~/models/judging/internal/teams.server";
import { UNDO_SECONDS } from "~/models/judging/schemas";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, notFound } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";

// People's choice: each checked-in attendee has one vote, never for their own team. A vote can
// be taken back within UNDO_SECONDS of casting it (a slip of the finger), not later. How many
// votes each team has stays hidden from everyone, organisers included, until voting closes;
// closing gives the "People's choice" award to the team with the most votes (every team, when
// several share the most). Opening, closing and voting lock the event's row, so a vote cannot
// land after the count.

export { UNDO_SECONDS };
export const PEOPLES_CHOICE = "People's choice";

type Tx = Prisma.TransactionClient;

async function votingState(tx: Tx, eventId: string) {
  const row = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: { votingState: true } });
  return row.votingState;
}

/** What an attendee's voting page shows. Counts only once voting is closed. */
export async function votePage(actor: Actor | null, slug: string, now = new Date()) {
  const { event, access } = await authorizeEvent(actor, { slug }, "view");
  const state = await votingState(prisma, event.id);
  const teams = await eventTeams(prisma, event.id);
  const registrationId = access.registration?.id ?? null;
  const [ownTeam, vote] = registrationId
    ? await Promise.all([
        prisma.eventTeamMember.findUnique({ where: { registrationId }, select: { teamId: true } }),
        prisma.vote.findUnique({ where: { registrationId }, select: { teamId: true, createdAt: true } }),
      ])
    : [null, null];
  const undoUntil = vote ? new Date(vote.createdAt.getTime() + UNDO_SECONDS * 1000) : null;
  return {
    event: { slug: event.slug, title: event.title },
    state,
    mayVote: access.attendee,
    teams: teams.map((t) => ({
      id: t.id,
      name: t.name,
      challengeTitle: t.challenge.title,
      own: t.id === ownTeam?.teamId,
    })),
    vote: vote
      ? { teamId: vote.teamId, mayUndo: state === "open" && undoUntil !== null && undoUntil > now, undoUntil }
      : null,
    counts: state === "closed" ? await voteCounts(prisma, event.id) : null,
  };
}

async function voteCounts(db: Tx | typeof prisma, eventId: string) {
  const [teams, grouped] = await Promise.all([
    eventTeams(db, eventId),
    db.vote.groupBy({ by: ["teamId"], where: { eventId }, _count: { _all: true } }),
  ]);
  return teams
    .map((t) => ({ teamId: t.id, name: t.name, votes: grouped.find((g) => g.teamId === t.id)?._count._all ?? 0 }))
    .sort((a, b) => b.votes - a.votes || a.name.localeCompare(b.name));
}

export async function castVote(actor: Actor, slug: string, teamId: string) {
  try {
    return await prisma.$transaction(async (tx) => {
      const { event, access } = await authorizeEvent(actor, { slug }, "attendee", tx);
      await lockEvent(tx, event.id);
      if ((await votingState(tx, event.id)) !== "open")
        throw conflict("Voting for people's choice is not open.", "teamId");
      const team = await tx.eventTeam.findFirst({
        where: { id: teamId, eventId: event.id },
        select: { id: true, name: true },
      });
      if (!team) throw conflict("Choose a team from the list.", "teamId");
      const registrationId = access.registration!.id;
      const own = await tx.eventTeamMember.findUnique({ where: { registrationId }, select: { teamId: true } });
      if (own?.teamId === team.id) throw conflict("You cannot vote for your own team. Choose another team.", "teamId");
      if (await tx.vote.findUnique({ where: { registrationId }, select: { id: true } }))
        throw conflict("You have already voted.", "teamId");
      await tx.vote.create({ data: { eventId: event.id, registrationId, teamId: team.id } });
      return { teamName: team.name };
    });
  } catch (error) {
    // Two votes sent at once by the same person: the unique registration decides.
    if (isUniqueViolation(error)) throw conflict("You have already voted.", "teamId");
    throw error;
  }
}

/** Takes the attendee's vote back, only within UNDO_SECONDS of casting it and while voting is open. */
export async function undoVote(actor: Actor, slug: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const { event, access } = await authorizeEvent(actor, { slug }, "attendee", tx);
    await lockEvent(tx, event.id);
    const vote = await tx.vote.findUnique({
      where: { registrationId: access.registration!.id },
      select: { id: true, createdAt: true },
    });
    if (!vote) throw notFound("You have not voted.");
    if ((await votingState(tx, event.id)) !== "open")
      throw conflict("Voting has closed, so your vote can no longer be changed.");
    if (now.getTime() - vote.createdAt.getTime() > UNDO_SECONDS * 1000) {
      throw conflict(`Your vote can only be changed in the ${UNDO_SECONDS / 60} minutes after you cast it.`);
    }
    await tx.vote.delete({ where: { id: vote.id } });
  });
}

/** The organisers' voting page: the state and how many have voted, never per team before closing. */
export async function votingOverview(actor: Actor, slug: string) {
  const { event } = await authorizeEvent(actor, { slug }, "runJudging");
  const row = await prisma.event.findUniqueOrThrow({
    where: { id: event.id },
    select: { votingState: true, votingOpenedAt: true, votingClosedAt: true },
  });
  const [cast, attendees] = await Promise.all([
    prisma.vote.count({ where: { eventId: event.id } }),
    prisma.registration.count({ where: { eventId: event.id, status: "confirmed", attendedAt: { not: null } } }),
  ]);
  return {
    event: { slug: event.slug, title: event.title },
    state: row.votingState,
    openedAt: row.votingOpenedAt,
    closedAt: row.votingClosedAt,
    // How many have voted says nothing about who is winning; the counts per team wait for the close.
    cast: row.votingState === "open" ? cast : null,
    attendees,
    counts: row.votingState === "closed" ? await voteCounts(prisma, event.id) : null,
    winners: row.votingState === "closed" ? await peoplesChoiceWinners(prisma, event.id) : [],
  };
}

export async function openVoting(actor: Actor, slug: string) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "runJudging", tx);
    await lockEvent(tx, event.id);
    const state = await votingState(tx, event.id);
    if (state === "open") throw conflict("Voting is already open.");
    if (state === "closed") throw conflict("Voting has closed and the people's choice has been decided.");
    if ((await tx.eventTeam.count({ where: { eventId: event.id } })) < 2)
      throw conflict("There must be at least two teams before voting opens.");
    await tx.event.update({ where: { id: event.id }, data: { votingState: "open", votingOpenedAt: new Date() } });
    await audit(tx, {
      actorId: actor.id,
      action: "judging.open_voting",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
    });
  });
}

async function peoplesChoiceWinners(db: Tx | typeof prisma, eventId: string) {
  const counts = await voteCounts(db, eventId);
  const most = counts[0]?.votes ?? 0;
  return most === 0 ? [] : counts.filter((c) => c.votes === most);
}

/**
 * Closes voting and gives the people's choice award to the team with most votes (each of the
 * teams sharing the most), replacing any earlier people's choice award. It is announced with
 * the other awards.
 */
export async function closeVoting(actor: Actor, slug: string) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "runJudging", tx);
    await lockEvent(tx, event.id);
    if ((await votingState(tx, event.id)) !== "open") throw conflict("Voting is not open.");
    await tx.event.update({ where: { id: event.id }, data: { votingState: "closed", votingClosedAt: new Date() } });
    const winners = await peoplesChoiceWinners(tx, event.id);
    await tx.award.deleteMany({ where: { eventId: event.id, peoplesChoice: true } });
    const last = await tx.award.aggregate({ where: { eventId: event.id }, _max: { position: true } });
    for (const [i, winner] of winners.entries()) {
      await tx.award.create({
        data: {
          eventId: event.id,
          name: PEOPLES_CHOICE,
          description:
            winners.length > 1
              ? `Shared: ${winners.length} teams had ${winner.votes} votes each.`
              : `Chosen by the attendees, with ${winner.votes} votes.`,
          teamId: winner.teamId,
          peoplesChoice: true,
          position: (last._max.position ?? -1) + 1 + i,
        },
      });
    }
    await audit(tx, {
      actorId: actor.id,
      action: "judging.close_voting",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { winners: winners.map((w) => w.teamId) },
    });
    return { winners: winners.map((w) => w.name) };
  });
}
