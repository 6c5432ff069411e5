import { z } from "zod";
import { participantKinds } from "~/models/accounts/user.server";
import { prisma } from "~/services/db.server";

// Account settings: the profile basics a person edits themselves, and their sessions.

export const profileVisibilities = ["public", "members", "private"] as const;

export const profileInput = z.object({
  displayName: z
    .string({ required_error: "Enter your name" })
    .trim()
    .min(1, "Enter your name")
    .max(100, "Name must be 100 characters or fewer"),
  kind: z.enum(participantKinds, { errorMap: () => ({ message: "Select what describes you best" }) }),
  visibility: z.enum(profileVisibilities, { errorMap: () => ({ message: "Select who can see your profile" }) }),
});

export type ProfileInput = z.infer<typeof profileInput>;

export async function updateProfile(userId: string, input: ProfileInput) {
  await prisma.user.update({ where: { id: userId, deletedAt: null }, data: input });
}

export async function accountOverview(userId: string) {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      passwordHash: true,
      identities: { select: { provider: true, username: true, createdAt: true } },
      _count: { select: { sessions: { where: { expiresAt: { gt: new Date() } } } } },
    },
  });
  return {
    hasPassword: user.passwordHash !== null,
    github: user.identities.find((identity) => identity.provider === "github") ?? null,
    sessionCount: user._count.sessions,
  };
}

/** The user's live sessions, most recently used first, with the asking one marked. */
export async function listSessions(userId: string, currentSessionId: string) {
  const sessions = await prisma.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true },
  });
  return sessions
    .map(({ userAgent, ...session }) => ({
      ...session,
      device: describeDevice(userAgent),
      current: session.id === currentSessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends one of the user's sessions; false if they have no session with that id. */
export async function revokeSession(userId: string, sessionId: string) {
  // The user id is part of the condition, so nobody can end someone else's session.
  const { count } = await prisma.session.deleteMany({ where: { id: sessionId, userId } });
  return count > 0;
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
