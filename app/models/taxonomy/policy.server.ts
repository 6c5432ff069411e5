import type { Actor } from "~/models/platform/actor";
import { definePolicy, isAnyHubOrganiser, NONE } from "~/models/platform/policy.server";

// Who may change the taxonomy: the theme list is the platform administrators'; the skills are
// the hub organisers' (and administrators'), who hear what people in their region call things.
// Anyone signed in with a confirmed address may propose a skill.
const admin = (actor: Actor | null) => actor?.isAdmin === true;
const organiser = async (actor: Actor | null) =>
  actor !== null && (actor.isAdmin || (await isAnyHubOrganiser(actor.id)));

export const taxonomyPolicy = definePolicy(
  {
    manage_themes: (actor: Actor | null, _resource: typeof NONE) => admin(actor),
    manage_skills: (actor: Actor | null, _resource: typeof NONE) => organiser(actor),
    propose_skill: (actor: Actor | null, _resource: typeof NONE) => actor !== null && actor.emailVerifiedAt !== null,
  },
  {
    manage_themes: () => "You need to be a platform administrator to change the themes.",
    manage_skills: () => "You need to be an organiser of a data hub to change the skills.",
    propose_skill: () => "Confirm your email address before proposing a skill.",
  },
);
