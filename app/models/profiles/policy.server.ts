import type { ProfileVisibility } from "~/generated/prisma/enums";
import type { Actor } from "~/models/platform/actor";
import { definePolicy } from "~/models/platform/policy.server";

// Who may see and change a skills profile. Only its person changes it. Who sees it follows
// the person's choice: everyone, signed-in members, or only themselves; a deleted account's
// profile is nobody's to see.

export interface ProfileRef {
  userId: string;
  visibility: ProfileVisibility;
  deleted: boolean;
}

const own = (actor: Actor | null, profile: { userId: string }) => actor !== null && actor.id === profile.userId;

export const profilePolicy = definePolicy(
  {
    edit: own,
    view: (actor: Actor | null, profile: ProfileRef) => {
      if (profile.deleted) return false;
      if (own(actor, profile)) return true;
      if (profile.visibility === "public") return true;
      return profile.visibility === "members" && actor !== null;
    },
  },
  {
    edit: () => "You can only change your own profile.",
    view: () => "This profile is not shown to you.",
  },
);
