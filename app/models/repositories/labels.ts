// Words about repositories that pages and messages share. Client-safe.

const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
const dayTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/London",
});

/** "14:05" today, "2 December at 09:00" otherwise (UK time). */
export function whenAgain(at: Date, now = new Date()) {
  const sameDay = at.toDateString() === now.toDateString() && at.getTime() - now.getTime() < 86_400_000;
  return sameDay ? timeFormat.format(at) : dayTimeFormat.format(at);
}

export const syncStatusLabels = {
  pending: "Waiting for the first sync",
  ok: "Synced",
  failed: "Last sync failed",
} as const;
