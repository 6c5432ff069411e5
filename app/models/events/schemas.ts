import { z } from "zod";
import { optionalText, requiredText } from "~/models/challenges/wizard-steps/fields";
import { DEFAULT_TIME_ZONE, isTimeZone, zonedToUtc } from "~/models/events/time";

// The events domain's forms, client-safe: the event itself (create and edit), featured
// challenges, agenda items, checkpoints and the organiser's status actions. Times are typed in
// the event's zone as a date (three boxes) and a time ("10:00", "10am", "2:30pm"); the schema
// turns them into UTC instants with zonedToUtc, so the browser and the server agree on errors.

export const EVENT_TIME_ZONES = ["Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin", "UTC"] as const;

export const DEFAULT_CODE_OF_CONDUCT = [
  "We want everyone to have a good day. By taking part you agree to:",
  "",
  "- be kind and patient, and assume good intent",
  "- respect people's time, ideas, background and identity",
  "- not harass anyone, in person or online, for any reason",
  "- keep personal data you meet during the day private",
  "",
  "If something makes you uncomfortable, talk to any organiser. We may ask anyone who breaks this code to leave.",
].join("\n");

const datePart = z.string().trim().max(10).default("");
const dateBoxes = z.object({ day: datePart, month: datePart, year: datePart }).default({});
export type DateBoxes = z.output<typeof dateBoxes>;

const timeText = z.string().trim().max(20).default("");

/** "10:00", "9.30", "10am", "2:30pm", "midday" → "HH:MM" (24-hour), or null. */
export function parseTime(text: string): string | null {
  const value = text.trim().toLowerCase();
  if (value === "midday" || value === "noon") return "12:00";
  if (value === "midnight") return "00:00";
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/.exec(value);
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? "0");
  const suffix = match[3];
  if (!suffix && match[2] === undefined) return null;
  if (suffix) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (suffix === "pm" ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** The boxes as "YYYY-MM-DD", or an error in words. */
function isoDate(parts: DateBoxes, name: string): { iso: string } | { error: string } | null {
  const { day, month, year } = parts;
  if (!day && !month && !year) return null;
  const missing = (["day", "month", "year"] as const).filter((part) => !parts[part]);
  if (missing.length > 0) return { error: `${name} must include a ${missing.join(" and ")}` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { error: `${name} must be a real date, like 23 1 2027` };
  }
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  const check = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== iso) {
    return { error: `${name} must be a real date, like 23 1 2027` };
  }
  return { iso };
}

type Ctx = z.RefinementCtx;

/** Date boxes + time in `zone` → the instant, adding an issue beside the field when it cannot be one. */
function instant(
  ctx: Ctx,
  parts: DateBoxes,
  time: string,
  zone: string,
  fields: { date: string; time: string; name: string },
  options: { required: boolean; defaultTime?: string },
): Date | null {
  const date = isoDate(parts, `${fields.name} date`);
  if (date === null) {
    if (options.required) ctx.addIssue({ code: "custom", path: [fields.date], message: `Enter the ${fields.name.toLowerCase()} date` });
    else if (time) ctx.addIssue({ code: "custom", path: [fields.date], message: `Enter a date for the ${fields.name.toLowerCase()} time` });
    return null;
  }
  if ("error" in date) {
    ctx.addIssue({ code: "custom", path: [fields.date], message: date.error });
    return null;
  }
  const hhmm = time ? parseTime(time) : (options.defaultTime ?? null);
  if (!hhmm) {
    ctx.addIssue({
      code: "custom",
      path: [fields.time],
      message: time ? `${fields.name} time must be a time, like 9:30am or 14:00` : `Enter the ${fields.name.toLowerCase()} time`,
    });
    return null;
  }
  const at = zonedToUtc(date.iso, hhmm, zone);
  if (!at) ctx.addIssue({ code: "custom", path: [fields.date], message: `${fields.name} date must be a real date` });
  return at;
}

