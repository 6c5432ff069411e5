import type { Prisma, TeamPlaceSource } from "~/generated/prisma/client";
import { authorizeEvent, type EventAccess, type EventRef } from "~/models/events/policy.server";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, forbidden, notFound } from "~/models/platform/errors";
import { uniqueSlug } from "~/models/platform/slug.server";
import { recordProjectEvents } from "~/models/projects/timeline.server";
import { lockEvent } from "~/models/registrations/capacity.server";
import { prisma } from "~/services/db.server";

// Teams at an event. People with a confirmed place create a team for one of the featured
// challenges, join one or leave; the organisers move people, rename, order and confirm teams.
// Every change to who is in which team locks the event's row first (the same lock capacity
// uses), so two people taking the last place in a team at once cannot make it too big, and
// two confirmations cannot make two projects. A confirmed team is its project's team from then
// on: its members are changed on the project's team page, not here.
//
// Who may be in a team: a confirmed registration (registered, or a walk-in). We chose not to
// require a check-in, because teams often form in the days before a hack day; organisers take
// no-shows out on the day.

type Tx = Prisma.TransactionClient;

/** Team names are compared normalised: "Flood  Finders" and "flood finders" are one name. */
export const teamNameKey = (name: string) => name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

export type PlaceTarget =
  { teamId: string } | { newTeam: { challengeId: string; name: string; summary?: string; demoUrl?: string } };

export type PlaceInEventTeamInput = {
  eventId: string;
  registrationId: string;
  source: TeamPlaceSource;
  /** Who made the change, for the audit log (the person themselves, or an organiser). */
  actorId?: string | null;
} & PlaceTarget;

/**
 * Puts a registration into a team at its event (an existing team, or a new one for a featured
 * challenge), inside the caller's transaction. People placed by the organisers
 * (`source: "organiser"`) are moved out of an unconfirmed team they were in; people acting for
 * themselves must leave it first. Part of the contract with team formation, which applies its
 * suggested assignment through this function.
 */
export async function placeInEventTeam(
  tx: Tx,
  input: PlaceInEventTeamInput,
): Promise<{ teamId: string; created: boolean; movedFromTeamId: string | null }> {
  await lockEvent(tx, input.eventId);
  const event = await tx.event.findUnique({
    where: { id: input.eventId },
    select: { id: true, hubId: true, teamSizeMax: true },
  });
  if (!event) throw notFound("There is no such event.");
  const registration = await tx.registration.findFirst({
    where: { id: input.registrationId, eventId: event.id },
    select: {
      id: true,
      status: true,
      userId: true,
      guestName: true,
      user: { select: { displayName: true } },
      teamPlace: { select: { id: true, teamId: true, team: { select: { name: true, confirmedAt: true } } } },
    },
  });
  if (!registration) throw notFound("That person is not registered for this event.");
  const who = registration.user?.displayName ?? registration.guestName;
  if (registration.status !== "confirmed") {
    throw conflict(
      input.source === "self"
        ? "Only people with a confirmed place can be in a team."
        : `${who} does not have a confirmed place, so cannot be in a team.`,
    );
  }

  const current = registration.teamPlace;
  if (current && "teamId" in input && current.teamId === input.teamId)
    return { teamId: current.teamId, created: false, movedFromTeamId: null };
  if (current) {
    if (current.team.confirmedAt) {
      throw conflict(
        `${input.source === "self" ? "You are" : `${who} is`} in “${current.team.name}”, which is confirmed: change its members on its project's team page.`,
      );
    }
    if (input.source === "self") throw conflict(`You are already in “${current.team.name}”. Leave it first.`);
  }

  let teamId: string;
  let created = false;
  if ("teamId" in input) {
    const team = await tx.eventTeam.findFirst({
      where: { id: input.teamId, eventId: event.id },
      select: { id: true, name: true, confirmedAt: true, _count: { select: { members: true } } },
    });
    if (!team) throw notFound("There is no such team at this event.");
    if (team.confirmedAt)
      throw conflict(`“${team.name}” is confirmed: its members are changed on its project's team page.`);
    if (team._count.members >= event.teamSizeMax)
      throw conflict(`“${team.name}” is full (${event.teamSizeMax} people).`);
    teamId = team.id;
  } else {
    const { challengeId, name, summary = "", demoUrl = "" } = input.newTeam;
    const featured = await tx.eventChallenge.findUnique({
      where: { eventId_challengeId: { eventId: event.id, challengeId } },
      select: { challengeId: true },
    });
    if (!featured) throw conflict("Choose one of the challenges this event features.", "challengeId");
    const names = await tx.eventTeam.findMany({ where: { eventId: event.id }, select: { name: true } });
    if (names.some((t) => teamNameKey(t.name) === teamNameKey(name)))
      throw conflict(`There is already a team called “${name.trim()}”. Choose another name.`, "name");
    const team = await tx.eventTeam.create({
      data: {
        eventId: event.id,
        challengeId,
        name: name.trim(),
        summary,
        demoUrl,
        createdById: input.source === "self" ? registration.userId : (input.actorId ?? null),
      },
      select: { id: true },
    });
    teamId = team.id;
    created = true;
  }

  let movedFromTeamId: string | null = null;
  if (current) {
    await tx.eventTeamMember.delete({ where: { id: current.id } });
    await dropIfEmpty(tx, current.teamId);
    movedFromTeamId = current.teamId;
  }
  await tx.eventTeamMember.create({
    data: {
      eventId: event.id,
      teamId,
      registrationId: registration.id,
      userId: registration.userId,
      source: input.source,
    },
  });
  await audit(tx, {
    actorId: input.actorId ?? null,
    action: "event_teams.place",
    subjectType: "event_team",
    subjectId: teamId,
    organisationId: event.hubId,
    details: {
      eventId: event.id,
      registrationId: registration.id,
      ...(movedFromTeamId ? { fromTeamId: movedFromTeamId } : {}),
    },
  });
  return { teamId, created, movedFromTeamId };
}

