import type { Prisma, TeamRole } from "~/generated/prisma/client";
import { lockChallenge, takeTeamPlace } from "~/models/applications/applications.server";
import { notify } from "~/models/notifications/notify.server";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, gone, notFound } from "~/models/platform/errors";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { teamMembersView } from "~/models/projects/people.server";
import { authorizeProject, type ProjectRef } from "~/models/projects/policy.server";
import { recordProjectEvents } from "~/models/projects/timeline.server";
import type { TeamInput } from "~/models/projects/schemas";
import { prisma } from "~/services/db.server";

// The team of a project: invitations by the lead, answers by the person invited, roles,
// leaving and removal. Each is one transaction with its audit entry, timeline entry and
// notifications. Changes that count leads lock the project's row, so two people handing over
// or leaving at once cannot leave a team without a lead.

type Tx = Prisma.TransactionClient;

export const INVITATION_DAYS = 14;
const DAY = 24 * 60 * 60 * 1000;

async function lockProject(tx: Tx, projectId: string) {
  await tx.$queryRaw`SELECT id FROM projects WHERE id = ${projectId} FOR UPDATE`;
}

async function entry(
  tx: Tx,
  actor: Actor,
  project: ProjectRef,
  action: Parameters<typeof audit>[1]["action"],
  details: Prisma.InputJsonObject,
) {
  await audit(tx, {
    actorId: actor.id,
    action,
    subjectType: "project",
    subjectId: project.id,
    organisationId: project.challenge.organisationId,
    details: { projectId: project.id, ...details },
  });
}

async function currentMember(tx: Tx, projectId: string, memberId: string) {
  const member = await tx.teamMember.findFirst({
    where: { id: memberId, projectId, leftAt: null },
    select: { id: true, userId: true, teamRole: true, user: { select: { displayName: true } } },
  });
  if (!member) throw notFound("That person is not in this team.");
  return member;
}

/** The team's leads, to tell them about their team. */
async function leadIds(tx: Tx, projectId: string, except?: string) {
  const rows = await tx.teamMember.findMany({
    where: { projectId, leftAt: null, teamRole: "lead" },
    select: { userId: true },
  });
  return rows.map((r) => r.userId).filter((id) => id !== except);
}

/**
 * The lead invites someone by email address. The answer is the same whether or not the
 * address has an account, so the form cannot be used to find out who uses Nettle.
 */
export async function inviteToTeam(
  actor: Actor,
  slug: string,
  input: Extract<TeamInput, { intent: "invite" }>,
  now = new Date(),
) {
  const { project } = await authorizeProject(actor, { slug }, "manageTeam");
  const email = input.email.trim().toLowerCase();
  await prisma.$transaction(async (tx) => {
    const person = await tx.user.findUnique({ where: { email }, select: { id: true, deletedAt: true } });
    if (!person || person.deletedAt || person.id === actor.id) return;
    const already = await tx.teamMember.findFirst({
      where: { projectId: project.id, userId: person.id, leftAt: null },
      select: { id: true },
    });
    if (already) return;
    const pending = await tx.projectInvitation.findFirst({
      where: { projectId: project.id, userId: person.id, acceptedAt: null, declinedAt: null, expiresAt: { gt: now } },
      select: { id: true },
    });
    if (pending) return;
    const invitation = await tx.projectInvitation.create({
      data: {
        projectId: project.id,
        userId: person.id,
        invitedById: actor.id,
        message: input.message ?? "",
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY),
        createdAt: now,
      },
      select: { id: true },
    });
    await notify(tx, {
      userId: person.id,
      kind: "project.invited",
      title: `${actor.displayName} invites you to join the team for “${project.title}”`,
      body: "Accept or decline on the team page. The invitation lasts 14 days.",
      href: `/projects/${project.slug}/team`,
    });
    await entry(tx, actor, project, "projects.invite", { userId: person.id, invitationId: invitation.id });
  });
  return { email, title: project.title };
}

