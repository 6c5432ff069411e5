import type { EventKind, EventStatus } from "~/generated/prisma/enums";

// Words for events that pages show. Client-safe.

export const eventKindLabels: Record<EventKind, string> = { hack_day: "Hack day", showcase: "Showcase" };

export const eventStatusLabels: Record<EventStatus, string> = {
  draft: "Draft",
  published: "Published",
  cancelled: "Cancelled",
  finished: "Finished",
};

/** "Step-free access: yes"; null is "not known", so people know to ask. */
export function accessibilityWord(value: boolean | null) {
  return value === null ? "Not known – ask the organisers" : value ? "Yes" : "No";
}

export const accessibilityLabels = {
  stepFreeAccess: "Step-free access",
  hearingLoop: "Hearing loop",
  quietRoom: "Quiet room",
  accessibleToilets: "Accessible toilets",
} as const;