/** An unconfirmed team nobody is in any more goes, so the list holds only real teams. */
async function dropIfEmpty(tx: Tx, teamId: string) {
  await tx.eventTeam.deleteMany({ where: { id: teamId, confirmedAt: null, members: { none: {} } } });
}

/** Authorises inside the transaction, after the event's lock, so the answer cannot go stale. */
async function withEvent<T>(
  actor: Actor,
  slug: string,
  capability: "view" | "formTeams",
  work: (tx: Tx, event: EventRef, access: EventAccess) => Promise<T>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    const ref = await tx.event.findUnique({ where: { slug }, select: { id: true } });
    if (ref) await lockEvent(tx, ref.id);
    const { event, access } = await authorizeEvent(actor, { slug }, capability, tx);
    return work(tx, event, access);
  });
}

function ownPlace(event: EventRef, access: EventAccess) {
  if (event.status !== "published") throw forbidden(`Teams for “${event.title}” can no longer change.`);
  const registration = access.registration;
  if (!registration || registration.status !== "confirmed")
    throw forbidden(`Only people with a confirmed place at “${event.title}” can be in its teams.`);
  return registration;
}

export async function createEventTeam(
  actor: Actor,
  slug: string,
  input: { challengeId: string; name: string; summary?: string; demoUrl?: string },
): Promise<{ teamId: string; name: string }> {
  return withEvent(actor, slug, "view", async (tx, event, access) => {
    const registration = ownPlace(event, access);
    const { teamId } = await placeInEventTeam(tx, {
      eventId: event.id,
      registrationId: registration.id,
      source: "self",
      actorId: actor.id,
      newTeam: input,
    });
    return { teamId, name: input.name.trim() };
  });
}

export async function joinEventTeam(actor: Actor, slug: string, teamId: string): Promise<{ name: string }> {
  return withEvent(actor, slug, "view", async (tx, event, access) => {
    const registration = ownPlace(event, access);
    await placeInEventTeam(tx, {
      eventId: event.id,
      registrationId: registration.id,
      source: "self",
      actorId: actor.id,
      teamId,
    });
    return tx.eventTeam.findUniqueOrThrow({ where: { id: teamId }, select: { name: true } });
  });
}

