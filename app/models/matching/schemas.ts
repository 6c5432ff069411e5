import { z } from "zod";
import { participantKindOptions } from "~/models/accounts/participant-kinds";

// The filters on "People for this challenge" (a GET form, so the page works without
// JavaScript and a filtered list has an address). Client-safe.

export const MAX_HOURS = 80;

const kinds = participantKindOptions.map((o) => o.value) as [
  (typeof participantKindOptions)[number]["value"],
  ...(typeof participantKindOptions)[number]["value"][],
];

export const peopleFilterSchema = z.object({
  kind: z.enum(kinds).optional(),
  /** "only": people who said remote work is fine. */
  remote: z.enum(["only"]).optional(),
  /** At least this many hours a week free. */
  hours: z.coerce.number().int().min(1).max(MAX_HOURS).optional(),
  page: z.coerce.number().int().min(1).max(100).default(1),
});

export type PeopleFilters = z.infer<typeof peopleFilterSchema>;

/**
 * Lenient reading of the query string for the page: a value it does not understand is dropped
 * (and the page says the filter was ignored), the rest kept.
 */
export function readPeopleFilters(searchParams: URLSearchParams): { filters: PeopleFilters; ignored: string[] } {
  const shape = peopleFilterSchema.shape;
  const kept: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const key of Object.keys(shape) as (keyof typeof shape)[]) {
    const value = searchParams.get(key);
    if (value === null || value === "") continue;
    if (shape[key].safeParse(value).success) kept[key] = value;
    else ignored.push(key);
  }
  return { filters: peopleFilterSchema.parse(kept), ignored };
}

export const matchesPageSchema = z.object({
  page: z.coerce.number().int().min(1).max(100).catch(1).default(1),
});
