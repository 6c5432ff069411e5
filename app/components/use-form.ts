import { useForm, type FieldMetadata, type FormMetadata, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import type { z, ZodTypeAny } from "zod";

// Every form on Nettle: conform with the same zod schema the action checks (formAction in
// app/services/form.server.ts). Without JavaScript the server's answer shows the errors beside
// the fields with what was typed; with it, the browser checks a field when it is left.

/** A form reply sent by formAction, as useActionData gives it (or anything else the action returned). */
export type MaybeReply = SubmissionResult<string[]> | null | undefined | Record<string, unknown>;

function isReply(value: unknown): value is SubmissionResult<string[]> {
  return typeof value === "object" && value !== null && ("initialValue" in value || "error" in value || "status" in value);
}

export function useNettleForm<Schema extends ZodTypeAny>(
  schema: Schema,
  options: {
    /** Several forms on one page need their own ids. */
    id?: string;
    /** The action's answer; only given to the form it belongs to (see `replyFor`). */
    lastResult?: MaybeReply;
    defaultValue?: Partial<Record<keyof z.input<Schema> & string, unknown>> | Record<string, unknown>;
  } = {},
) {
  return useForm<z.input<Schema>, z.output<Schema>, string[]>({
    id: options.id,
    lastResult: isReply(options.lastResult) ? options.lastResult : undefined,
    defaultValue: options.defaultValue as never,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

/**
 * The action's answer if it answered the form whose hidden fields equal `match` (e.g. one
 * intent, or one item in a list), otherwise nothing: so an error shows only beside the form
 * that was sent.
 */
export function replyFor(reply: unknown, match: Record<string, string>): SubmissionResult<string[]> | undefined {
  if (!isReply(reply)) return undefined;
  const sent = (reply.initialValue ?? {}) as Record<string, unknown>;
  return Object.entries(match).every(([name, value]) => sent[name] === value) ? reply : undefined;
}

/** The first error of each field, keyed by the id the field's input has (its name), for the error summary. */
export function summaryErrors(form: Pick<FormMetadata<Record<string, unknown>, string[]>, "allErrors">, ids: Record<string, string> = {}) {
  const errors: Record<string, string> = {};
  for (const [name, messages] of Object.entries(form.allErrors)) {
    const message = messages?.[0];
    if (!message) continue;
    errors[name === "" ? "form" : (ids[name] ?? name)] ??= message;
  }
  return errors;
}

/** What the field components need from a conform field. */
export type Field = Pick<FieldMetadata<unknown>, "name" | "errors" | "initialValue">;

export function fieldError(field: Pick<Field, "errors">) {
  return field.errors?.[0];
}

/**
 * The error summary for a page with several forms: the first error of each field in the
 * action's reply, keyed by the id its input has (`ids` maps names to ids where they differ).
 */
export function summaryFromReply(reply: unknown, ids: Record<string, string> = {}) {
  const errors: Record<string, string> = {};
  if (!isReply(reply) || !reply.error) return errors;
  for (const [name, messages] of Object.entries(reply.error)) {
    const message = messages?.[0];
    if (message) errors[name === "" ? "form" : (ids[name] ?? name)] ??= message;
  }
  return errors;
}