export async function leaveEventTeam(actor: Actor, slug: string): Promise<{ name: string }> {
  return withEvent(actor, slug, "view", async (tx, event, access) => {
    const registration = ownPlace(event, access);
    return takeOut(tx, event, registration.id, actor.id, "self");
  });
}

async function takeOut(tx: Tx, event: EventRef, registrationId: string, actorId: string, source: TeamPlaceSource) {
  const place = await tx.eventTeamMember.findFirst({
    where: { registrationId, eventId: event.id },
    select: { id: true, teamId: true, team: { select: { name: true, confirmedAt: true } } },
  });
  if (!place) throw conflict(source === "self" ? "You are not in a team." : "That person is not in a team.");
  if (place.team.confirmedAt)
    throw conflict(`“${place.team.name}” is confirmed: change its members on its project's team page.`);
  await tx.eventTeamMember.delete({ where: { id: place.id } });
  await dropIfEmpty(tx, place.teamId);
  await audit(tx, {
    actorId,
    action: "event_teams.remove",
    subjectType: "event_team",
    subjectId: place.teamId,
    organisationId: event.hubId,
    details: { eventId: event.id, registrationId },
  });
  return { name: place.team.name };
}

/** Organisers: put someone into a team (out of the one they were in). */
export async function moveToEventTeam(actor: Actor, slug: string, input: { registrationId: string; teamId: string }) {
  return withEvent(actor, slug, "formTeams", async (tx, event) => {
    await placeInEventTeam(tx, {
      eventId: event.id,
      registrationId: input.registrationId,
      teamId: input.teamId,
      source: "organiser",
      actorId: actor.id,
    });
    const [team, registration] = await Promise.all([
      tx.eventTeam.findUniqueOrThrow({ where: { id: input.teamId }, select: { name: true } }),
      tx.registration.findUniqueOrThrow({
        where: { id: input.registrationId },
        select: { guestName: true, user: { select: { displayName: true } } },
      }),
    ]);
    return { team: team.name, person: registration.user?.displayName ?? registration.guestName };
  });
}

/** Organisers: take someone out of their team (they are then unassigned). */
export async function removeFromEventTeam(actor: Actor, slug: string, registrationId: string) {
  return withEvent(actor, slug, "formTeams", (tx, event) => takeOut(tx, event, registrationId, actor.id, "organiser"));
}

/** Organisers: rename a team, its summary and demo link, its place in the presentation order. */
export async function editEventTeam(
  actor: Actor,
  slug: string,
  input: { teamId: string; name: string; summary: string; demoUrl: string; presentationOrder?: number },
) {
  return withEvent(actor, slug, "formTeams", async (tx, event) => {
    const team = await tx.eventTeam.findFirst({ where: { id: input.teamId, eventId: event.id }, select: { id: true } });
    if (!team) throw notFound("There is no such team at this event.");
    const others = await tx.eventTeam.findMany({
      where: { eventId: event.id, NOT: { id: team.id } },
      select: { name: true },
    });
    if (others.some((t) => teamNameKey(t.name) === teamNameKey(input.name)))
      throw conflict(`There is already a team called “${input.name}”. Choose another name.`, "name");
    await tx.eventTeam.update({
      where: { id: team.id },
      data: {
        name: input.name,
        summary: input.summary,
        demoUrl: input.demoUrl,
        presentationOrder: input.presentationOrder ?? null,
      },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "event_teams.edit",
      subjectType: "event_team",
      subjectId: team.id,
      organisationId: event.hubId,
      details: { eventId: event.id },
    });
    return { name: input.name };
  });
}

/**
 * Organisers: confirm a team. It becomes a project on its challenge (eventId set, titled with
 * the team's name) whose team is the event team's members with accounts: the team's creator
 * leads if they are in it, otherwise whoever joined first. Walk-ins without an account stay in
 * the event team but cannot be in a project. A person already in a team for that challenge
 * (TeamMember is one per person and challenge) is named, and nothing is confirmed.
 */
