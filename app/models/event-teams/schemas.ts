import { z } from "zod";

// Forms of the teams page at an event, shared by the server's checks and the browser's.

const NOT_UNDERSTOOD = "Nettle did not understand that request.";
const id = z.string({ required_error: NOT_UNDERSTOOD }).trim().min(1, NOT_UNDERSTOOD).max(100, NOT_UNDERSTOOD);

export const TEAM_NAME_MAX = 80;
export const TEAM_SUMMARY_MAX = 200;

const name = z
  .string({ required_error: "Enter a name for the team" })
  .trim()
  .min(1, "Enter a name for the team")
  .max(TEAM_NAME_MAX, `Team name must be ${TEAM_NAME_MAX} characters or fewer`);
const summary = z
  .string()
  .trim()
  .max(TEAM_SUMMARY_MAX, `Summary must be ${TEAM_SUMMARY_MAX} characters or fewer`)
  .optional()
  .default("");
const demoUrl = z
  .string()
  .trim()
  .max(500, "Demo link must be 500 characters or fewer")
  .refine(
    (value) => value === "" || isHttpsUrl(value),
    "Enter a demo link that starts with https://, like https://example.org/demo",
  )
  .optional()
  .default("");

function isHttpsUrl(value: string) {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

/** Everything the teams page can send: attendees' forms and the organisers'. */
export const eventTeamsForm = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("create"),
      challengeId: z
        .string({ required_error: "Choose a challenge" })
        .trim()
        .min(1, "Choose a challenge")
        .max(100, NOT_UNDERSTOOD),
      name,
      summary,
      demoUrl,
    }),
    z.object({ intent: z.literal("join"), teamId: id }),
    z.object({ intent: z.literal("leave") }),
    z.object({
      intent: z.literal("edit"),
      teamId: id,
      name,
      summary,
      demoUrl,
      presentationOrder: z.coerce
        .number({ invalid_type_error: "Enter the order as a whole number, like 3" })
        .int("Enter the order as a whole number, like 3")
        .min(1, "Order must be 1 or more")
        .max(999, "Order must be 999 or less")
        .optional(),
    }),
    z.object({ intent: z.literal("move"), registrationId: id, teamId: id }),
    z.object({ intent: z.literal("remove"), registrationId: id }),
    z.object({ intent: z.literal("confirm"), teamId: id }),
  ],
  { errorMap: () => ({ message: NOT_UNDERSTOOD }) },
);
export type EventTeamsInput = z.output<typeof eventTeamsForm>;

/** Which forms only the organisers may send. */
export const ORGANISER_INTENTS = new Set<EventTeamsInput["intent"]>(["edit", "move", "remove", "confirm"]);
