import type { ApplicationDirection, Prisma } from "~/generated/prisma/client";
import { transitionChallengeIn } from "~/models/challenges/lifecycle.server";
import { placeInProject } from "~/models/projects/project.server";
import { applicationPolicy, type ApplicationRef } from "~/models/applications/policy.server";
import { DEFAULT_DECLINE_WORDS, INVITATION_DAYS, applicationStatusLabels } from "~/models/applications/labels";
import type { ApplicationAnswer, InterestInput, InvitationInput } from "~/models/applications/schemas";
import { challengeAccess, challengeNotFound, loadChallengeRef, type ChallengeRef } from "~/models/challenges/policy.server";
import { matchableProfile } from "~/models/matching/search-index.server";
import { notify, type NotificationInput } from "~/models/notifications/notify.server";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, forbidden, gone, notFound } from "~/models/platform/errors";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { getEnv } from "~/services/env.server";
import { prisma } from "~/services/db.server";

// Offers of help and invitations, and the team places they lead to. Each write checks the
// applications policy, changes the rows, tells the other side (notify) and writes the audit log
// in one transaction. Team places are counted under a lock on the challenge's row, so two
// acceptances at once cannot fill more places than the team has.

type Tx = Prisma.TransactionClient;
const DAY = 86_400_000;

/** Statuses in which a challenge is looking for people. */
const RECRUITING = ["open", "in_progress"] as const;
const recruiting = (ref: ChallengeRef) => (RECRUITING as readonly string[]).includes(ref.status);

export const maxPendingApplications = () => getEnv().NETTLE_MAX_PENDING_APPLICATIONS;

async function challengeBySlug(actor: Actor | null, slug: string) {
  const found = await prisma.challenge.findUnique({ where: { slug }, select: { id: true, title: true, slug: true, teamSizeMax: true } });
  if (!found) throw challengeNotFound();
  const ref = await loadChallengeRef(prisma, found.id);
  if (!ref || !(await challengeAccess(actor, ref)).view) throw challengeNotFound();
  return { ...found, title: found.title || "Untitled challenge", ref };
}

/** Council members of the challenge's organisation, to tell about offers and answers. */
async function councilMemberIds(tx: Tx, organisationId: string, except?: string) {
  const rows = await tx.membership.findMany({ where: { organisationId }, select: { userId: true } });
  return rows.map((row) => row.userId).filter((id) => id !== except);
}

async function notifyAll(tx: Tx, userIds: string[], message: Omit<NotificationInput, "userId">) {
  for (const userId of userIds) await notify(tx, { ...message, userId });
}

/** Lock order everywhere: the challenge's row, then the application's. Projects' invitations take it too. */
export async function lockChallenge(tx: Tx, challengeId: string) {
  await tx.$queryRaw`SELECT id FROM challenges WHERE id = ${challengeId} FOR UPDATE`;
}

async function activeTeamMember(tx: Tx, challengeId: string, userId: string) {
  return tx.teamMember.findFirst({ where: { challengeId, userId, leftAt: null }, select: { id: true } });
}

// ---------------------------------------------------------------------------------------
// Offering help
// ---------------------------------------------------------------------------------------

/** Refuses someone who may not offer to help with this challenge (before reading their form). */
export async function authorizeOffer(actor: Actor, slug: string) {
  await applicationPolicy.authorize(actor, "offer", (await challengeBySlug(actor, slug)).ref);
}

/** Refuses someone who may not invite people to this challenge (before reading their form). */
export async function authorizeInvite(actor: Actor, slug: string) {
  await applicationPolicy.authorize(actor, "invite", (await challengeBySlug(actor, slug)).ref);
}

/** The offer-of-help page: the challenge, and whether this person may offer (and why not). */
export async function interestPage(actor: Actor, slug: string) {
  const challenge = await challengeBySlug(actor, slug);
  await applicationPolicy.authorize(actor, "offer", challenge.ref);
  const pending = await prisma.challengeApplication.findFirst({
    where: { challengeId: challenge.id, userId: actor.id, status: "pending" },
    select: { id: true },
  });
  return {
    challenge: { slug: challenge.slug, title: challenge.title, council: challenge.ref.organisation.name },
    recruiting: recruiting(challenge.ref),
    pendingId: pending?.id ?? null,
    emailVerified: actor.emailVerifiedAt !== null,
  };
}

