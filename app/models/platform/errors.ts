// The one error a domain throws when a rule stops something. Its kind says what went wrong;
// `field` names the form field the message belongs beside (none: the page as a whole); the
// message is written for the person who tried. Routes never translate these by hand:
// formAction() (app/services/form.server.ts) puts invalid and conflicting input beside its
// field with what was typed kept, and the server (server/app.ts) answers any other with its
// status and the message as the error page.

export type DomainErrorKind = "invalid" | "forbidden" | "not_found" | "conflict" | "gone" | "rate_limited";

const STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
};

// The server imports app code separately from the built bundle, so the two hold different
// copies of this class: a registered symbol recognises either copy.
const MARK = Symbol.for("nettle.domainError");

export class DomainError extends Error {
  override name = "DomainError";
  readonly [MARK] = true;

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly options: { field?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }

  get field(): string | undefined {
    return this.options.field;
  }

  get status(): number {
    return STATUS[this.kind];
  }

  /** The answer for a page or API that has nowhere better to show it: status and message. */
  toResponse(): Response {
    const headers = new Headers({ "Content-Type": "text/plain; charset=utf-8" });
    if (this.kind === "rate_limited") headers.set("Retry-After", String(this.options.retryAfterSeconds ?? 60));
    return new Response(this.message, { status: this.status, headers });
  }

  static is(value: unknown): value is DomainError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[MARK] === true;
  }
}

export const invalid = (message: string, field?: string) => new DomainError("invalid", message, { field });
export const forbidden = (message: string) => new DomainError("forbidden", message);
export const notFound = (message = "Not found") => new DomainError("not_found", message);
export const conflict = (message: string, field?: string) => new DomainError("conflict", message, { field });
/** Something that was there has been used up or has run out (an invitation link, say). */
export const gone = (message: string, field?: string) => new DomainError("gone", message, { field });
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new DomainError("rate_limited", message, { retryAfterSeconds });

/**
 * Runs a loader or action, answering a DomainError it throws with its status and message (the
 * route's error page shows them). The server wraps every route with this; tests that call
 * loaders directly go through it too, so they see what a browser would.
 */
export async function answeringDomainErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (DomainError.is(error)) throw error.toResponse();
    const race = raceLost(error);
    if (race) throw race.toResponse();
    throw error;
  }
}

// Prisma's codes for a write that lost a race with another request for the same thing: the row
// to change or delete was deleted meanwhile (P2025), the row to create was created meanwhile
// (P2002), or PostgreSQL aborted one of two conflicting transactions (P2034). Two clicks on
// "Remove", two tabs, a double-submitted form: the person is told what happened, not a 500.
const RACE_CODES = new Set(["P2025", "P2002", "P2034"]);

/** A DomainError for a write that lost a race (see RACE_CODES), or null for any other error. */
export function raceLost(error: unknown): DomainError | null {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== "string" || !RACE_CODES.has(code)) return null;
  return conflict("Someone changed or removed this at the same moment, perhaps in another tab. Go back, reload the page and check before trying again.");
}