const accessAnswer = z
  .enum(["yes", "no", "unknown"], { errorMap: () => ({ message: "Choose yes, no or not known" }) })
  .default("unknown");
export type AccessAnswer = z.output<typeof accessAnswer>;

const wholeNumber = (name: string, min: number, max: number) =>
  z
    .string({ required_error: `Enter the ${name.toLowerCase()}` })
    .trim()
    .min(1, `Enter the ${name.toLowerCase()}`)
    .regex(/^\d{1,6}$/, `${name} must be a whole number, like ${Math.min(max, Math.max(min, 30))}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be between ${min} and ${max.toLocaleString("en-GB")}`);

const httpsLink = z
  .string()
  .trim()
  .max(2_000, "Online link must be 2,000 characters or fewer")
  .refine((link) => {
    if (link === "") return true;
    try {
      const url = new URL(link);
      return url.protocol === "https:" && url.hostname.includes(".") && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "Online link must be a web address starting with https://, like https://meet.example.org/hack-day")
  .default("");

const eventFields = z.object({
  kind: z.enum(["hack_day", "showcase"], { errorMap: () => ({ message: "Choose hack day or showcase" }) }),
  title: requiredText(200, "Enter a title", "Title"),
  description: optionalText(10_000, "Description"),
  timeZone: z
    .string()
    .trim()
    .default(DEFAULT_TIME_ZONE)
    .refine((zone) => (EVENT_TIME_ZONES as readonly string[]).includes(zone) && isTimeZone(zone), "Choose a time zone from the list"),
  startDate: dateBoxes,
  startTime: timeText,
  endDate: dateBoxes,
  endTime: timeText,
  venueName: optionalText(200, "Venue name"),
  venueAddress: optionalText(500, "Venue address"),
  venuePostcode: optionalText(10, "Postcode"),
  onlineUrl: httpsLink,
  stepFreeAccess: accessAnswer,
  hearingLoop: accessAnswer,
  quietRoom: accessAnswer,
  accessibleToilets: accessAnswer,
  nearestStation: optionalText(200, "Nearest station"),
  accessibilityNotes: optionalText(2_000, "Accessibility notes"),
  capacity: wholeNumber("Capacity", 1, 5000),
  registrationOpensDate: dateBoxes,
  registrationOpensTime: timeText,
  registrationClosesDate: dateBoxes,
  registrationClosesTime: timeText,
  codeOfConduct: optionalText(10_000, "Code of conduct"),
  teamSizeMin: wholeNumber("Smallest team", 1, 20),
  teamSizeMax: wholeNumber("Largest team", 1, 20),
  offerHours: wholeNumber("Hours to confirm an offered place", 1, 336),
});

const answerToBoolean = (answer: AccessAnswer) => (answer === "unknown" ? null : answer === "yes");

/** The event form → what the model stores, or issues beside each field. */
export const eventForm = eventFields.transform((value, ctx) => {
  const zone = value.timeZone;
  const startsAt = instant(ctx, value.startDate, value.startTime, zone, { date: "startDate", time: "startTime", name: "Start" }, { required: true });
  const endsAt = instant(ctx, value.endDate, value.endTime, zone, { date: "endDate", time: "endTime", name: "End" }, { required: true });
  if (startsAt && endsAt && endsAt <= startsAt) {
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "The event must end after it starts" });
  }
  const registrationOpensAt = instant(
    ctx,
    value.registrationOpensDate,
    value.registrationOpensTime,
    zone,
    { date: "registrationOpensDate", time: "registrationOpensTime", name: "Registration opens" },
    { required: false, defaultTime: "00:00" },
  );
  const registrationClosesAt = instant(
    ctx,
    value.registrationClosesDate,
    value.registrationClosesTime,
    zone,
    { date: "registrationClosesDate", time: "registrationClosesTime", name: "Registration closes" },
    { required: false, defaultTime: "23:59" },
  );
  if (registrationOpensAt && registrationClosesAt && registrationClosesAt <= registrationOpensAt) {
    ctx.addIssue({ code: "custom", path: ["registrationClosesDate"], message: "Registration must close after it opens" });
  }
  if (registrationClosesAt && endsAt && registrationClosesAt > endsAt) {
    ctx.addIssue({ code: "custom", path: ["registrationClosesDate"], message: "Registration must close before the event ends" });
  }
  if (!value.venueName && !value.onlineUrl) {
    ctx.addIssue({ code: "custom", path: ["venueName"], message: "Enter a venue name or an online link (or both)" });
  }
  if ((value.venueAddress || value.venuePostcode) && !value.venueName) {
    ctx.addIssue({ code: "custom", path: ["venueName"], message: "Enter the venue's name as well as its address" });
  }
  if (value.teamSizeMax < value.teamSizeMin) {
    ctx.addIssue({ code: "custom", path: ["teamSizeMax"], message: "Largest team must be at least the smallest team" });
  }
  if (!startsAt || !endsAt) return z.NEVER;
  return {
    kind: value.kind,
    title: value.title,
    description: value.description,
    timeZone: zone,
    startsAt,
    endsAt,
    venueName: value.venueName,
    venueAddress: value.venueAddress,
    venuePostcode: value.venuePostcode.toUpperCase(),
    onlineUrl: value.onlineUrl,
    stepFreeAccess: answerToBoolean(value.stepFreeAccess),
    hearingLoop: answerToBoolean(value.hearingLoop),
    quietRoom: answerToBoolean(value.quietRoom),
    accessibleToilets: answerToBoolean(value.accessibleToilets),
    nearestStation: value.nearestStation,
    accessibilityNotes: value.accessibilityNotes,
    capacity: value.capacity,
    registrationOpensAt,
    registrationClosesAt,
    codeOfConduct: value.codeOfConduct,
    teamSizeMin: value.teamSizeMin,
    teamSizeMax: value.teamSizeMax,
    offerHours: value.offerHours,
  };
});

