import type { z, ZodTypeAny } from "zod";
import { invalid } from "~/models/platform/errors";

/**
 * `value` checked against a form's schema, for model functions that are also called without
 * the form (seeding, scripts): the first problem is refused beside its field, as the form
 * would have shown it.
 */
export function checked<Schema extends ZodTypeAny>(schema: Schema, value: z.input<Schema>): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw invalid(issue.message, issue.path.length > 0 ? String(issue.path[0]) : undefined);
}
