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

