import { z } from "zod";
import { requiredText } from "./fields";

export const outcomeStep = z.object({
  outcomeWanted: requiredText(5_000, "Describe the outcome you want", "The outcome"),
  successMeasures: requiredText(5_000, "Say how you will know it worked", "How you will measure success"),
});

export type OutcomeStep = z.output<typeof outcomeStep>;
