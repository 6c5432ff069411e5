import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/services/db.server";
import { hashToken, newToken, SESSION_DAYS, sessionCookie } from "~/services/session-cookie.server";

// Sessions are rows in PostgreSQL; the cookie carries only a random 256-bit id, and the table
// only its sha256, so neither a stolen database nor a stolen log line signs anyone in.
// Revoking a session is deleting its row. No signing secret is needed, so any number of web
// processes can serve the same sessions without sharing one.

const TOUCH_EVERY_MS = 5 * 60_000;

export { hashToken, newToken, SESSION_DAYS, sessionCookie };

async function readSessionToken(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get("cookie"));
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

/** Starts a session for `userId`; returns the Set-Cookie header to send. */
export async function createSession(userId: string, request: Request) {
  const token = newToken();
  await prisma.session.create({
    data: {
      id: hashToken(token),
      userId,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000),
      userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
    },
  });
  return sessionCookie.serialize(token);
}

/** What every request needs to know about the signed-in person, read with the session. */
export const sessionUserSelect = {
  id: true,
  email: true,
  displayName: true,
  emailVerifiedAt: true,
  isAdmin: true,
  kind: true,
  visibility: true,
  deletedAt: true,
} as const;

export interface SessionInfo {
  sessionId: string;
  userId: string;
  user: Prisma.UserGetPayload<{ select: typeof sessionUserSelect }>;
}

/** The current session and its user (one query), or null if none, expired, or the user was deleted. */
export async function getSession(request: Request): Promise<SessionInfo | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
  const id = hashToken(token);
  const session = await prisma.session.findUnique({
    where: { id },
    select: { userId: true, expiresAt: true, lastSeenAt: true, user: { select: sessionUserSelect } },
  });
  if (!session || session.expiresAt < new Date() || session.user.deletedAt) return null;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await prisma.session.update({ where: { id }, data: { lastSeenAt: new Date() } }).catch(() => {});
  }
  return { sessionId: id, userId: session.userId, user: session.user };
}

/** Ends the current session; returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request) {
  const token = await readSessionToken(request);
  if (token) await prisma.session.deleteMany({ where: { id: hashToken(token) } });
  return sessionCookie.serialize("", { maxAge: 0 });
}

/** Signs a user out everywhere, optionally keeping one session (the one asking). */
export async function destroyUserSessions(userId: string, keepSessionId?: string) {
  const result = await prisma.session.deleteMany({
    where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
  });
  return result.count;
}

export async function pruneExpiredSessions() {
  return (await prisma.session.deleteMany({ where: { expiresAt: { lt: new Date() } } })).count;
}