/**
 * A participant offers to help. Refused for the council's own members, for challenges not
 * looking for people, a second time while one is waiting, and beyond the pending limit. The
 * council's members are told.
 */
export async function expressInterest(actor: Actor, slug: string, input: InterestInput) {
  const challenge = await challengeBySlug(actor, slug);
  if (!actor.emailVerifiedAt) throw forbidden("Confirm your email address before offering to help.");
  await applicationPolicy.authorize(actor, "offer", challenge.ref);
  const max = maxPendingApplications();
  return prisma.$transaction(async (tx) => {
    await lockChallenge(tx, challenge.id);
    // One person's offers are counted one at a time, so two sent at once cannot pass the limit.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`applications:${actor.id}`}))`;
    const ref = (await loadChallengeRef(tx, challenge.id))!;
    if (!recruiting(ref)) throw conflict("This challenge is not looking for people at the moment.", "message");
    if (await activeTeamMember(tx, challenge.id, actor.id)) throw conflict("You are already in this challenge's team.", "message");
    const waiting = await tx.challengeApplication.findFirst({
      where: { challengeId: challenge.id, userId: actor.id, status: "pending" },
      select: { direction: true },
    });
    if (waiting) {
      throw conflict(
        waiting.direction === "invitation"
          ? "The council has already invited you. Answer the invitation in your applications."
          : "You have already offered to help with this challenge. The council has not answered yet.",
        "message",
      );
    }
    const pending = await tx.challengeApplication.count({ where: { userId: actor.id, direction: "interest", status: "pending" } });
    if (pending >= max) {
      throw conflict(
        `You can have up to ${max} offers of help waiting for an answer. Withdraw one in your applications, or wait for an answer, before offering again.`,
        "message",
      );
    }
    const application = await tx.challengeApplication.create({
      data: { challengeId: challenge.id, userId: actor.id, direction: "interest", role: input.role, message: input.message },
      select: { id: true },
    });
    await notifyAll(tx, await councilMemberIds(tx, ref.organisationId), {
      kind: "interest.received",
      title: `${actor.displayName} offers to help with “${challenge.title}”`,
      body: `Role: ${input.role}`,
      href: `/applications/${application.id}`,
    });
    await audit(tx, {
      actorId: actor.id,
      action: "applications.express_interest",
      subjectType: "application",
      subjectId: application.id,
      organisationId: ref.organisationId,
      details: { challengeId: challenge.id },
    });
    return { id: application.id, title: challenge.title };
  });
}

// ---------------------------------------------------------------------------------------
// Inviting
// ---------------------------------------------------------------------------------------

/** Someone the council may invite: a profile that can be matched (not hidden, open to invitations). */
async function invitee(userId: string) {
  const profile = await prisma.profile.findFirst({
    where: { userId, ...matchableProfile },
    select: { userId: true, headline: true, hoursPerWeek: true, region: true, user: { select: { displayName: true } } },
  });
  // Hidden profiles and people not open to invitations are not revealed to exist.
  if (!profile) throw notFound("There is nobody to invite at this address.");
  return profile;
}

/** The invitation page: the challenge and the person, for the council's members only. */
export async function invitationPage(actor: Actor, slug: string, userId: string) {
  const challenge = await challengeBySlug(actor, slug);
  await applicationPolicy.authorize(actor, "invite", challenge.ref);
  const person = await invitee(userId);
  const waiting = await prisma.challengeApplication.findFirst({
    where: { challengeId: challenge.id, userId, status: { in: ["pending", "accepted"] } },
    select: { id: true, status: true, direction: true },
  });
  return {
    challenge: { slug: challenge.slug, title: challenge.title, council: challenge.ref.organisation.name },
    recruiting: recruiting(challenge.ref),
    person: { id: person.userId, name: person.user.displayName, headline: person.headline, hoursPerWeek: person.hoursPerWeek },
    existing: waiting,
  };
}

