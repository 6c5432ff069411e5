import { z } from "zod";

// Forms of the taxonomy domain, shared by the server's checks and the browser's.

export const themeNameField = z
  .string({ required_error: "Enter the theme's name" })
  .trim()
  .min(2, "Enter the theme's name")
  .max(80, "Theme name must be 80 characters or fewer");

export const themeForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), name: themeNameField }),
  z.object({ intent: z.literal("rename"), themeId: z.string().max(64), name: themeNameField }),
]);

export type ThemeForm = z.infer<typeof themeForm>;
