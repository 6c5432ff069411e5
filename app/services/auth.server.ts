import { redirect } from "@remix-run/node";
import type { Actor } from "~/models/platform/actor";
import { getSession } from "~/services/session.server";

// Who is asking. Loaders and actions call getUser / requireUser; what a user may do is each
// domain's policy (app/models/<domain>/policy.server.ts). Checking a password is the accounts
// domain's (app/models/accounts/sign-in.server.ts), GitHub too (github-sign-in.server.ts).

export async function getUser(request: Request): Promise<Actor | null> {
  const session = await getSession(request);
  if (!session) return null;
  const { deletedAt: _deleted, ...user } = session.user;
  return { ...user, sessionId: session.sessionId };
}

const OWN_ORIGIN = "http://nettle.invalid";

/**
 * A user-given redirect target, if it is a path on this site; otherwise `fallback`.
 * Browsers ignore tabs and newlines in URLs and read `\` as `/`, so `/%09/evil.example` or
 * `/\evil.example` would lead elsewhere: targets with either are refused, the rest are
 * resolved as a browser would and must stay on our origin. The result is the resolved,
 * percent-encoded path, which is always a valid Location header.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u001F\u007F\\]/.test(to)) return fallback;
  if (!URL.canParse(to, OWN_ORIGIN)) return fallback;
  const url = new URL(to, OWN_ORIGIN);
  // "/..//evil.example" resolves to the path "//evil.example", which is another site again.
  if (url.origin !== OWN_ORIGIN || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<Actor> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = `${url.pathname}${url.search}`;
    throw redirect(`/signin?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

/** Like requireUser, but the email address must be confirmed too. */
export async function requireVerifiedUser(request: Request): Promise<Actor> {
  const user = await requireUser(request);
  if (!user.emailVerifiedAt) throw redirect("/verify-email");
  return user;
}

export async function requireAnonymous(request: Request) {
  if (await getSession(request)) throw redirect("/");
}