/** A council member invites a matched person; the invitation runs out after 14 days. */
export async function inviteParticipant(actor: Actor, slug: string, userId: string, input: InvitationInput, now = new Date()) {
  const challenge = await challengeBySlug(actor, slug);
  await applicationPolicy.authorize(actor, "invite", challenge.ref);
  const person = await invitee(userId);
  return prisma.$transaction(async (tx) => {
    await lockChallenge(tx, challenge.id);
    const ref = (await loadChallengeRef(tx, challenge.id))!;
    if (!recruiting(ref)) throw conflict("This challenge is not looking for people at the moment.", "message");
    if (await activeTeamMember(tx, challenge.id, userId)) throw conflict(`${person.user.displayName} is already in the team.`, "message");
    const waiting = await tx.challengeApplication.findFirst({
      where: { challengeId: challenge.id, userId, status: "pending" },
      select: { direction: true },
    });
    if (waiting) {
      throw conflict(
        waiting.direction === "interest"
          ? `${person.user.displayName} has already offered to help. Answer their offer instead.`
          : `${person.user.displayName} already has an invitation waiting.`,
        "message",
      );
    }
    const application = await tx.challengeApplication.create({
      data: {
        challengeId: challenge.id,
        userId,
        direction: "invitation",
        message: input.message,
        invitedById: actor.id,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY),
      },
      select: { id: true },
    });
    await notify(tx, {
      userId,
      kind: "invitation.received",
      title: `${ref.organisation.name} invites you to “${challenge.title}”`,
      body: input.message,
      href: `/applications/${application.id}`,
    });
    await audit(tx, {
      actorId: actor.id,
      action: "applications.invite",
      subjectType: "application",
      subjectId: application.id,
      organisationId: ref.organisationId,
      details: { challengeId: challenge.id, participantId: userId },
    });
    return { id: application.id, name: person.user.displayName, title: challenge.title };
  });
}

// ---------------------------------------------------------------------------------------
// One application: reading it and answering it
// ---------------------------------------------------------------------------------------

async function applicationRef(db: Tx | typeof prisma, id: string): Promise<ApplicationRef | null> {
  const row = await db.challengeApplication.findUnique({
    where: { id },
    select: { id: true, userId: true, direction: true, status: true, challengeId: true },
  });
  if (!row) return null;
  const challenge = await loadChallengeRef(db, row.challengeId);
  return challenge ? { ...row, challenge } : null;
}

const applicationNotFound = () => notFound("There is no offer of help or invitation at this address.");

/** An application `actor` may see, or "not found" (its existence is not revealed to others). */
async function visibleApplication(actor: Actor, id: string) {
  const ref = await applicationRef(prisma, id);
  if (!ref || !(await applicationPolicy.may(actor, "view", ref))) throw applicationNotFound();
  return ref;
}

const permissionFor = (intent: ApplicationAnswer["intent"]) =>
  intent === "withdraw" ? "withdraw" : intent === "add-to-team" ? "add_to_team" : "answer";

/**
 * Refuses, before their form is read, someone who may not see this application (not found) or
 * may not send this answer to it (forbidden). Unknown intents are left to the form's checks.
 */
export async function authorizeAnswer(actor: Actor, id: string, intent: unknown) {
  const ref = await visibleApplication(actor, id);
  if (intent === "accept" || intent === "decline" || intent === "withdraw" || intent === "add-to-team") {
    await applicationPolicy.authorize(actor, permissionFor(intent), ref);
  }
}

const isExpired = (row: { direction: ApplicationDirection; status: string; expiresAt: Date | null }, now: Date) =>
  row.status === "expired" || (row.direction === "invitation" && row.status === "pending" && row.expiresAt !== null && row.expiresAt <= now);

