import type { RegistrationStatus } from "~/generated/prisma/enums";

// Words for registration states, as attendees and organisers read them. Client-safe.

export const STATUS_LABELS: Record<RegistrationStatus, string> = {
  confirmed: "Place confirmed",
  waitlisted: "On the waiting list",
  offered: "Place offered",
  cancelled: "Cancelled",
  expired: "Offer ran out",
};

export const STATUS_ORDER: RegistrationStatus[] = ["confirmed", "offered", "waitlisted", "cancelled", "expired"];

export function isRegistrationStatus(value: string): value is RegistrationStatus {
  return (STATUS_ORDER as string[]).includes(value);
}
