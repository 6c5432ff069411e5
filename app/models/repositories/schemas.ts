import { z } from "zod";
import { parseRepositoryReference } from "~/models/repositories/reference";

// Forms of the repository page, shared by the server's checks and the browser's.

const reference = z
  .string({ required_error: "Enter the repository’s GitHub address or owner/name" })
  .superRefine((value, ctx) => {
    const parsed = parseRepositoryReference(value);
    if (!parsed.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.message });
  })
  .transform((value) => {
    const parsed = parseRepositoryReference(value);
    return parsed.ok ? parsed.reference : { owner: "", name: "" };
  });

export const repositoryForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("link"),
    reference,
    /** Ticked to confirm replacing the repository already linked. */
    replace: z.enum(["yes"]).optional(),
  }),
  z.object({ intent: z.literal("unlink"), confirm: z.enum(["yes"], { required_error: "Confirm that you want to unlink the repository" }) }),
  z.object({ intent: z.literal("sync") }),
]);

export type RepositoryFormInput = z.output<typeof repositoryForm>;
export type LinkInput = Extract<RepositoryFormInput, { intent: "link" }>;