/** What /applications/<id> shows this viewer, and which buttons they may press. */
export async function getApplication(actor: Actor, id: string, now = new Date()) {
  const ref = await visibleApplication(actor, id);
  const row = await prisma.challengeApplication.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      direction: true,
      status: true,
      message: true,
      role: true,
      expiresAt: true,
      responseNote: true,
      respondedAt: true,
      createdAt: true,
      user: { select: { id: true, displayName: true, profile: { select: { headline: true, hoursPerWeek: true } } } },
      invitedBy: { select: { displayName: true } },
      challenge: { select: { slug: true, title: true, teamSizeMax: true } },
      teamMember: { select: { id: true, leftAt: true } },
    },
  });
  const expired = isExpired(row, now);
  const pending = row.status === "pending" && !expired;
  const [answer, withdraw, addToTeam, teamCount] = await Promise.all([
    applicationPolicy.may(actor, "answer", ref),
    applicationPolicy.may(actor, "withdraw", ref),
    applicationPolicy.may(actor, "add_to_team", ref),
    prisma.teamMember.count({ where: { challengeId: ref.challenge.id, leftAt: null } }),
  ]);
  const inTeam = row.teamMember !== null && row.teamMember.leftAt === null;
  const participant = actor.id === row.user.id;
  return {
    id: row.id,
    direction: row.direction,
    status: expired ? ("expired" as const) : row.status,
    message: row.message,
    role: row.role,
    expiresAt: row.expiresAt,
    responseNote: row.responseNote,
    respondedAt: row.respondedAt,
    createdAt: row.createdAt,
    person: { id: row.user.id, name: row.user.displayName, headline: row.user.profile?.headline ?? "", hoursPerWeek: row.user.profile?.hoursPerWeek ?? null },
    invitedBy: row.invitedBy?.displayName ?? null,
    challenge: { slug: row.challenge.slug, title: row.challenge.title || "Untitled challenge", council: ref.challenge.organisation.name },
    viewerIsParticipant: participant,
    inTeam,
    team: { count: teamCount, max: row.challenge.teamSizeMax },
    can: {
      answer: pending && answer,
      withdraw: pending && withdraw,
      addToTeam: row.direction === "invitation" && row.status === "accepted" && !inTeam && addToTeam,
    },
  };
}

const answeredAlready = (status: string) =>
  conflict(`This has already been answered: it is “${applicationStatusLabels[status as keyof typeof applicationStatusLabels]}”.`);

/**
 * Answers an application: the participant accepts or declines an invitation (or withdraws their
 * offer), the council accepts or declines an offer (accepting gives a team place) or accepts
 * into the team someone who accepted an invitation. The other side is always told.
 */
