import type { z } from "zod";

// Reading and checking form posts. Oversized or malformed bodies answer 400 with a plain
// message instead of reaching code that might fail with a 500.

export const MAX_FORM_BYTES = 64 * 1024;

export function badRequest(message: string) {
  return new Response(message, { status: 400, statusText: "Bad Request", headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export async function readForm(request: Request, maxBytes = MAX_FORM_BYTES): Promise<FormData> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw badRequest("The form was too large to accept.");
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    throw badRequest("Nettle expected a form submission.");
  }
  const body = await request.text().catch(() => {
    throw badRequest("The form could not be read.");
  });
  if (Buffer.byteLength(body) > maxBytes) throw badRequest("The form was too large to accept.");
  if (type.startsWith("multipart/form-data")) {
    return new Request("http://form.invalid", { method: "POST", headers: { "content-type": type }, body })
      .formData()
      .catch(() => {
        throw badRequest("The form could not be read.");
      });
  }
  const form = new FormData();
  for (const [key, value] of new URLSearchParams(body)) form.append(key, value);
  return form;
}

export type FieldErrors = Record<string, string>;

/** The first problem per field, keyed by field name, for errors shown beside each field. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Form values to send back so the form keeps what was typed (never passwords). */
export function keepValues(form: FormData, omit: string[] = ["password", "newPassword", "confirmPassword"]) {
  const values: Record<string, string> = {};
  for (const [key, value] of form) {
    if (typeof value === "string" && !omit.includes(key)) values[key] = value.slice(0, 5000);
  }
  return values;
}
