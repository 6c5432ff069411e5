import { passwordProblem } from "~/models/accounts/password-rules.server";
import { accountPolicy } from "~/models/accounts/policy.server";
import {
  consumeUserToken,
  createUserToken,
  RESET_PASSWORD_TTL_MINUTES,
  sendVerificationEmail,
  TOKEN_SHAPE,
  type TokenPurpose,
} from "~/models/accounts/internal/tokens.server";
import type { Actor } from "~/models/platform/actor";
import { invalid } from "~/models/platform/errors";
import { absoluteUrl, queueMail } from "~/models/platform/mail.server";
import { prisma } from "~/services/db.server";
import { hashPassword } from "~/services/password.server";
import { destroyUserSessions, hashToken } from "~/services/session.server";

// Confirming an address and resetting a password with the one-time links the accounts domain
// emails (internal/tokens.server.ts makes and uses them up). The link is the authority here:
// whoever holds a valid one may use it, once.

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
