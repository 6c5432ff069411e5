import { z } from "zod";

const CHOOSE_ONE = "Choose at least one theme";

export const themesStep = z.object({
  themes: z
    .array(z.string(), { required_error: CHOOSE_ONE })
    .min(1, CHOOSE_ONE)
    .max(50, "Choose fewer themes")
    // Said of the whole list, so the message shows beside the checkboxes.
    .refine((ids) => ids.every((id) => id.length <= 40), "Choose themes from the list"),
});

export type ThemesStep = z.output<typeof themesStep>;
