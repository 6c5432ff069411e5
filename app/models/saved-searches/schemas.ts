import { z } from "zod";

// The forms about saved searches, shared by the pages (browser checks) and their actions.
// Client-safe: no server imports.

export const EMAIL_FREQUENCIES = ["never", "immediately", "daily", "weekly"] as const;
export type EmailFrequencyChoice = (typeof EMAIL_FREQUENCIES)[number];

/** How a person hears about new results, in the words the forms and the list use. */
export const frequencyOptions: { value: EmailFrequencyChoice; label: string; hint?: string }[] = [
  { value: "never", label: "On Nettle only", hint: "In your notifications, no email" },
  { value: "immediately", label: "By email at once" },
  { value: "daily", label: "In a daily email", hint: "At 7am, only on days with something new" },
  { value: "weekly", label: "In a weekly email", hint: "On Monday at 7am, only when there is something new" },
];

export const frequencyLabels = Object.fromEntries(frequencyOptions.map((o) => [o.value, o.label])) as Record<
  EmailFrequencyChoice,
  string
>;

/** How many searches one person may keep: enough for real use, not a way to flood the worker. */
export const MAX_SAVED_SEARCHES = 20;

const name = z
  .string({ required_error: "Enter a name for this search" })
  .trim()
  .min(1, "Enter a name for this search")
  .max(120, "Name must be 120 characters or fewer");

const emailFrequency = z.enum(EMAIL_FREQUENCIES, {
  errorMap: () => ({ message: "Choose how you want to hear about new results" }),
});

const id = z.string({ required_error: "Nettle did not understand that request." }).trim().min(1).max(100);

/** Saving a challenge search: the search itself travels as its query string. */
export const challengeSearchForm = z.object({
  target: z.literal("challenges"),
  name,
  emailFrequency,
  search: z.string().max(4000, "That search is too long to save").default(""),
});

/** Saving a people search for a council. Skills are typed as words, any name or synonym. */
export const peopleSearchForm = z.object({
  target: z.literal("people"),
  name,
  emailFrequency,
  organisation: z.string({ required_error: "Choose the council" }).trim().min(1, "Choose the council").max(200),
  skills: z
    .string({ required_error: "Enter at least one skill" })
    .trim()
    .min(1, "Enter at least one skill")
    .max(500, "Skills must be 500 characters or fewer"),
  region: z.string().trim().max(120).optional(),
  remoteOnly: z
    .literal("yes")
    .optional()
    .transform((value) => value === "yes"),
  kind: z.enum(["volunteer", "student", "academic"]).optional(),
});

export const newSavedSearchForm = z.discriminatedUnion("target", [challengeSearchForm, peopleSearchForm]);

/** The list page: rename, change how to hear, delete (after confirming). */
export const manageSavedSearchForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("rename"), id, name }),
  z.object({ intent: z.literal("frequency"), id, emailFrequency }),
  z.object({ intent: z.literal("delete"), id }),
]);
