import type { Actor } from "~/models/platform/actor";
import { definePolicy } from "~/models/platform/policy.server";

// Who may act on an account: its own person, signed in. Nobody else, administrators included:
// what administrators may do is the platform's policy (platformPolicy), not a way into other
// people's accounts.

/** The account acted on. */
export interface AccountRef {
  userId: string;
}

const own = (actor: Actor | null, account: AccountRef) => actor !== null && actor.id === account.userId;

export const accountPolicy = definePolicy(
  {
    /** See the account page: sign-in methods, sessions, invitations. */
    view_account: own,
    edit_profile: own,
    /** List and sign out devices. */
    manage_sessions: own,
    /** Link or unlink a sign-in provider (GitHub). */
    manage_sign_in: own,
    /** Ask for a new link to confirm the address. */
    confirm_email: own,
    export_data: own,
    delete_account: own,
  },
  {
    view_account: () => "You can only see your own account.",
    edit_profile: () => "You can only change your own profile.",
    manage_sessions: () => "You can only sign out your own devices.",
    manage_sign_in: () => "You can only change how you sign in to your own account.",
    confirm_email: () => "You can only confirm your own email address.",
    export_data: () => "You can only download your own data.",
    delete_account: () => "You can only delete your own account.",
  },
);
