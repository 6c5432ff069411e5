import { z } from "zod";

// Form fields several forms share, with GOV.UK-style error messages.

/** An email address: trimmed, lower-cased, at most 254 characters. */
export function emailAddress(emptyMessage = "Enter your email address") {
  return z
    .string({ required_error: emptyMessage })
    .trim()
    .toLowerCase()
    .min(1, emptyMessage)
    .max(254, "Email address must be 254 characters or fewer")
    .email("Enter an email address in the correct format, like name@example.org");
}

/**
 * The example in the password hint. Anyone reading the hint knows it, so it is refused as a
 * password (password.server.ts).
 */
export const PASSWORD_EXAMPLE = "walrus pencil harbour";
export const PASSWORD_HINT = `At least 12 characters. Three random words work well, like '${PASSWORD_EXAMPLE}' (but not those).`;
