import type { Prisma } from "~/generated/prisma/client";
import { passwordProblem } from "~/models/accounts/password-rules.server";
import { accountPolicy } from "~/models/accounts/policy.server";
import type { Actor } from "~/models/platform/actor";
import { invalid } from "~/models/platform/errors";
import { absoluteUrl, queueMail } from "~/models/platform/mail.server";
import { prisma } from "~/services/db.server";
import { hashPassword } from "~/services/password.server";
import { destroyUserSessions, hashToken, newToken } from "~/services/session.server";

// One-time links sent by email: confirming an address and resetting a password. The link
// carries a random 256-bit token; the table keeps only its sha256, so a copy of the database
// cannot be used to take over accounts. A token works once, until it expires, and only the
// newest of each kind for a user works at all.

type Db = Prisma.TransactionClient | typeof prisma;
export type TokenPurpose = "verify_email" | "reset_password";

export const VERIFY_EMAIL_TTL_MINUTES = 24 * 60;
export const RESET_PASSWORD_TTL_MINUTES = 60;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

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

/** The account a token would act on, without using it up (for GET pages); null if not valid. */
export async function findTokenUser(token: string, purpose: TokenPurpose) {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await prisma.userToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      purpose: true,
      usedAt: true,
      expiresAt: true,
      user: { select: { id: true, email: true, displayName: true, deletedAt: true } },
    },
  });
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt <= new Date() || row.user.deletedAt) return null;
  return { id: row.user.id, email: row.user.email, displayName: row.user.displayName };
}

/** Whether a token is still valid, without using it. */
export async function peekUserToken(token: string, purpose: TokenPurpose) {
  return (await findTokenUser(token, purpose)) !== null;
}

// ---------------------------------------------------------------------------------------
// The flows that send and use these links
// ---------------------------------------------------------------------------------------

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

/**
 * A new link for the signed-in person to confirm their address; links sent before stop
 * working. False, sending nothing, if the address is confirmed already.
 */
export async function resendVerificationEmail(actor: Actor, userId: string) {
  await accountPolicy.authorize(actor, "confirm_email", { userId });
  return sendVerificationEmail(prisma, userId);
}

/** Confirms the address of the token's user; returns their id, or null if the link is not valid. */
export async function confirmEmailWithToken(token: string) {
  return prisma.$transaction(async (tx) => {
    const userId = await consumeUserToken(tx, token, "verify_email");
    if (!userId) return null;
    await tx.user.updateMany({ where: { id: userId, emailVerifiedAt: null }, data: { emailVerifiedAt: new Date() } });
    return userId;
  });
}

/**
 * Emails a reset link if `email` belongs to an account that can have a password. Says nothing
 * either way to its caller's page: whether an address has an account is not for strangers.
 */
export async function requestPasswordReset(email: string) {
  const address = email.trim().toLowerCase();
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email: address },
      select: { id: true, email: true, displayName: true, deletedAt: true },
    });
    if (!user?.email || user.deletedAt) return;
    const token = await createUserToken(tx, user.id, "reset_password", RESET_PASSWORD_TTL_MINUTES);
    await queueMail(tx, user.email, "reset-password", {
      name: user.displayName,
      link: absoluteUrl(`/reset-password/${token}`),
    });
  });
}

/**
 * Sets a new password with a reset link. The address is confirmed too (the link reached it),
 * and every session is ended, so whoever knew the old password is signed out. Returns the
 * user's id, or null if the link is not valid; a password the rules refuse is "invalid",
 * beside the password field, and leaves the link working.
 */
export async function resetPasswordWithToken(token: string, password: string) {
  const user = await findTokenUser(token, "reset_password");
  if (!user) return null;
  const problem = passwordProblem(password, { email: user.email ?? undefined, name: user.displayName });
  if (problem) throw invalid(problem, "password");
  // Hashing is slow on purpose; do it before the transaction, not inside it.
  const passwordHash = await hashPassword(password);
  const userId = await prisma.$transaction(async (tx) => {
    const id = await consumeUserToken(tx, token, "reset_password");
    if (!id) return null;
    const user = await tx.user.findUniqueOrThrow({ where: { id }, select: { emailVerifiedAt: true } });
    await tx.user.update({
      where: { id },
      data: { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? new Date() },
    });
    return id;
  });
  if (userId) await destroyUserSessions(userId);
  return userId;
}
