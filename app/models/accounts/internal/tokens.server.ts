import type { Prisma } from "~/generated/prisma/client";
import { absoluteUrl, queueMail } from "~/models/platform/mail.server";
import { prisma } from "~/services/db.server";
import { hashToken, newToken } from "~/services/session.server";

// One-time links sent by email: confirming an address and resetting a password. The link
// carries a random 256-bit token; the table keeps only its sha256, so a copy of the database
// cannot be used to take over accounts. A token works once, until it expires, and only the
// newest of each kind for a user works at all. These helpers trust their caller (the accounts
// domain's own functions, which decide who may); nothing outside the domain may call them.

type Db = Prisma.TransactionClient | typeof prisma;
export type TokenPurpose = "verify_email" | "reset_password";

export const VERIFY_EMAIL_TTL_MINUTES = 24 * 60;
export const RESET_PASSWORD_TTL_MINUTES = 60;

export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Makes a new token for `userId` and returns it (the only time it exists unhashed). */
export async function createUserToken(db: Db, userId: string, purpose: TokenPurpose, ttlMinutes: number) {
  const token = newToken();
  // Asking again retires the earlier links, so only the newest email works.
  await db.userToken.deleteMany({ where: { userId, purpose, usedAt: null } });
  await db.userToken.create({
    data: { userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + ttlMinutes * 60_000) },
  });
  return token;
}

/** Uses up a token: returns its user's id, or null if it is unknown, used or expired. */
export async function consumeUserToken(db: Db, token: string, purpose: TokenPurpose): Promise<string | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  // One statement, so two requests racing with the same link cannot both succeed.
  const rows = await db.$queryRaw<{ user_id: string }[]>`
    UPDATE user_tokens SET used_at = now()
    WHERE token_hash = ${hashToken(token)} AND purpose = ${purpose}::"TokenPurpose"
      AND used_at IS NULL AND expires_at > now()
      AND user_id IN (SELECT id FROM users WHERE deleted_at IS NULL)
    RETURNING user_id`;
  return rows[0]?.user_id ?? null;
}

/**
 * Emails `user` a link to confirm their address. Call it in the transaction that created the
 * account (or changed its address); returns false, sending nothing, when there is no address
 * or it is already confirmed. `next` is a safe path of ours to go on to once confirmed.
 */
export async function sendVerificationEmail(db: Db, userId: string, options: { next?: string } = {}) {
  const send = async (tx: Prisma.TransactionClient) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { email: true, displayName: true, emailVerifiedAt: true, deletedAt: true },
    });
    if (!user?.email || user.deletedAt || user.emailVerifiedAt) return false;
    const token = await createUserToken(tx, userId, "verify_email", VERIFY_EMAIL_TTL_MINUTES);
    await queueMail(tx, user.email, "verify-email", {
      name: user.displayName,
      // Where the person was going (an invitation, say), so confirming leads back there.
      link: absoluteUrl(`/verify-email/${token}${options.next ? `?next=${encodeURIComponent(options.next)}` : ""}`),
    });
    return true;
  };
  return "$transaction" in db ? db.$transaction(send) : send(db);
}