export type EventInput = z.output<typeof eventForm>;

/** The featured challenges page: the chosen ones, and moving one up the order. */
export const featuredChallengesForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("choose"),
    challengeIds: z.array(z.string().trim().max(64)).max(50, "Choose 50 challenges or fewer").default([]),
  }),
  z.object({ intent: z.literal("move-up"), challengeId: z.string().trim().min(1).max(64) }),
]);

// The agenda page: agenda items (day chosen from the event's days) and checkpoints.
export const agendaForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("save-item"),
    itemId: z.string().trim().max(64).optional(),
    day: z.string({ required_error: "Choose the day" }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose the day"),
    startTime: z
      .string({ required_error: "Enter the start time" })
      .trim()
      .max(20)
      .refine((time) => parseTime(time) !== null, "Start time must be a time, like 9:30am or 14:00"),
    endTime: timeText.refine((time) => time === "" || parseTime(time) !== null, "End time must be a time, like 10am or 15:30"),
    title: requiredText(200, "Enter what happens", "What happens"),
    description: optionalText(1_000, "Details"),
  }),
  z.object({ intent: z.literal("remove-item"), itemId: z.string().trim().min(1).max(64), confirm: z.literal("yes").optional() }),
  z.object({ intent: z.literal("add-checkpoint"), name: requiredText(60, "Enter the checkpoint's name", "Checkpoint name") }),
  z.object({ intent: z.literal("remove-checkpoint"), checkpointId: z.string().trim().min(1).max(64) }),
]);
export type AgendaItemInput = Extract<z.output<typeof agendaForm>, { intent: "save-item" }>;

// The organiser dashboard's status actions.
export const manageEventForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("publish") }),
  z.object({
    intent: z.literal("cancel"),
    reason: optionalText(1_000, "Reason"),
    confirm: z.literal("yes", { errorMap: () => ({ message: "Confirm that you want to cancel the event" }) }),
  }),
  z.object({ intent: z.literal("finish") }),
]);
