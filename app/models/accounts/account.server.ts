import { accountPolicy } from "~/models/accounts/policy.server";
import type { ProfileInput } from "~/models/accounts/schemas";
import type { Actor } from "~/models/platform/actor";
import { invalid, notFound } from "~/models/platform/errors";
import { recordSearchChange } from "~/models/platform/search-outbox.server";
import { savedSearchesAfterProfileChange } from "~/models/saved-searches/evaluate.server";
import { prisma } from "~/services/db.server";
import { destroyUserSessions } from "~/services/session.server";

// Account settings: the profile basics a person edits themselves, and their sessions. Each
// function asks the accounts policy first: only the person themselves may.

export async function updateProfile(actor: Actor, userId: string, input: ProfileInput) {
  await accountPolicy.authorize(actor, "edit_profile", { userId });
  const { displayName, kind, visibility } = input;
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId, deletedAt: null }, data: { displayName, kind, visibility } });
    // Hidden (private) profiles leave the people index; the drain reads the new visibility.
    await recordSearchChange(tx, "people", [userId]);
    await savedSearchesAfterProfileChange(tx, userId);
  });
}

/** What the account page shows about signing in and devices. */
export async function accountOverview(actor: Actor, userId: string) {
  await accountPolicy.authorize(actor, "view_account", { userId });
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      passwordHash: true,
      identities: { where: { provider: "github" }, select: { username: true } },
      _count: { select: { sessions: { where: { expiresAt: { gt: new Date() } } } } },
    },
  });
  const github = user.identities[0];
  return {
    hasPassword: user.passwordHash !== null,
    github: github ? { username: github.username } : null,
    sessionCount: user._count.sessions,
  };
}

/** The person's live sessions, most recently used first, with the one asking marked. */
export async function listSessions(actor: Actor, userId: string) {
  await accountPolicy.authorize(actor, "manage_sessions", { userId });
  const sessions = await prisma.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true },
  });
  return sessions
    .map(({ userAgent, ...session }) => ({
      ...session,
      device: describeDevice(userAgent),
      current: session.id === actor.sessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/**
 * Signs one of the person's other devices out. Someone else's session is "not found", as an
 * unknown one is: whether it exists is not theirs to learn.
 */
export async function revokeSession(actor: Actor, sessionId: string) {
  if (sessionId === actor.sessionId) throw invalid("To end the session on this device, sign out.");
  const gone = () => notFound("You have no session with that id. It may have ended already.");
  const session = sessionId ? await prisma.session.findUnique({ where: { id: sessionId }, select: { userId: true } }) : null;
  if (!session || !(await accountPolicy.may(actor, "manage_sessions", { userId: session.userId }))) throw gone();
  // Ended meanwhile (from the other device, say): as gone as if it never was.
  const { count } = await prisma.session.deleteMany({ where: { id: sessionId, userId: session.userId } });
  if (count === 0) throw gone();
}

/** Signs the person out everywhere but the device asking; returns how many were ended. */
export async function signOutOtherDevices(actor: Actor, userId: string) {
  await accountPolicy.authorize(actor, "manage_sessions", { userId });
  return destroyUserSessions(userId, actor.sessionId);
}

/** "Firefox on Windows": enough to tell one's own devices apart, from the User-Agent header. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const ua = userAgent;
  const browser = /Edg(A|iOS)?\//.test(ua)
    ? "Edge"
    : /OPR\/|Opera/.test(ua)
      ? "Opera"
      : /SamsungBrowser\//.test(ua)
        ? "Samsung Internet"
        : /Firefox\/|FxiOS\//.test(ua)
          ? "Firefox"
          : /Chrome\/|CriOS\/|Chromium\//.test(ua)
            ? "Chrome"
            : /Version\/[\d.]+.*Safari\//.test(ua)
              ? "Safari"
              : null;
  const system = /iPhone/.test(ua)
    ? "an iPhone"
    : /iPad/.test(ua)
      ? "an iPad"
      : /Android/.test(ua)
        ? "Android"
        : /Windows/.test(ua)
          ? "Windows"
          : /CrOS/.test(ua)
            ? "ChromeOS"
            : /Macintosh|Mac OS X/.test(ua)
              ? "a Mac"
              : /Linux/.test(ua)
                ? "Linux"
                : null;
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `A browser on ${system}`;
  const program = /^([A-Za-z][\w.-]*)\//.exec(ua)?.[1];
  return program && program !== "Mozilla" ? `A program (${program})` : "Unknown device";
}
