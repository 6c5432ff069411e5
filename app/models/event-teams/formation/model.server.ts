import { createHash } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { authorizeEvent, type EventRef } from "~/models/events/policy.server";
import { currentSkillGraph } from "~/models/matching/skill-graph-cache.server";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, invalid } from "~/models/platform/errors";
import { lockEvent } from "~/models/registrations/capacity.server";
import { prisma } from "~/services/db.server";
import { placeInEventTeam } from "../team.server";
import type { FormationPlan } from "./schemas";
import { suggestTeams, type FormationChallenge, type FormationInput, type FormationPerson, type FormationResult } from "./solve";
import { formationSolver } from "./solver.server";

// Suggested teams for an event, for its organisers (policy "formTeams"). Who is unassigned:
// confirmed registrations with no team place — and, once the event has started, only those
// checked in. Skills count only for people who chose to share them, with the broader skills
// they imply through the taxonomy. A suggestion is never stored: the page posts back the
// plan it showed with a fingerprint of who was unassigned and who was in which team, and
// applying refuses when that changed in between.

type Db = Prisma.TransactionClient | typeof prisma;

interface FormationState {
  input: FormationInput;
  /** Fingerprint of the unassigned people and every team's members. */
  basis: string;
  unassigned: number;
}

async function formationState(db: Db, event: EventRef, now = new Date()): Promise<FormationState> {
  const [settings, featured, registrations, teams, graph] = await Promise.all([
    db.event.findUniqueOrThrow({ where: { id: event.id }, select: { teamSizeMin: true, teamSizeMax: true } }),
    db.eventChallenge.findMany({
      where: { eventId: event.id },
      orderBy: [{ position: "asc" }, { challengeId: "asc" }],
      select: {
        challenge: {
          select: {
            id: true,
            title: true,
            skills: { where: { importance: "essential" }, select: { skill: { select: { slug: true, name: true } } }, orderBy: { skill: { name: "asc" } } },
          },
        },
      },
    }),
    db.registration.findMany({
      where: {
        eventId: event.id,
        status: "confirmed",
        ...(event.startsAt <= now ? { attendedAt: { not: null } } : {}),
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        guestName: true,
        shareSkills: true,
        teamPlace: { select: { teamId: true } },
        user: { select: { displayName: true, profile: { select: { skills: { select: { skill: { select: { id: true, slug: true } } } } } } } },
        choices: { orderBy: { rank: "asc" }, select: { challengeId: true } },
      },
    }),
    db.eventTeam.findMany({
      where: { eventId: event.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        name: true,
        challengeId: true,
        members: {
          orderBy: { createdAt: "asc" },
          select: {
            registration: {
              select: { id: true, guestName: true, shareSkills: true, user: { select: { displayName: true, profile: { select: { skills: { select: { skill: { select: { id: true, slug: true } } } } } } } } },
            },
          },
        },
      },
    }),
    currentSkillGraph(),
  ]);

  const skillsOf = (r: { shareSkills: boolean; user: { profile: { skills: { skill: { id: string; slug: string } }[] } | null } | null }) => {
    if (!r.shareSkills || !r.user?.profile) return [];
    const slugs = new Set<string>();
    for (const { skill } of r.user.profile.skills) {
      slugs.add(skill.slug);
      for (const up of graph.implied(skill.id)) {
        const node = graph.skills.get(up.id);
        if (node) slugs.add(node.slug);
      }
    }
    return [...slugs].sort();
  };
  const nameOf = (r: { guestName: string; user: { displayName: string } | null }) => r.user?.displayName || r.guestName || "A guest";
  const featuredIds = new Set(featured.map((f) => f.challenge.id));

  const people: FormationPerson[] = registrations
    .filter((r) => !r.teamPlace)
    .map((r) => ({ id: r.id, name: nameOf(r), choices: r.choices.map((c) => c.challengeId).filter((id) => featuredIds.has(id)), skills: skillsOf(r) }));
  const challenges: FormationChallenge[] = featured.map(({ challenge }) => ({
    id: challenge.id,
    title: challenge.title,
    essentialSkills: challenge.skills.map((s) => ({ slug: s.skill.slug, name: s.skill.name })),
    teams: teams
      .filter((t) => t.challengeId === challenge.id)
      .map((t) => ({ id: t.id, name: t.name, members: t.members.map((m) => ({ id: m.registration.id, name: nameOf(m.registration), skills: skillsOf(m.registration) })) })),
  }));
  const basis = createHash("sha256")
    .update(JSON.stringify([people.map((p) => p.id).sort(), teams.map((t) => [t.id, t.members.map((m) => m.registration.id).sort()]).sort()]))
    .digest("hex")
    .slice(0, 32);
  return { input: { people, challenges, teamSizeMin: settings.teamSizeMin, teamSizeMax: settings.teamSizeMax }, basis, unassigned: people.length };
}

