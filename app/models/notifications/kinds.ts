// The kinds of notification Nettle sends, with the words a person sees when choosing how to
// hear about each. Client-safe: the preferences page imports it.

export const NOTIFICATION_KINDS = {
  "invitation.received": { label: "Someone invites you to a challenge", inApp: true, email: true },
  "interest.received": { label: "Someone offers to help with your council's challenge", inApp: true, email: true },
  "application.accepted": { label: "Your interest or invitation is accepted", inApp: true, email: true },
  "application.declined": { label: "Your interest or invitation is declined", inApp: true, email: true },
  "invitation.expired": { label: "An invitation you sent ran out unanswered", inApp: true, email: false },
  "interest.reminder": { label: "Reminders about offers of help nobody has answered", inApp: true, email: true },
  // Saved searches email on their own schedule (at once, daily or weekly), chosen per search.
  "saved_search.hit": { label: "New results for a saved search", inApp: true, email: false, emailedBy: "/account/saved-searches" },
  "followed.status_changed": { label: "A challenge you follow changes status", inApp: true, email: true },
  "followed.edited": { label: "A challenge you follow is edited", inApp: true, email: false },
  "project.invited": { label: "Someone invites you to join a project's team", inApp: true, email: true },
  "project.team_changed": { label: "Someone joins, leaves or is removed from your project's team", inApp: true, email: false },
  "project.delivery": { label: "A project is marked delivered, or the council agrees", inApp: true, email: true },
  "skill_proposal.decided": { label: "A hub organiser decides on a skill you proposed", inApp: true, email: true },
  project_stalled: { label: "A project you work on or oversee has had no activity for a while", inApp: true, email: true },
  impact_check: { label: "Questions about whether a published outcome is making a difference", inApp: true, email: true },
  "outcome.submitted": { label: "A team sends its outcome to your council for sign-off", inApp: true, email: true },
  "outcome.changes_requested": { label: "The council asks for changes to your team's outcome", inApp: true, email: true },
  "outcome.published": { label: "An outcome you worked on or oversee is published", inApp: true, email: true },
  "event.cancelled": { label: "An event you registered for is cancelled", inApp: true, email: true },
  "event.registration": { label: "Your place at an event: confirmed, waiting list, a place offered, reminders", inApp: true, email: true },
} as const satisfies Record<string, { label: string; inApp: boolean; email: boolean; emailedBy?: string }>;

/** Where a kind's emails are chosen instead, when not on the notifications page. */
export function emailChosenElsewhere(kind: NotificationKind): string | null {
  const entry = NOTIFICATION_KINDS[kind];
  return "emailedBy" in entry ? entry.emailedBy : null;
}

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export const notificationKinds = Object.keys(NOTIFICATION_KINDS) as NotificationKind[];

export function isNotificationKind(value: string): value is NotificationKind {
  return Object.hasOwn(NOTIFICATION_KINDS, value);
}
