import type { Prisma, ProjectStage, TeamRole } from "~/generated/prisma/client";
import { challengeAccess, type ChallengeRef } from "~/models/challenges/policy.server";
import type { Actor } from "~/models/platform/actor";
import { forbidden, notFound } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";

// The projects policy: one answer per person and project, asked by every model function in
// projects/, repositories/, outcomes/ and impact/ before it reads restricted fields or writes.
//
// - Everyone may see a project whose challenge is public (team names as their profiles allow,
//   repository facts, the timeline). Team updates are public too: teams write them for the hub.
// - The team (current members) post updates and draft the outcome; the lead also links the
//   repository, invites people and changes roles.
// - The council's members agree to delivery and sign off the outcome; they and the hub
//   organisers serving the council (and admins) see every project of the council's, with
//   sync errors and invitations.

type Db = Prisma.TransactionClient | typeof prisma;

export interface ProjectRef {
  id: string;
  slug: string;
  title: string;
  stage: ProjectStage;
  challengeId: string;
  challenge: ChallengeRef & { slug: string; title: string };
}

export interface ProjectAccess {
  view: boolean;
  /** A current member of the team. */
  team: boolean;
  lead: boolean;
  /** A member of the council that posted the challenge. */
  council: boolean;
  /** Hub organiser serving the council, or admin. */
  reviewer: boolean;
  /** Sees sync errors, pending invitations, who has accepted the data terms. */
  insider: boolean;
  manageTeam: boolean;
  postUpdate: boolean;
  linkRepository: boolean;
  /** Marks the project delivered (the team's side). */
  requestDelivery: boolean;
  /** Agrees it is delivered, signs off or sends back the outcome: the council. */
  agreeDelivery: boolean;
  draftOutcome: boolean;
  signOffOutcome: boolean;
  /** The team member's own place, if any. */
  membership: { id: string; teamRole: TeamRole; termsAcceptedAt: Date | null } | null;
}

const NONE: ProjectAccess = {
  view: false,
  team: false,
  lead: false,
  council: false,
  reviewer: false,
  insider: false,
  manageTeam: false,
  postUpdate: false,
  linkRepository: false,
  requestDelivery: false,
  agreeDelivery: false,
  draftOutcome: false,
  signOffOutcome: false,
  membership: null,
};

export const projectRefSelect = {
  id: true,
  slug: true,
  title: true,
  stage: true,
  challengeId: true,
  challenge: {
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      organisationId: true,
      organisation: { select: { id: true, name: true, kind: true, region: true, verifiedAt: true } },
    },
  },
} satisfies Prisma.ProjectSelect;

export async function loadProjectRef(db: Db, where: { id: string } | { slug: string }): Promise<ProjectRef | null> {
  return db.project.findUnique({ where, select: projectRefSelect });
}

/** What `actor` may do with `project`. Pass `db` inside a transaction to read through its locks. */
export async function projectAccess(actor: Actor | null, project: ProjectRef, db: Db = prisma): Promise<ProjectAccess> {
  const challenge = await challengeAccess(actor, project.challenge);
  if (!actor) return { ...NONE, view: challenge.view };
  const membership = await db.teamMember.findFirst({
    where: { projectId: project.id, userId: actor.id, leftAt: null },
    select: { id: true, teamRole: true, termsAcceptedAt: true },
  });
  const team = membership !== null;
  const lead = membership?.teamRole === "lead";
  const council = challenge.council;
  const reviewer = challenge.reviewer && challenge.manage;
  const insider = team || council || reviewer;
  return {
    view: challenge.view || insider,
    team,
    lead,
    council,
    reviewer,
    insider,
    manageTeam: lead,
    postUpdate: team,
    linkRepository: lead,
    requestDelivery: team,
    agreeDelivery: council,
    draftOutcome: team,
    signOffOutcome: council,
    membership,
  };
}

export type ProjectCapability = Exclude<keyof ProjectAccess, "membership">;

const needs: Record<ProjectCapability, (project: ProjectRef) => string> = {
  view: () => "You cannot see this project.",
  team: (p) => `Only the team working on “${p.title}” can do this.`,
  lead: (p) => `Only the lead of “${p.title}” can do this.`,
  council: (p) => `Only members of ${p.challenge.organisation.name} can do this.`,
  reviewer: (p) => `Only organisers of hubs that serve ${p.challenge.organisation.name} can do this.`,
  insider: (p) => `Only the team, ${p.challenge.organisation.name} and its hub organisers can see this.`,
  manageTeam: (p) => `Only the lead of “${p.title}” can change the team.`,
  postUpdate: (p) => `Only the team working on “${p.title}” can post updates.`,
  linkRepository: (p) => `Only the lead of “${p.title}” can link its repository.`,
  requestDelivery: (p) => `Only the team working on “${p.title}” can mark it delivered.`,
  agreeDelivery: (p) => `Only members of ${p.challenge.organisation.name} can agree that it is delivered.`,
  draftOutcome: (p) => `Only the team working on “${p.title}” can write its outcome.`,
  signOffOutcome: (p) => `Only members of ${p.challenge.organisation.name} can sign off the outcome.`,
};

/**
 * The project and what `actor` may do with it, or a DomainError: not_found when they may not
 * even see it (so a hidden project is not revealed), forbidden saying what they would need.
 */
export async function authorizeProject(
  actor: Actor | null,
  where: { id: string } | { slug: string },
  capability: ProjectCapability,
  db: Db = prisma,
): Promise<{ project: ProjectRef; access: ProjectAccess }> {
  const project = await loadProjectRef(db, where);
  if (!project) throw notFound("There is no such project.");
  const access = await projectAccess(actor, project, db);
  if (!access.view) throw notFound("There is no such project.");
  if (!access[capability]) throw forbidden(needs[capability](project));
  return { project, access };
}