/** What the suggestion page shows before anything is computed. */
export async function formationPage(actor: Actor | null, slug: string) {
  const { event } = await authorizeEvent(actor, { slug }, "formTeams");
  const state = await formationState(prisma, event);
  return {
    event: { slug: event.slug, title: event.title, started: event.startsAt <= new Date() },
    unassigned: state.unassigned,
    teams: state.input.challenges.reduce((n, c) => n + c.teams.length, 0),
    teamSizeMin: state.input.teamSizeMin,
    teamSizeMax: state.input.teamSizeMax,
    challenges: state.input.challenges.map((c) => ({ id: c.id, title: c.title, essentialSkills: c.essentialSkills.map((s) => s.name) })),
  };
}

export interface Suggestion {
  basis: string;
  result: FormationResult;
  skillNames: Record<string, string>;
}

/** Computes a suggestion (nothing is stored). */
export async function suggestFormation(actor: Actor | null, slug: string): Promise<Suggestion> {
  const { event } = await authorizeEvent(actor, { slug }, "formTeams");
  const state = await formationState(prisma, event);
  const result = suggestTeams(state.input, await formationSolver());
  const skillNames = Object.fromEntries(state.input.challenges.flatMap((c) => c.essentialSkills.map((s) => [s.slug, s.name])));
  return { basis: state.basis, result, skillNames };
}

/**
 * Places everyone as the plan says, in one transaction under the event's row lock. Refuses
 * when anyone joined or left a team, registered or cancelled since the suggestion was made.
 */
export async function applyFormation(actor: Actor | null, slug: string, plan: FormationPlan) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "formTeams", tx);
    await lockEvent(tx, event.id);
    const state = await formationState(tx, event);
    if (state.basis !== plan.basis) {
      throw conflict("Someone joined a team, registered or cancelled since these teams were suggested. Suggest teams again.");
    }
    const unassigned = new Set(state.input.people.map((p) => p.id));
    const challengeIds = new Set(state.input.challenges.map((c) => c.id));
    const existing = new Map(state.input.challenges.flatMap((c) => c.teams.map((t) => [t.id, { challengeId: c.id, size: t.members.length }])));
    const seen = new Set<string>();
    for (const team of plan.teams) {
      if (!challengeIds.has(team.challengeId)) throw invalid("A suggested team is for a challenge this event does not feature. Suggest teams again.");
      const current = team.existingTeamId ? existing.get(team.existingTeamId) : null;
      if (team.existingTeamId && current?.challengeId !== team.challengeId) throw conflict("A suggested team no longer exists. Suggest teams again.");
      if ((current?.size ?? 0) + team.registrationIds.length > state.input.teamSizeMax) throw invalid(`“${team.name}” would have more than ${state.input.teamSizeMax} people.`);
      for (const id of team.registrationIds) {
        if (!unassigned.has(id) || seen.has(id)) throw conflict("Someone in the suggestion is no longer waiting for a team. Suggest teams again.");
        seen.add(id);
      }
    }
    let teamsCreated = 0;
    for (const team of plan.teams) {
      let teamId = team.existingTeamId ?? undefined;
      for (const registrationId of team.registrationIds) {
        const placed = await placeInEventTeam(tx, {
          eventId: event.id,
          registrationId,
          ...(teamId ? { teamId } : { newTeam: { challengeId: team.challengeId, name: team.name } }),
          source: "organiser",
          actorId: actor?.id ?? null,
        });
        if (!teamId) teamsCreated++;
        teamId = placed.teamId;
      }
    }
    await audit(tx, {
      actorId: actor?.id ?? null,
      action: "event_teams.apply_suggestion",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { placed: seen.size, teamsCreated },
    });
    return { placed: seen.size, teamsCreated };
  });
}

/** The plan the page posts back: what it showed, in the shape applying reads. */
export function planOf(suggestion: Suggestion): FormationPlan {
  return {
    basis: suggestion.basis,
    teams: suggestion.result.teams
      .map((t) => ({
        existingTeamId: t.existingTeamId,
        challengeId: t.challengeId,
        name: t.name,
        registrationIds: t.members.filter((m) => !m.existing).map((m) => m.personId),
      }))
      .filter((t) => t.registrationIds.length > 0),
  };
}
