import type { ChallengeStatus } from "~/generated/prisma/enums";

// A challenge's history as pages show it, and how a value in it is named for removal. Shared by
// server and browser code, so no server imports here.

export type Side = "from" | "to";

export interface TimelineChange {
  field: string;
  label: string;
  /** Only for people with history access; "removed" when a redaction took it out. */
  from?: string;
  to?: string;
  fromRemoved?: boolean;
  toRemoved?: boolean;
}

export interface TimelineItem {
  id: string;
  kind: "status" | "edit" | "redaction" | "data-card";
  at: Date;
  fromStatus: ChallengeStatus | null;
  toStatus: ChallengeStatus | null;
  commentHtml: string | null;
  changes: TimelineChange[];
  /** A sentence for redactions and data card decisions. */
  note: string | null;
}

export interface RedactTarget {
  eventId: string;
  field: string;
  side: Side;
}

/** "123.problem.from" (from a link or form) → a target, or null when it is not one. */
export function parseRedactTarget(value: unknown): RedactTarget | null {
  if (typeof value !== "string") return null;
  const match = /^(\d{1,18})\.([A-Za-z]{1,40})\.(from|to)$/.exec(value);
  return match ? { eventId: match[1]!, field: match[2]!, side: match[3] as Side } : null;
}

export const redactKey = (target: RedactTarget) => `${target.eventId}.${target.field}.${target.side}`;
