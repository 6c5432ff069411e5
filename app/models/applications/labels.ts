import type { ApplicationDirection, ApplicationStatus } from "~/generated/prisma/enums";

// Words for an application's state, as pages show them. Client-safe.

export const applicationStatusLabels: Record<ApplicationStatus, string> = {
  pending: "Waiting for an answer",
  accepted: "Accepted",
  declined: "Declined",
  withdrawn: "Withdrawn",
  expired: "Expired",
};

export const applicationDirectionLabels: Record<ApplicationDirection, string> = {
  interest: "Offer of help",
  invitation: "Invitation",
};

/** GOV.UK tag colour per status. */
export const applicationStatusTags: Record<ApplicationStatus, string> = {
  pending: "govuk-tag--yellow",
  accepted: "govuk-tag--green",
  declined: "govuk-tag--grey",
  withdrawn: "govuk-tag--grey",
  expired: "govuk-tag--grey",
};

/** Days an invitation stays open. */
export const INVITATION_DAYS = 14;
/** Days unanswered interest waits before the council is reminded, and again before the hub is. */
export const REMINDER_DAYS = 5;

/** What a decline says when the person declining writes nothing: kind and definite. */
export const DEFAULT_DECLINE_WORDS = {
  interest: "Thank you for offering to help. The council has decided not to take this further with you for this challenge.",
  invitation: "Thank you for thinking of me. I will not be taking part in this challenge.",
} as const;
