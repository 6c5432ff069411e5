import { z } from "zod";
import { requiredText } from "./fields";

export const whyStep = z.object({
  whyItMatters: requiredText(5_000, "Say why the problem matters", "Why it matters"),
});

export type WhyStep = z.output<typeof whyStep>;