/** The person invited accepts (taking a team place if one is left) or declines. */
export async function answerTeamInvitation(
  actor: Actor,
  slug: string,
  invitationId: string,
  accept: boolean,
  now = new Date(),
) {
  const { project } = await authorizeProject(actor, { slug }, "view");
  return prisma.$transaction(async (tx) => {
    // Lock order as in applications/: the challenge's row first, so places are counted one at a time.
    await lockChallenge(tx, project.challengeId);
    const invitation = await tx.projectInvitation.findFirst({
      where: { id: invitationId, projectId: project.id, userId: actor.id },
      select: { id: true, acceptedAt: true, declinedAt: true, expiresAt: true },
    });
    if (!invitation) throw notFound("There is no such invitation.");
    if (invitation.acceptedAt || invitation.declinedAt) throw conflict("You have already answered this invitation.");
    if (invitation.expiresAt <= now) throw gone("This invitation ran out. Ask the team's lead to invite you again.");
    if (!accept) {
      await tx.projectInvitation.update({ where: { id: invitation.id }, data: { declinedAt: now } });
      for (const userId of await leadIds(tx, project.id)) {
        await notify(tx, {
          userId,
          kind: "project.team_changed",
          title: `${actor.displayName} declined your invitation to “${project.title}”`,
          href: `/projects/${project.slug}/team`,
        });
      }
      await entry(tx, actor, project, "projects.decline_invitation", { invitationId: invitation.id });
      return { accepted: false, title: project.title };
    }
    const challenge = await tx.challenge.findUniqueOrThrow({
      where: { id: project.challengeId },
      select: { teamSizeMax: true },
    });
    const profile = await tx.profile.findUnique({ where: { userId: actor.id }, select: { hoursPerWeek: true } });
    await takeTeamPlace(tx, actor, {
      challengeId: project.challengeId,
      userId: actor.id,
      role: "",
      hoursPerWeek: profile?.hoursPerWeek ?? 0,
      teamSizeMax: challenge.teamSizeMax,
    });
    await tx.projectInvitation.update({ where: { id: invitation.id }, data: { acceptedAt: now } });
    for (const userId of await leadIds(tx, project.id, actor.id)) {
      await notify(tx, {
        userId,
        kind: "project.team_changed",
        title: `${actor.displayName} joined the team for “${project.title}”`,
        href: `/projects/${project.slug}/team`,
      });
    }
    await entry(tx, actor, project, "projects.accept_invitation", { invitationId: invitation.id });
    return { accepted: true, title: project.title };
  });
}

/** The lead makes someone lead or member; there is always at least one lead. */
export async function changeTeamRole(actor: Actor, slug: string, memberId: string, teamRole: TeamRole) {
  const { project } = await authorizeProject(actor, { slug }, "manageTeam");
  return prisma.$transaction(async (tx) => {
    await lockProject(tx, project.id);
    // Asked again under the lock: the lead may have handed over a moment ago.
    await authorizeProject(actor, { id: project.id }, "manageTeam", tx);
    const member = await currentMember(tx, project.id, memberId);
    if (member.teamRole === teamRole) return { name: member.user.displayName, teamRole };
    if (teamRole === "member") {
      const otherLeads = await tx.teamMember.count({
        where: { projectId: project.id, leftAt: null, teamRole: "lead", NOT: { id: member.id } },
      });
      if (otherLeads === 0) throw conflict("A team needs a lead. Make someone else lead first.", "memberId");
    }
    await tx.teamMember.update({ where: { id: member.id }, data: { teamRole } });
    if (member.userId !== actor.id) {
      await notify(tx, {
        userId: member.userId,
        kind: "project.team_changed",
        title:
          teamRole === "lead"
            ? `You are now a lead of “${project.title}”`
            : `You are now a member (not a lead) of “${project.title}”`,
        href: `/projects/${project.slug}/team`,
      });
    }
    await entry(tx, actor, project, "projects.change_role", { memberId: member.id, userId: member.userId, teamRole });
    return { name: member.user.displayName, teamRole };
  });
}

async function endPlace(
  tx: Tx,
  actor: Actor,
  project: ProjectRef,
  member: { id: string; userId: string; user: { displayName: string } },
  removed: boolean,
  now: Date,
) {
  await tx.teamMember.update({ where: { id: member.id }, data: { leftAt: now } });
  // Hours given to the team are free again for matching.
  await recordSearchChange(tx, "people", [member.userId]);
  await recordProjectEvents(tx, project.id, [
    {
      kind: "member_left",
      source: "nettle",
      occurredAt: now,
      title: removed
        ? `${member.user.displayName} was removed from the team`
        : `${member.user.displayName} left the team`,
      actorId: actor.id,
    },
  ]);
}

