import { z } from "zod";
import type { SignInInput } from "~/models/accounts/schemas";
import { invalid } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";
import { spendPasswordCheckTime, verifyPassword } from "~/services/password.server";

// Signing in with an email address and password. One message for every failure, beside the
// email field: a wrong password and an unknown address must not be told apart, by the words
// or by the time taken.

const credentials = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1000),
});

const NOT_RIGHT = "The email address or password is not right";

/** The id of the account these credentials sign in to; an "invalid" DomainError otherwise. */
export async function signInWithPassword(input: SignInInput): Promise<string> {
  const parsed = credentials.safeParse(input);
  if (!parsed.success) throw invalid("Enter your email address and password", "email");
  const { email, password } = parsed.data;
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, deletedAt: true } });
  if (!user?.passwordHash || user.deletedAt) {
    // As long as checking a real password takes.
    await spendPasswordCheckTime(password);
    throw invalid(NOT_RIGHT, "email");
  }
  if (!(await verifyPassword(user.passwordHash, password))) throw invalid(NOT_RIGHT, "email");
  return user.id;
}
