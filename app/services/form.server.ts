import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import type { z, ZodTypeAny } from "zod";
import { DomainError, raceLost } from "~/models/platform/errors";

// Reading and checking form posts: formAction is the only reader of form bodies. Oversized or
// malformed bodies answer 400 with a plain message, control characters are removed, and a
// field that is not valid UTF-8 is refused beside the field instead of being stored garbled.

export const MAX_FORM_BYTES = 64 * 1024;

export function badRequest(message: string) {
  return new Response(message, { status: 400, statusText: "Bad Request", headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

type FieldErrors = Record<string, string>;

// C0 control characters other than tab, line feed and carriage return: PostgreSQL refuses
// NUL in text, and none of them is something a person meant to type.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
const withoutControls = (text: string) => text.replace(CONTROL_CHARACTERS, "");

const PASSWORD_FIELDS = ["password", "newPassword", "confirmPassword"];

/** A field's name in words, for messages about fields the reader knows only by name. */
function fieldLabel(name: string) {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[-_.]+/g, " ")
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "A field";
}

const tooLarge = () => badRequest("The form was too large to accept.");

/** The body, read only up to `maxBytes`: more than that stops reading and answers 400. */
async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const chunk = await reader.read().catch(() => {
      throw badRequest("The form could not be read.");
    });
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/** application/x-www-form-urlencoded as the URL Standard parses it, but refusing bad UTF-8. */
function parseUrlencoded(body: Uint8Array) {
  const entries: [string, string, boolean][] = [];
  const decode = (bytes: Uint8Array): [string, boolean] => {
    try {
      return [strictUtf8.decode(bytes), true];
    } catch {
      return [lenientUtf8.decode(bytes), false];
    }
  };
  for (const piece of Buffer.from(body).toString("latin1").split("&")) {
    if (!piece) continue;
    const equals = piece.indexOf("=");
    const [rawName, rawValue] = equals === -1 ? [piece, ""] : [piece.slice(0, equals), piece.slice(equals + 1)];
    const [name, nameOk] = decode(percentDecode(rawName));
    const [value, valueOk] = decode(percentDecode(rawValue));
    entries.push([name, value, nameOk && valueOk]);
  }
  return entries;
}

/** Percent-decodes a latin1 string of the body's bytes back into bytes; "+" is a space. */
function percentDecode(text: string): Uint8Array {
  const bytes = Buffer.from(text.replace(/\+/g, " "), "latin1");
  const out = new Uint8Array(bytes.length);
  let length = 0;
  for (let i = 0; i < bytes.length; i++) {
    const hex = bytes[i] === 0x25 ? bytes.subarray(i + 1, i + 3).toString("latin1") : "";
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out[length++] = parseInt(hex, 16);
      i += 2;
    } else {
      out[length++] = bytes[i]!;
    }
  }
  return out.subarray(0, length);
}

async function parseMultipart(body: Uint8Array, type: string) {
  const form = await new Response(Buffer.from(body), { headers: { "content-type": type } }).formData().catch(() => {
    throw badRequest("The form could not be read.");
  });
  let valid = true;
  try {
    strictUtf8.decode(body);
  } catch {
    valid = false;
  }
  // The multipart parser replaces bytes that are not UTF-8 with U+FFFD; when the body had
  // such bytes, the text fields showing one are the ones that carried them.
  const entries: [string, FormDataEntryValue, boolean][] = [];
  for (const [name, value] of form) entries.push([name, value, valid || typeof value !== "string" || !value.includes("\uFFFD")]);
  if (!valid && entries.every(([, , ok]) => ok)) entries.push(["form", "", false]);
  return entries;
}

/** The form's fields, control characters removed, and the fields that were not valid UTF-8. */
async function readFormEntries(request: Request, maxBytes = MAX_FORM_BYTES) {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    throw badRequest("Nettle expected a form submission.");
  }
  const body = await readBody(request, maxBytes);
  const entries = type.startsWith("multipart/form-data") ? await parseMultipart(body, type) : parseUrlencoded(body);
  const form = new FormData();
  const unreadable: FieldErrors = {};
  for (const [name, value, readable] of entries) {
    const cleanName = withoutControls(name);
    if (typeof value === "string") form.append(cleanName, withoutControls(value));
    else form.append(cleanName, value);
    unreadable[cleanName] ??= "";
    if (!readable) {
      unreadable[cleanName] = `${fieldLabel(cleanName)} contains characters Nettle cannot read (shown as \uFFFD) – type them again or remove them`;
    }
  }
  const errors = Object.fromEntries(Object.entries(unreadable).filter(([, message]) => message));
  return { form, unreadable: errors };
}

/** What an action answers when a form is refused: conform's reply, with what was typed. */
export type FormReply = SubmissionResult<string[]>;

/**
 * The one way an action handles a form. Reads the body at the boundary (size, encodings,
 * control characters), checks it against `schema` — the same zod schema the page uses for
 * the browser's checks — and runs `run` with the typed value. Input that fails the schema,
 * fields that were not valid UTF-8, and a DomainError of kind "invalid", "conflict" or "gone"
 * from the model answer 400 / 409 / 410 with the message beside its field and everything typed kept
 * (passwords excepted). Other DomainErrors (forbidden, not found, rate limited) go on to the
 * server, which answers them with their status and message.
 */
export async function formAction<Schema extends ZodTypeAny, Result>(
  request: Request,
  schema: Schema,
  run: (value: z.output<Schema>) => Promise<Result>,
  options: {
    hideFields?: string[];
    /**
     * For forms with nothing to correct (a button that confirms): the model's "invalid" and
     * "conflict" answer as the error page too, since there is no field to show them beside.
     */
    refusalsAsErrorPage?: boolean;
    /**
     * Asked with the fields as sent, before they are checked: for a page whose forms need
     * different permissions (told apart by `intent`), so someone who may not use a form is
     * refused (403) rather than told how to fill it in.
     */
    authorize?: (fields: Record<string, unknown>) => Promise<void>;
  } = {},
) {
  const { form, unreadable } = await readFormEntries(request);
  const submission = parseWithZod(form, { schema });
  await options.authorize?.(submission.payload);
  const hideFields = options.hideFields ?? PASSWORD_FIELDS;
  const refuse = (status: number, fieldErrors?: Record<string, string[]>, formErrors?: string[]) =>
    data(submission.reply({ hideFields, ...(fieldErrors ? { fieldErrors } : {}), ...(formErrors ? { formErrors } : {}) }) as FormReply, {
      status,
    });
  if (Object.keys(unreadable).length > 0) {
    return refuse(400, Object.fromEntries(Object.entries(unreadable).map(([name, message]) => [name, [message]])));
  }
  if (submission.status !== "success") return refuse(400);
  try {
    return await run(submission.value);
  } catch (thrown) {
    // A write that lost a race with another request is told like any other conflict, with what was typed kept.
    const error = DomainError.is(thrown) ? thrown : (raceLost(thrown) ?? thrown);
    if (
      DomainError.is(error) &&
      (error.kind === "invalid" || error.kind === "conflict" || error.kind === "gone") &&
      !options.refusalsAsErrorPage
    ) {
      return error.field ? refuse(error.status, { [error.field]: [error.message] }) : refuse(error.status, undefined, [error.message]);
    }
    throw error;
  }
}
