import { z, type ZodTypeAny } from "zod";
import { exampleDate } from "~/models/challenges/wizard";

// Field rules the wizard's steps share, in the words GOV.UK patterns use. Client-safe: the
// browser checks each step with the same schema as the server. Conform turns an empty field into
// `undefined`, so every required field says the same thing whether it was empty or missing.

export const requiredText = (max: number, empty: string, name: string) =>
  z
    .string({ required_error: empty })
    .trim()
    .min(1, empty)
    .max(max, `${name} must be ${max.toLocaleString("en-GB")} characters or fewer`);

export const optionalText = (max: number, name: string) =>
  z
    .string()
    .trim()
    .max(max, `${name} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .default("");

/** One of `values`; anything else, or nothing, is told `message`. */
export const choice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.enum(values as unknown as [T[number], ...T[number][]], { errorMap: () => ({ message }) });

/** Today's date in the UK, as YYYY-MM-DD (deadlines are calendar dates, not instants). */
function ukToday() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
}

const datePart = z.string().trim().default("");

/**
 * A GOV.UK date input (three boxes, posted as `name.day`, `name.month`, `name.year`) → a Date
 * at UTC midnight, or null when left empty.
 */
export function dateField(name: string, { future }: { future: boolean }) {
  // A form without the boxes at all counts as left empty.
  const boxes = z.object({ day: datePart, month: datePart, year: datePart }).default({});
  return boxes.transform((parts, ctx) => {
    const { day, month, year } = parts;
    if (!day && !month && !year) return null;
    const missing = (["day", "month", "year"] as const).filter((part) => !parts[part]);
    if (missing.length > 0) {
      ctx.addIssue({ code: "custom", message: `${name} must include a ${missing.join(" and ")}` });
      return z.NEVER;
    }
    const [d, m, y] = [day, month, year].map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    const real =
      /^\d{1,2}$/.test(day) &&
      /^\d{1,2}$/.test(month) &&
      /^\d{4}$/.test(year) &&
      date.getUTCFullYear() === y &&
      date.getUTCMonth() === m - 1 &&
      date.getUTCDate() === d;
    if (!real) {
      ctx.addIssue({ code: "custom", message: `${name} must be a real date, like ${exampleDate(6)}` });
      return z.NEVER;
    }
    if (future && date.toISOString().slice(0, 10) <= ukToday()) {
      ctx.addIssue({ code: "custom", message: `${name} must be in the future` });
      return z.NEVER;
    }
    return date;
  });
}

/** The boxes of a date input as they show a stored date (calendar dates are kept at UTC midnight). */
export function dateParts(date: Date | null) {
  if (!date) return { day: "", month: "", year: "" };
  return { day: String(date.getUTCDate()), month: String(date.getUTCMonth() + 1), year: String(date.getUTCFullYear()) };
}

/**
 * `value` checked against `schema` inside another schema's transform, its problems reported
 * there. For "Save and continue" on a step whose form also adds something (a skill, a
 * dataset): what was started is checked and saved too, as people expect.
 */
export function checkedAs<S extends ZodTypeAny>(schema: S, value: unknown, ctx: z.RefinementCtx): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue(issue);
  return z.NEVER;
}
