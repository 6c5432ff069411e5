import { Prisma } from "~/generated/prisma/client";
import { accountPolicy } from "~/models/accounts/policy.server";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, invalid } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";

// Sign-in providers linked to accounts (GitHub). The rules for who a provider's account signs
// in as live here; the OAuth dance lives in app/models/accounts/github-sign-in.server.ts.
//
// A provider's verified email is never enough to sign into an existing Nettle account: anyone
// who could add that address to a GitHub account would take the Nettle account over. Linking
// happens only from a signed-in session, where the person has already proved who they are.

export type Provider = "github";

export const providerNames: Record<Provider, string> = { github: "GitHub" };

/** What a provider told us about the person, already checked. */
export interface ProviderProfile {
  provider: Provider;
  /** The provider's stable id (GitHub's numeric user id), never the username, which can change. */
  providerUserId: string;
  username: string;
  name: string | null;
  /** The primary address, only if the provider says it is verified; lower-cased. */
  verifiedEmail: string | null;
}

export type SignInOutcome = { userId: string; outcome: "signed-in" | "linked" | "created" };

/**
 * Decides which account a provider's account signs in as, linking or creating as needed.
 * `linkTo` is the signed-in person who asked to link the provider to their own account. A
 * refusal is a "conflict" DomainError whose message says what to do instead.
 */
export async function resolveProviderSignIn(
  profile: ProviderProfile,
  { linkTo }: { linkTo?: Actor } = {},
): Promise<SignInOutcome> {
  const name = providerNames[profile.provider];
  if (linkTo) await accountPolicy.authorize(linkTo, "manage_sign_in", { userId: linkTo.id });
  const linkToUserId = linkTo?.id;
  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await tx.identity.findUnique({
        where: { provider_providerUserId: { provider: profile.provider, providerUserId: profile.providerUserId } },
        select: { id: true, userId: true, username: true, user: { select: { deletedAt: true } } },
      });
      if (existing && existing.username !== profile.username) {
        await tx.identity.update({ where: { id: existing.id }, data: { username: profile.username } });
      }

      if (linkToUserId) {
        if (existing) {
          if (existing.userId === linkToUserId) return { userId: linkToUserId, outcome: "linked" as const };
          throw conflict(
            `The ${name} account @${profile.username} is already linked to a different Nettle account. Sign out and sign in with ${name} to use that account, or unlink it there first.`,
          );
        }
        const current = await tx.identity.findUnique({
          where: { userId_provider: { userId: linkToUserId, provider: profile.provider } },
          select: { username: true },
        });
        if (current) {
          throw conflict(
            `Your Nettle account is already linked to the ${name} account @${current.username ?? "unknown"}. Unlink it first to link a different one.`,
          );
        }
        await linkIdentity(tx, linkToUserId, profile);
        return { userId: linkToUserId, outcome: "linked" as const };
      }

      if (existing) {
        if (existing.user.deletedAt) throw conflict("This account has been deleted.");
        return { userId: existing.userId, outcome: "signed-in" as const };
      }

      if (!profile.verifiedEmail) {
        throw conflict(
          `Your ${name} account has no verified primary email address. Verify one on ${name}, then try again, or create a Nettle account with your email address.`,
        );
      }
      const taken = await tx.user.findUnique({ where: { email: profile.verifiedEmail }, select: { id: true } });
      if (taken) {
        throw conflict(
          `An account already uses ${profile.verifiedEmail}. Sign in with your password, then link ${name} in your account settings.`,
        );
      }
      const user = await tx.user.create({
        data: {
          email: profile.verifiedEmail,
          emailVerifiedAt: new Date(),
          displayName: (profile.name?.trim() || profile.username).slice(0, 100),
        },
        select: { id: true },
      });
      await audit(tx, {
        actorId: user.id,
        action: "user.create_account",
        subjectType: "user",
        subjectId: user.id,
        details: { via: profile.provider },
      });
      await linkIdentity(tx, user.id, profile);
      return { userId: user.id, outcome: "created" as const };
    });
  } catch (error) {
    // Two tabs finishing at once: one wins, the other is told to try again.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw conflict(`Your ${name} account changed while we were signing you in. Try again.`);
    }
    throw error;
  }
}

async function linkIdentity(tx: Prisma.TransactionClient, userId: string, profile: ProviderProfile) {
  await tx.identity.create({
    data: { userId, provider: profile.provider, providerUserId: profile.providerUserId, username: profile.username },
  });
  await audit(tx, {
    actorId: userId,
    action: "identity.link",
    subjectType: "user",
    subjectId: userId,
    details: { provider: profile.provider },
  });
}

/**
 * Unlinks a provider. Someone who has no password would have no way left to sign in, so they
 * must set one first (through "Forgotten your password?", which mails a link to their address).
 * Refusals are beside the provider's row of the account page (its field is the provider).
 */
export async function unlinkProvider(actor: Actor, userId: string, provider: Provider) {
  await accountPolicy.authorize(actor, "manage_sign_in", { userId });
  const name = providerNames[provider];
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { passwordHash: true, identities: { where: { provider }, select: { id: true } } },
    });
    const identity = user?.identities[0];
    if (!user || !identity) throw invalid(`Your account is not linked to ${name}.`, provider);
    if (!user.passwordHash) {
      throw invalid(
        `You sign in to Nettle only with ${name}, so unlinking it would lock you out. Set a password first: sign out, choose “Forgotten your password?” on the sign-in page and follow the link we email you. Then you can unlink ${name}.`,
        provider,
      );
    }
    await tx.identity.delete({ where: { id: identity.id } });
    await audit(tx, {
      actorId: actor.id,
      action: "identity.unlink",
      subjectType: "user",
      subjectId: userId,
      details: { provider },
    });
  });
}