export async function confirmEventTeam(
  actor: Actor,
  slug: string,
  teamId: string,
): Promise<{ name: string; projectSlug: string; withoutAccount: string[] }> {
  return withEvent(actor, slug, "formTeams", async (tx, event) => {
    const team = await tx.eventTeam.findFirst({
      where: { id: teamId, eventId: event.id },
      select: {
        id: true,
        name: true,
        challengeId: true,
        confirmedAt: true,
        createdById: true,
        members: {
          orderBy: { createdAt: "asc" },
          select: {
            userId: true,
            registration: { select: { guestName: true } },
            user: { select: { displayName: true } },
          },
        },
      },
    });
    if (!team) throw notFound("There is no such team at this event.");
    if (team.confirmedAt) throw conflict(`“${team.name}” is confirmed already.`);
    const withAccounts = team.members.filter((m): m is typeof m & { userId: string } => m.userId !== null);
    const withoutAccount = team.members.filter((m) => m.userId === null).map((m) => m.registration.guestName);
    if (withAccounts.length === 0)
      throw conflict(`Nobody in “${team.name}” has a Nettle account, so it cannot become a project.`);

    const existing = await tx.teamMember.findMany({
      where: { challengeId: team.challengeId, userId: { in: withAccounts.map((m) => m.userId) } },
      select: { id: true, userId: true, leftAt: true },
    });
    const stillIn = existing.filter((p) => p.leftAt === null);
    if (stillIn.length > 0) {
      const names = withAccounts
        .filter((m) => stillIn.some((p) => p.userId === m.userId))
        .map((m) => m.user?.displayName ?? "Someone");
      throw conflict(
        `${names.join(", ")} ${names.length === 1 ? "is" : "are"} already in a team for this challenge. Take ${names.length === 1 ? "them" : "them"} out of “${team.name}” first, or ask them to leave the other team.`,
      );
    }

    const now = new Date();
    const projectSlug = await uniqueSlug(tx, "projects", team.name, {
      taken: async (candidates) =>
        (await tx.project.findMany({ where: { slug: { in: candidates } }, select: { slug: true } })).map((p) => p.slug),
    });
    const project = await tx.project.create({
      data: {
        slug: projectSlug,
        challengeId: team.challengeId,
        title: team.name,
        eventId: event.id,
        createdAt: now,
        stageChangedAt: now,
      },
      select: { id: true },
    });
    const leadId = withAccounts.some((m) => m.userId === team.createdById) ? team.createdById : withAccounts[0]!.userId;
    for (const member of withAccounts) {
      const teamRole = member.userId === leadId ? "lead" : "member";
      const earlier = existing.find((p) => p.userId === member.userId);
      // Someone who left an earlier team on this challenge comes back in the same row (one per
      // person and challenge).
      if (earlier) {
        await tx.teamMember.update({
          where: { id: earlier.id },
          data: { projectId: project.id, teamRole, leftAt: null, acceptedById: actor.id, termsAcceptedAt: null },
        });
      } else {
        await tx.teamMember.create({
          data: {
            challengeId: team.challengeId,
            userId: member.userId,
            projectId: project.id,
            teamRole,
            acceptedById: actor.id,
          },
        });
      }
    }
    await recordProjectEvents(
      tx,
      project.id,
      withAccounts.map((m) => ({
        kind: "member_joined",
        source: "nettle",
        occurredAt: now,
        title: `${m.user?.displayName ?? "Someone"} joined the team at ${event.title}${m.userId === leadId ? " as its lead" : ""}`,
        actorId: m.userId,
      })),
    );
    await tx.eventTeam.update({ where: { id: team.id }, data: { confirmedAt: now, projectId: project.id } });
    await audit(tx, {
      actorId: actor.id,
      action: "event_teams.confirm",
      subjectType: "event_team",
      subjectId: team.id,
      organisationId: event.hubId,
      details: { eventId: event.id, projectId: project.id },
    });
    return { name: team.name, projectSlug, withoutAccount };
  });
}