export async function answerApplication(actor: Actor, id: string, answer: ApplicationAnswer, now = new Date()) {
  const before = await visibleApplication(actor, id);
  await applicationPolicy.authorize(actor, permissionFor(answer.intent), before);
  return prisma.$transaction(async (tx) => {
    await lockChallenge(tx, before.challenge.id);
    await tx.$queryRaw`SELECT id FROM challenge_applications WHERE id = ${id} FOR UPDATE`;
    const row = await tx.challengeApplication.findUniqueOrThrow({
      where: { id },
      select: {
        id: true,
        userId: true,
        direction: true,
        status: true,
        role: true,
        expiresAt: true,
        invitedById: true,
        challengeId: true,
        user: { select: { displayName: true, profile: { select: { hoursPerWeek: true } } } },
        challenge: { select: { title: true, slug: true, teamSizeMax: true, organisationId: true, organisation: { select: { name: true } } } },
      },
    });
    const title = row.challenge.title || "Untitled challenge";
    const href = `/applications/${id}`;
    const entry = (action: Parameters<typeof audit>[1]["action"], details: Prisma.InputJsonObject = {}) =>
      audit(tx, {
        actorId: actor.id,
        action,
        subjectType: "application",
        subjectId: id,
        organisationId: row.challenge.organisationId,
        details: { challengeId: row.challengeId, participantId: row.userId, direction: row.direction, ...details },
      });

    if (answer.intent === "add-to-team") {
      if (row.direction !== "invitation" || row.status !== "accepted") {
        throw conflict("Only someone who accepted an invitation can be accepted into the team this way.");
      }
      if (await activeTeamMember(tx, row.challengeId, row.userId)) throw conflict(`${row.user.displayName} is already in the team.`);
      const hours = await giveTeamPlace(tx, actor, row, answer.hours);
      await notify(tx, {
        userId: row.userId,
        kind: "application.accepted",
        title: `You are in the team for “${title}”`,
        body: `${row.challenge.organisation.name} accepted you into the team.`,
        href,
      });
      await entry("applications.add_to_team", { hoursPerWeek: hours });
      return { outcome: "in-team" as const, name: row.user.displayName, title };
    }

    if (isExpired(row, now)) throw gone("This invitation has run out. Ask the council for a new one if you would still like to help.");
    if (row.status !== "pending") throw answeredAlready(row.status);

    const councilSide = row.direction === "interest";
    // Who hears the answer: the participant when the council answers; when the participant
    // answers, whoever sent the invitation (or every member, if they have left).
    const tellCouncil = async (message: Omit<NotificationInput, "userId">) => {
      const members = await councilMemberIds(tx, row.challenge.organisationId);
      const inviter = row.invitedById && members.includes(row.invitedById) ? [row.invitedById] : members;
      await notifyAll(tx, councilSide ? members : inviter, message);
    };

    if (answer.intent === "withdraw") {
      await tx.challengeApplication.update({ where: { id }, data: { status: "withdrawn", respondedById: actor.id, respondedAt: now } });
      await entry("applications.withdraw");
      return { outcome: "withdrawn" as const, name: row.user.displayName, title };
    }

    if (answer.intent === "decline") {
      const note = answer.note?.trim() || DEFAULT_DECLINE_WORDS[row.direction];
      await tx.challengeApplication.update({
        where: { id },
        data: { status: "declined", respondedById: actor.id, respondedAt: now, responseNote: note },
      });
      if (councilSide) {
        await notify(tx, {
          userId: row.userId,
          kind: "application.declined",
          title: `${row.challenge.organisation.name} has answered your offer to help with “${title}”`,
          body: note,
          href,
        });
      } else {
        await tellCouncil({ kind: "application.declined", title: `${row.user.displayName} declined the invitation to “${title}”`, body: note, href });
      }
      await entry("applications.decline");
      return { outcome: "declined" as const, name: row.user.displayName, title };
    }

    // Accept.
    await tx.challengeApplication.update({ where: { id }, data: { status: "accepted", respondedById: actor.id, respondedAt: now } });
    if (councilSide) {
      const hours = await giveTeamPlace(tx, actor, row, answer.hours);
      await notify(tx, {
        userId: row.userId,
        kind: "application.accepted",
        title: `You are in the team for “${title}”`,
        body: `${row.challenge.organisation.name} accepted your offer to help.`,
        href,
      });
      await entry("applications.accept", { hoursPerWeek: hours });
      return { outcome: "in-team" as const, name: row.user.displayName, title };
    }
    await tellCouncil({
      kind: "application.accepted",
      title: `${row.user.displayName} accepted the invitation to “${title}”`,
      body: "Accept them into the team when you are ready.",
      href,
    });
    await entry("applications.accept");
    return { outcome: "accepted-invitation" as const, name: row.user.displayName, title };
  });
}

/**
 * A place in the team, if one is left (the caller holds the challenge's row lock, so places
 * are counted one acceptance at a time). Hours: as chosen, else the person's weekly hours.
 */
async function giveTeamPlace(
  tx: Tx,
  actor: Actor,
  row: {
    id: string;
    userId: string;
    challengeId: string;
    role: string;
    user: { displayName: string; profile: { hoursPerWeek: number | null } | null };
    challenge: { teamSizeMax: number | null };
  },
  chosenHours: number | undefined,
) {
  const hours = chosenHours ?? row.user.profile?.hoursPerWeek ?? 0;
  await takeTeamPlace(tx, actor, {
    challengeId: row.challengeId,
    userId: row.userId,
    role: row.role,
    hoursPerWeek: hours,
    applicationId: row.id,
    teamSizeMax: row.challenge.teamSizeMax,
  });
  return hours;
}

/**
 * Gives `userId` a place in the challenge's team and its project, if one is left. The caller
 * holds the challenge's row lock (lockChallenge), so places are counted one at a time. Used
 * here for offers and invitations, and by projects/ when someone accepts a team's invitation.
 */
