import { conformZodMessage } from "@conform-to/zod";
import { z } from "zod";
import { emailAddress } from "~/models/platform/fields";

// The accounts domain's forms, shared by the server's checks and the browser's. Client-safe:
// nothing here may import a .server module.

export const participantKinds = ["volunteer", "student", "academic", "council_staff"] as const;
export const profileVisibilities = ["public", "members", "private"] as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * The example in the password hint. Anyone reading the hint knows it, so it is refused as a
 * password (password-rules.server.ts).
 */
export const PASSWORD_EXAMPLE = "walrus pencil harbour";
export const PASSWORD_HINT = `At least 12 characters. Three random words work well, like '${PASSWORD_EXAMPLE}' (but not those).`;

/** The length rules, which the browser can check as well as the server. */
export function passwordLengthProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `Password must be ${PASSWORD_MIN_LENGTH} characters or more – three random words work well`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) return `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
  return null;
}

/**
 * What is wrong with a new password, beyond its length: common passwords, the hint's example,
 * the person's own address or name. Only the server knows (the list of common passwords stays
 * there), so it passes this to the schemas below; the browser does not.
 */
export type PasswordRules = (password: string, context?: { email?: string; name?: string }) => string | null;

/**
 * A password being chosen. Without `rules` (in the browser) a password of the right length is
 * left for the server to judge: conform then sends the form instead of deciding, so every
 * error, this one included, comes back at once.
 */
function newPassword(emptyMessage: string, rules?: PasswordRules) {
  return z
    .string({ required_error: emptyMessage })
    .min(1, emptyMessage)
    .superRefine((password, ctx) => {
      const problem = passwordLengthProblem(password) ?? (rules ? rules(password) : conformZodMessage.VALIDATION_UNDEFINED);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
}

const displayName = z
  .string({ required_error: "Enter your name" })
  .trim()
  .min(1, "Enter your name")
  .max(100, "Name must be 100 characters or fewer");

const participantKind = z.enum(participantKinds, { errorMap: () => ({ message: "Select what describes you best" }) });

/** A path of ours to go on to afterwards; checked with safeRedirect where it is used. */
const redirectTo = z.string().optional();

export function signUpSchema(rules?: PasswordRules) {
  return (
    z
      .object({
        displayName,
        email: emailAddress(),
        kind: participantKind,
        password: newPassword("Enter a password", rules),
        redirectTo,
        // Hidden from people; a bot fills it in (signup.tsx).
        website: z.string().optional(),
      })
      // Checks that need the other fields run once those are valid.
      .superRefine((value, ctx) => {
        const problem = rules?.(value.password, { email: value.email, name: value.displayName });
        if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
      })
  );
}

export const signUpForm = signUpSchema();
export type SignUpInput = z.output<typeof signUpForm>;

/**
 * Sign-in takes whatever was typed: every attempt counts towards the rate limit, and the model
 * answers a malformed one with the same words as a wrong password (sign-in.server.ts).
 */
export const signInForm = z.object({
  email: z.string().optional(),
  password: z.string().optional(),
  redirectTo,
});
export type SignInInput = z.output<typeof signInForm>;

export const forgotPasswordForm = z.object({ email: emailAddress() });

export function resetPasswordSchema(rules?: PasswordRules) {
  // `username` is the account's address, sent back so password managers save the right one.
  return z.object({ password: newPassword("Enter a new password", rules), username: z.string().optional() });
}
export const resetPasswordForm = resetPasswordSchema();

/** "Confirm email address" on the page a confirmation link opens. */
export const confirmEmailForm = z.object({ next: z.string().optional() });

/** Buttons with nothing to fill in ("Send a new link"). */
export const emptyForm = z.object({});

export const profileFields = z.object({
  displayName,
  kind: participantKind,
  visibility: z.enum(profileVisibilities, { errorMap: () => ({ message: "Select who can see your profile" }) }),
});
export type ProfileInput = z.output<typeof profileFields>;

const notUnderstood = { errorMap: () => ({ message: "Nettle did not understand that form." }) };

export const profileForm = profileFields.extend({ intent: z.literal("profile") });

/** The forms of the account page. */
export const accountForm = z.discriminatedUnion(
  "intent",
  [
    profileForm,
    z.object({ intent: z.literal("unlink-github") }),
    z.object({ intent: z.literal("accept-invitation"), invitationId: z.string().optional() }),
  ],
  notUnderstood,
);

/** Signing out one device, or every other one. */
export const sessionsForm = z.discriminatedUnion(
  "intent",
  [
    // A missing or unknown session is not found (the model says so), like someone else's.
    z.object({ intent: z.literal("revoke"), sessionId: z.string().optional() }),
    z.object({ intent: z.literal("others") }),
  ],
  notUnderstood,
);

export const CONFIRM_DELETION = "Type your email address or the word delete to confirm";

export const deleteAccountForm = z.object({
  confirm: z.string({ required_error: CONFIRM_DELETION }).max(300, CONFIRM_DELETION),
});

/** "Sign in with GitHub" (no intent) or "Link GitHub" (intent=link). */
export const githubStartForm = z.object({ intent: z.string().optional(), redirectTo });