/** A member leaves. The last lead cannot leave while others remain: they hand over first. */
export async function leaveTeam(actor: Actor, slug: string, now = new Date()) {
  const { project } = await authorizeProject(actor, { slug }, "team");
  return prisma.$transaction(async (tx) => {
    await lockProject(tx, project.id);
    const member = await tx.teamMember.findFirst({
      where: { projectId: project.id, userId: actor.id, leftAt: null },
      select: { id: true, userId: true, teamRole: true, user: { select: { displayName: true } } },
    });
    if (!member) throw conflict("You are no longer in this team.");
    if (member.teamRole === "lead") {
      const [otherLeads, others] = await Promise.all([
        tx.teamMember.count({
          where: { projectId: project.id, leftAt: null, teamRole: "lead", NOT: { id: member.id } },
        }),
        tx.teamMember.count({ where: { projectId: project.id, leftAt: null, NOT: { id: member.id } } }),
      ]);
      if (otherLeads === 0 && others > 0)
        throw conflict("You are the team's only lead. Make someone else lead before you leave.");
    }
    await endPlace(tx, actor, project, member, false, now);
    for (const userId of await leadIds(tx, project.id, actor.id)) {
      await notify(tx, {
        userId,
        kind: "project.team_changed",
        title: `${actor.displayName} left the team for “${project.title}”`,
        href: `/projects/${project.slug}/team`,
      });
    }
    await entry(tx, actor, project, "projects.leave", { memberId: member.id });
    return { title: project.title };
  });
}

/** The lead removes someone else from the team; they are told. */
export async function removeFromTeam(actor: Actor, slug: string, memberId: string, now = new Date()) {
  const { project } = await authorizeProject(actor, { slug }, "manageTeam");
  return prisma.$transaction(async (tx) => {
    await lockProject(tx, project.id);
    await authorizeProject(actor, { id: project.id }, "manageTeam", tx);
    const member = await currentMember(tx, project.id, memberId);
    if (member.userId === actor.id) throw conflict("To leave the team yourself, use “Leave the team”.", "memberId");
    await endPlace(tx, actor, project, member, true, now);
    await notify(tx, {
      userId: member.userId,
      kind: "project.team_changed",
      title: `You were removed from the team for “${project.title}”`,
      body: "Ask the team's lead if you think this is a mistake.",
      href: `/projects/${project.slug}`,
    });
    await entry(tx, actor, project, "projects.remove_member", { memberId: member.id, userId: member.userId });
    return { name: member.user.displayName };
  });
}

/** A member accepts the challenge's data terms; restricted dataset links then appear to them. */
export async function acceptDataTerms(actor: Actor, slug: string, now = new Date()) {
  const { project, access } = await authorizeProject(actor, { slug }, "team");
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.teamMember.updateMany({
      where: { id: access.membership!.id, leftAt: null, termsAcceptedAt: null },
      data: { termsAcceptedAt: now },
    });
    if (count > 0) await entry(tx, actor, project, "projects.accept_terms", { memberId: access.membership!.id });
    return { title: project.title };
  });
}

/** The team page: members, roles, pending invitations (insiders), the viewer's own invitation. */
export async function teamPage(actor: Actor | null, slug: string, now = new Date()) {
  const { project, access } = await authorizeProject(actor, { slug }, "view");
  const members = await prisma.teamMember.findMany({
    where: { projectId: project.id, leftAt: null },
    orderBy: [{ teamRole: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      role: true,
      teamRole: true,
      termsAcceptedAt: true,
      userId: true,
      user: { select: { id: true, displayName: true, visibility: true, deletedAt: true } },
    },
  });
  const invitations = access.insider
    ? await prisma.projectInvitation.findMany({
        where: { projectId: project.id, acceptedAt: null, declinedAt: null, expiresAt: { gt: now } },
        orderBy: { createdAt: "asc" },
        select: { id: true, message: true, expiresAt: true, user: { select: { displayName: true } } },
      })
    : [];
  const mine = actor
    ? await prisma.projectInvitation.findFirst({
        where: { projectId: project.id, userId: actor.id, acceptedAt: null, declinedAt: null, expiresAt: { gt: now } },
        orderBy: { createdAt: "desc" },
        select: { id: true, message: true, expiresAt: true, invitedBy: { select: { displayName: true } } },
      })
    : null;
  return {
    project: {
      slug: project.slug,
      title: project.title,
      challenge: { slug: project.challenge.slug, title: project.challenge.title },
    },
    members: await teamMembersView(actor, members, access.insider),
    invitations: invitations.map((i) => ({
      id: i.id,
      name: i.user.displayName,
      message: i.message,
      expiresAt: i.expiresAt,
    })),
    myInvitation:
      mine && !access.team
        ? { id: mine.id, message: mine.message, expiresAt: mine.expiresAt, from: mine.invitedBy?.displayName ?? null }
        : null,
    viewer: {
      team: access.team,
      lead: access.lead,
      manageTeam: access.manageTeam,
      memberId: access.membership?.id ?? null,
      signedIn: actor !== null,
    },
  };
}
