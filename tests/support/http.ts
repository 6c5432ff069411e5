import { data } from "@remix-run/node";
import { answeringDomainErrors } from "~/models/platform/errors";

// What Remix's public data() makes: its class is not exported, so take it from an instance.
const DataWithResponseInit = data(null).constructor as new (...args: never[]) => { data: unknown; init: ResponseInit | null };

// Small helpers for calling loaders and actions directly with real Request objects.

export const context = { cspNonce: "", clientIp: "203.0.113.9" };

export function formRequest(path: string, fields: Record<string, string>, cookie?: string) {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

export function getRequest(path: string, cookie?: string) {
  return new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} });
}

/** The "name=value" part of a Set-Cookie header, to send back as a Cookie header. */
export function cookieFrom(setCookie: string | null | undefined) {
  if (!setCookie) throw new Error("no Set-Cookie header");
  return setCookie.split(";")[0]!;
}

/**
 * Runs a loader/action that may throw a Response (redirects, 4xx) and returns the Response.
 * A DomainError becomes its response exactly as the server answers it (answeringDomainErrors).
 */
export async function settle<T>(work: Promise<T>): Promise<T | Response> {
  try {
    return await answeringDomainErrors(() => work);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** Remix `data()` results carry their init; this reads status and body alike. */
export function unwrap(result: unknown): { status: number; body: unknown; headers: Headers } {
  if (result instanceof Response) return { status: result.status, body: undefined, headers: result.headers };
  if (result instanceof DataWithResponseInit) {
    const value = result as unknown as { data: unknown; init: ResponseInit | null };
    return { status: value.init?.status ?? 200, body: value.data, headers: new Headers(value.init?.headers) };
  }
  return { status: 200, body: result, headers: new Headers() };
}

/**
 * A refused form as the person sees it: the first message beside each field ("form" for the
 * page as a whole) and the values the form shows again. Reads conform's reply (formAction).
 */
export function formReply(body: unknown): { errors: Record<string, string>; values: Record<string, unknown> } {
  const reply = (body ?? {}) as { error?: Record<string, string[] | null> | null; initialValue?: Record<string, unknown> | null };
  const errors: Record<string, string> = {};
  for (const [name, messages] of Object.entries(reply.error ?? {})) {
    if (messages?.[0]) errors[name === "" ? "form" : name] = messages[0];
  }
  return { errors, values: reply.initialValue ?? {} };
}
