import { readFileSync } from "node:fs";
import path from "node:path";
import {
  PASSWORD_EXAMPLE,
  passwordLengthProblem,
  resetPasswordSchema,
  signUpSchema,
  type PasswordRules,
} from "~/models/accounts/schemas";

// What makes a new password acceptable. The length rules are in schemas.ts, so the browser
// checks them too; the rest needs the list of common passwords, which stays on the server.

let common: Set<string> | undefined;
function commonPasswords() {
  if (!common) {
    const file = path.resolve(process.cwd(), "prisma/data/common-passwords.txt");
    common = new Set(
      readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line && !line.startsWith("#"))
        .map((line) => line.toLowerCase()),
    );
  }
  return common;
}

/** Why a new password is not acceptable, in words for the person choosing it; null if fine. */
export const passwordProblem: PasswordRules = (password, context = {}) => {
  const length = passwordLengthProblem(password);
  if (length) return length;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return "That password is too common and easy to guess – choose another";
  if (lower.replace(/[^a-z]/g, "") === PASSWORD_EXAMPLE.replace(/[^a-z]/g, "")) {
    return "That is the example from the hint, so others know it – choose your own words";
  }
  if (/^(.)\1+$/.test(password)) return "Password must not be one character repeated";
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return "Password must not contain your email address";
  if (context.name && context.name.length >= 4 && lower.includes(context.name.toLowerCase())) {
    return "Password must not contain your name";
  }
  return null;
};

/** The sign-up and reset forms as the server checks them: the browser's checks and these rules. */
export const signUpFormChecked = signUpSchema(passwordProblem);
export const resetPasswordFormChecked = resetPasswordSchema(passwordProblem);
