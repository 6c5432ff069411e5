import { Prisma } from "~/generated/prisma/client";
import { passwordProblem } from "~/models/accounts/password-rules.server";
import type { SignUpInput } from "~/models/accounts/schemas";
import { sendVerificationEmail } from "~/models/accounts/internal/tokens.server";
import { audit } from "~/models/platform/audit.server";
import { invalid } from "~/models/platform/errors";
import { absoluteUrl, queueMail } from "~/models/platform/mail.server";
import { prisma } from "~/services/db.server";
import { hashPassword } from "~/services/password.server";

/**
 * Registers a new account and sends a link to confirm the address. If the address already has
 * an account, nothing is created and its owner gets a note instead, so the page that follows is
 * the same either way and nobody can learn who has an account.
 */
export async function signUp(input: SignUpInput, options: { next?: string } = {}) {
  const problem = passwordProblem(input.password, { email: input.email, name: input.displayName });
  if (problem) throw invalid(problem, "password");
  // Hash first in both cases, so both take the same time.
  const passwordHash = await hashPassword(input.password);
  try {
    return await signUpWith(input, passwordHash, options.next);
  } catch (error) {
    // The same form sent twice at once (a double click): the other request made the account
    // first. Going again takes the "already has an account" path instead of answering 500.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return signUpWith(input, passwordHash, options.next);
    }
    throw error;
  }
}

async function signUpWith(input: SignUpInput, passwordHash: string, next?: string) {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, displayName: true } });
    if (existing) {
      await queueMail(tx, input.email, "signup-existing", {
        name: existing.displayName,
        signInLink: absoluteUrl(next ? `/signin?redirectTo=${encodeURIComponent(next)}` : "/signin"),
        resetLink: absoluteUrl("/forgot-password"),
      });
      return { created: false as const };
    }
    const user = await tx.user.create({
      data: { email: input.email, displayName: input.displayName, kind: input.kind, passwordHash },
      select: { id: true },
    });
    await sendVerificationEmail(tx, user.id, { next });
    await audit(tx, { actorId: user.id, action: "user.create_account", subjectType: "user", subjectId: user.id, details: { via: "password" } });
    return { created: true as const, userId: user.id };
  });
}
