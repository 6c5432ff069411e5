import type { Actor } from "~/models/platform/actor";
import { definePolicy, NONE } from "~/models/platform/policy.server";

// Who may change the taxonomy: the theme list is the platform administrators'.
const admin = (actor: Actor | null) => actor?.isAdmin === true;

export const taxonomyPolicy = definePolicy(
  {
    manage_themes: (actor: Actor | null, _resource: typeof NONE) => admin(actor),
  },
  {
    manage_themes: () => "You need to be a platform administrator to change the themes.",
  },
);
