import { z } from "zod";

/** "Send for hub review": nothing to fill in; the challenge itself is checked when it is sent. */
export const checkStep = z.object({});