/**
 * The teams page. Teams and their members' names are for the organisers and for people with a
 * confirmed place; the unassigned, with their ranked choices and the skills they chose to
 * share, for the organisers only.
 */
export async function eventTeamsPage(actor: Actor, slug: string) {
  const { event, access } = await authorizeEvent(actor, { slug }, "view");
  const registration = access.registration;
  const participant = registration?.status === "confirmed";
  if (!access.formTeams && !participant)
    throw forbidden(`Only people with a confirmed place at “${event.title}” can see its teams.`);
  const organiser = access.formTeams;
  const [details, challenges, teams] = await Promise.all([
    prisma.event.findUniqueOrThrow({ where: { id: event.id }, select: { teamSizeMin: true, teamSizeMax: true } }),
    prisma.eventChallenge.findMany({
      where: { eventId: event.id },
      orderBy: { position: "asc" },
      select: { challenge: { select: { id: true, title: true } } },
    }),
    prisma.eventTeam.findMany({
      where: { eventId: event.id },
      orderBy: [{ presentationOrder: { sort: "asc", nulls: "last" } }, { name: "asc" }],
      select: {
        id: true,
        name: true,
        summary: true,
        demoUrl: true,
        presentationOrder: true,
        confirmedAt: true,
        challengeId: true,
        project: { select: { slug: true } },
        members: {
          orderBy: { createdAt: "asc" },
          select: {
            registrationId: true,
            userId: true,
            registration: { select: { guestName: true, walkIn: true } },
            user: { select: { displayName: true } },
          },
        },
      },
    }),
  ]);
  const challengeTitle = new Map(challenges.map((c) => [c.challenge.id, c.challenge.title]));
  const myTeamId = registration
    ? (teams.find((t) => t.members.some((m) => m.registrationId === registration.id))?.id ?? null)
    : null;
  return {
    event: {
      slug: event.slug,
      title: event.title,
      status: event.status,
      teamSizeMin: details.teamSizeMin,
      teamSizeMax: details.teamSizeMax,
    },
    viewer: { organiser, participant: participant && event.status === "published", myTeamId },
    challenges: challenges.map((c) => ({ id: c.challenge.id, title: c.challenge.title })),
    teams: teams.map((t) => ({
      id: t.id,
      name: t.name,
      summary: t.summary,
      demoUrl: t.demoUrl,
      presentationOrder: t.presentationOrder,
      confirmed: t.confirmedAt !== null,
      projectSlug: t.project?.slug ?? null,
      challengeId: t.challengeId,
      challengeTitle: challengeTitle.get(t.challengeId) ?? "",
      members: t.members.map((m) => ({
        // Registration ids are only needed (and sent) for the organisers' controls.
        registrationId: organiser ? m.registrationId : null,
        name: m.user?.displayName ?? m.registration.guestName,
        withoutAccount: m.userId === null,
      })),
    })),
    unassigned: organiser ? await unassignedAttendees(event.id) : [],
  };
}

/** Confirmed registrations in no team, with their ranked choices and (if shared) skills. */
async function unassignedAttendees(eventId: string) {
  const rows = await prisma.registration.findMany({
    where: { eventId, status: "confirmed", teamPlace: null },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      guestName: true,
      shareSkills: true,
      attendedAt: true,
      user: {
        select: {
          displayName: true,
          profile: { select: { skills: { select: { skill: { select: { name: true } } } } } },
        },
      },
      choices: { orderBy: { rank: "asc" }, select: { rank: true, challenge: { select: { title: true } } } },
    },
  });
  return rows.map((r) => ({
    registrationId: r.id,
    name: r.user?.displayName ?? r.guestName,
    checkedIn: r.attendedAt !== null,
    choices: r.choices.map((c) => c.challenge.title),
    skills: r.shareSkills ? (r.user?.profile?.skills.map((s) => s.skill.name).sort() ?? []) : [],
  }));
}
