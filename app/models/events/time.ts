import { TZDate } from "@date-fns/tz";

// Event times: organisers type a calendar date and a wall-clock time in the event's zone
// (Europe/London unless they chose another); the database stores the instant in UTC; pages show
// it back in the event's zone, so "10:00" stays 10:00 in winter and in summer.

export const DEFAULT_TIME_ZONE = "Europe/London";

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/**
 * "2027-01-23" + "09:30" in `zone` → the UTC instant, or null when the date or time is not
 * real (31 February, 25:00). In the hour the clocks go forward, a time that does not exist
 * moves an hour on; in the hour they go back, the first of the two moments is taken.
 */
export function zonedToUtc(date: string, time: string, zone = DEFAULT_TIME_ZONE): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const t = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!d || !t) return null;
  const [year, month, day, hour, minute] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const zoned = new TZDate(year, month - 1, day, hour, minute, 0, zone);
  const instant = new Date(zoned.getTime());
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/** The instant as "YYYY-MM-DD" and "HH:MM" in `zone`, to fill a form back in. */
export function utcToZonedParts(instant: Date, zone = DEFAULT_TIME_ZONE): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** "Saturday 23 January 2027" in `zone`. */
export function formatEventDate(instant: Date, zone = DEFAULT_TIME_ZONE): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "long", day: "numeric", month: "long", year: "numeric" })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  // ICU versions differ on a comma after the weekday; GOV.UK writes none.
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

/** "9:30am" in `zone` (GOV.UK style: no leading zero, am/pm, "midday"). */
export function formatEventTime(instant: Date, zone = DEFAULT_TIME_ZONE): string {
  const { time } = utcToZonedParts(instant, zone);
  const [h, m] = time.split(":").map(Number) as [number, number];
  if (h === 12 && m === 0) return "midday";
  if (h === 0 && m === 0) return "midnight";
  const suffix = h < 12 ? "am" : "pm";
  const hour = h % 12 === 0 ? 12 : h % 12;
  return m === 0 ? `${hour}${suffix}` : `${hour}:${String(m).padStart(2, "0")}${suffix}`;
}

/**
 * "Saturday 23 January 2027, 9:30am to 5pm" — or, over several days,
 * "Saturday 23 January 2027, 9:30am to Sunday 24 January 2027, 4pm". Adds the zone's name when
 * it is not Europe/London ("(Europe/Paris)"), so nobody misreads it.
 */
export function formatEventRange(startsAt: Date, endsAt: Date, zone = DEFAULT_TIME_ZONE): string {
  const sameDay = utcToZonedParts(startsAt, zone).date === utcToZonedParts(endsAt, zone).date;
  const range = sameDay
    ? `${formatEventDate(startsAt, zone)}, ${formatEventTime(startsAt, zone)} to ${formatEventTime(endsAt, zone)}`
    : `${formatEventDate(startsAt, zone)}, ${formatEventTime(startsAt, zone)} to ${formatEventDate(endsAt, zone)}, ${formatEventTime(endsAt, zone)}`;
  return zone === DEFAULT_TIME_ZONE ? range : `${range} (${zone})`;
}
