import type { ApplicationDirection, ApplicationStatus } from "~/generated/prisma/enums";
import { challengeAccess, type ChallengeRef } from "~/models/challenges/policy.server";
import type { Actor } from "~/models/platform/actor";
import { definePolicy } from "~/models/platform/policy.server";

// The applications policy: who may offer help, invite, answer and see an offer or invitation.
// The participant answers invitations and withdraws their own offers; the council's members
// answer offers and invite; hub organisers serving the council (and admins) may read both, as
// they are reminded about offers nobody answered.

export interface ApplicationRef {
  id: string;
  userId: string;
  direction: ApplicationDirection;
  status: ApplicationStatus;
  challenge: ChallengeRef;
}

const isParticipant = (actor: Actor | null, application: ApplicationRef) => actor !== null && actor.id === application.userId;
const council = async (actor: Actor | null, challenge: ChallengeRef) => actor !== null && (await challengeAccess(actor, challenge)).council;

export const applicationPolicy = definePolicy(
  {
    /** Offer to help: anyone signed in who is not one of the council's own members. */
    offer: async (actor: Actor | null, challenge: ChallengeRef) => actor !== null && !(await council(actor, challenge)),
    /** Invite someone, and answer offers of help: the council's members. */
    invite: (actor: Actor | null, challenge: ChallengeRef) => council(actor, challenge),
    /** The list of a challenge's offers and invitations: the council, its hubs and admins. */
    list: async (actor: Actor | null, challenge: ChallengeRef) => actor !== null && (await challengeAccess(actor, challenge)).manage,
    /** One offer or invitation: its participant, the council, its hubs and admins. */
    view: async (actor: Actor | null, application: ApplicationRef) =>
      isParticipant(actor, application) || (actor !== null && (await challengeAccess(actor, application.challenge)).manage),
    /** Accept or decline: an invitation is the participant's to answer, an offer the council's. */
    answer: async (actor: Actor | null, application: ApplicationRef) =>
      application.direction === "invitation" ? isParticipant(actor, application) : council(actor, application.challenge),
    withdraw: (actor: Actor | null, application: ApplicationRef) => isParticipant(actor, application) && application.direction === "interest",
    /** Give a team place to someone who accepted an invitation: the council's members. */
    add_to_team: (actor: Actor | null, application: ApplicationRef) => council(actor, application.challenge),
  },
  {
    offer: (challenge) => `Members of ${challenge.organisation.name} cannot offer to help with its own challenges.`,
    invite: (challenge) => `You need to be a member of ${challenge.organisation.name} to invite people.`,
    list: (challenge) => `Only ${challenge.organisation.name} and the hub organisers who review its challenges can see this.`,
    view: () => "You cannot see this.",
    answer: (application) =>
      application.direction === "invitation"
        ? "Only the person invited can answer this invitation."
        : `Only members of ${application.challenge.organisation.name} can answer this offer of help.`,
    withdraw: () => "Only the person who offered to help can withdraw the offer.",
    add_to_team: (application) => `Only members of ${application.challenge.organisation.name} can accept people into the team.`,
  },
);
export type ApplicationAction = Parameters<typeof applicationPolicy.may>[1];