export async function takeTeamPlace(
  tx: Tx,
  actor: Actor,
  place: { challengeId: string; userId: string; role: string; hoursPerWeek: number; applicationId?: string; teamSizeMax: number | null },
) {
  const taken = await tx.teamMember.count({ where: { challengeId: place.challengeId, leftAt: null } });
  const max = place.teamSizeMax;
  if (max !== null && taken >= max) {
    throw conflict(`The team is full: all ${max} places are taken.`);
  }
  const applicationId = place.applicationId ?? null;
  // Someone who left and comes back takes their old row again (one row per person and challenge),
  // and accepts the data terms again.
  await tx.teamMember.upsert({
    where: { challengeId_userId: { challengeId: place.challengeId, userId: place.userId } },
    create: { challengeId: place.challengeId, userId: place.userId, role: place.role, hoursPerWeek: place.hoursPerWeek, applicationId, acceptedById: actor.id },
    update: { role: place.role, hoursPerWeek: place.hoursPerWeek, ...(applicationId ? { applicationId } : {}), acceptedById: actor.id, leftAt: null, termsAcceptedAt: null },
  });
  // The team is the challenge's project: made with its first member, who leads it.
  const placed = await placeInProject(tx, { challengeId: place.challengeId, userId: place.userId, actorId: actor.id });
  // The first team place is when work starts: the challenge moves on through its lifecycle.
  if (placed.created) {
    const { status } = await tx.challenge.findUniqueOrThrow({ where: { id: place.challengeId }, select: { status: true } });
    if (status === "open") await transitionChallengeIn(tx, actor, place.challengeId, "start");
  }
  // Hours committed to a team change the person's free hours in matching.
  await recordSearchChange(tx, "people", [place.userId]);
  return placed;
}

// ---------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------

/** The participant's own offers and invitations, newest first. */
export async function applicationsOf(actor: Actor, now = new Date()) {
  const rows = await prisma.challengeApplication.findMany({
    where: { userId: actor.id },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      direction: true,
      status: true,
      role: true,
      expiresAt: true,
      createdAt: true,
      challenge: { select: { slug: true, title: true, organisation: { select: { name: true } } } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    direction: row.direction,
    status: isExpired(row, now) ? ("expired" as const) : row.status,
    role: row.role,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
    challenge: { slug: row.challenge.slug, title: row.challenge.title || "Untitled challenge", council: row.challenge.organisation.name },
  }));
}

/** A challenge's offers, invitations and team, for its council and the hubs that review it. */
export async function applicationsForChallenge(actor: Actor, slug: string, now = new Date()) {
  const challenge = await challengeBySlug(actor, slug);
  await applicationPolicy.authorize(actor, "list", challenge.ref);
  const [rows, team, mayAnswer] = await Promise.all([
    prisma.challengeApplication.findMany({
      where: { challengeId: challenge.id },
      orderBy: { createdAt: "desc" },
      take: 500,
      select: {
        id: true,
        direction: true,
        status: true,
        role: true,
        expiresAt: true,
        createdAt: true,
        user: { select: { id: true, displayName: true } },
      },
    }),
    prisma.teamMember.findMany({
      where: { challengeId: challenge.id, leftAt: null },
      orderBy: { createdAt: "asc" },
      select: { id: true, role: true, hoursPerWeek: true, user: { select: { id: true, displayName: true } } },
    }),
    applicationPolicy.may(actor, "invite", challenge.ref),
  ]);
  return {
    challenge: { slug: challenge.slug, title: challenge.title, council: challenge.ref.organisation.name, teamSizeMax: challenge.teamSizeMax },
    councilMember: mayAnswer,
    applications: rows.map((row) => ({
      id: row.id,
      direction: row.direction,
      status: isExpired(row, now) ? ("expired" as const) : row.status,
      role: row.role,
      createdAt: row.createdAt,
      person: { id: row.user.id, name: row.user.displayName },
    })),
    team: team.map((member) => ({ id: member.id, role: member.role, hoursPerWeek: member.hoursPerWeek, person: { id: member.user.id, name: member.user.displayName } })),
  };
}
