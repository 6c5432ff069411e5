import type { Prisma } from "~/generated/prisma/client";
import { applicationDataOf, forgetApplications } from "~/models/applications/privacy.server";
import { impactDataOf } from "~/models/impact/privacy.server";
import { forgetNotifications, notificationDataOf } from "~/models/notifications/privacy.server";
import { forgetProjects, projectDataOf } from "~/models/projects/privacy.server";
import { forgetRegistrations, registrationDataOf } from "~/models/registrations/privacy.server";
import { describeDevice } from "~/models/accounts/account.server";
import { accountPolicy } from "~/models/accounts/policy.server";
import { CONFIRM_DELETION } from "~/models/accounts/schemas";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, invalid } from "~/models/platform/errors";
import { profileDataOf, removeProfileData } from "~/models/profiles/personal-data.server";
import { prisma } from "~/services/db.server";
import { forgetSavedSearches, savedSearchesForExport } from "~/models/saved-searches/saved-search.server";

// A person's rights over their data: a copy of everything Nettle holds about them, and
// deleting their account. Deleting keeps the users row, emptied of personal data, so
// challenges, contributions and audit entries stay attributed to "Former member".

export const FORMER_MEMBER = "Former member";

/** Everything Nettle holds about the user, for "Download my data". Null if there is no such user. */
export async function exportUserData(actor: Actor, userId: string) {
  await accountPolicy.authorize(actor, "export_data", { userId });
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      emailVerifiedAt: true,
      displayName: true,
      kind: true,
      visibility: true,
      isAdmin: true,
      passwordHash: true,
      createdAt: true,
      updatedAt: true,
      deletedAt: true,
    },
  });
  if (!user) return null;
  const { passwordHash, email, ...profile } = user;
  const [sessions, identities, memberships, invitationsSent, tokens, auditEntries, mail, claims, verifications, matching] =
    await Promise.all([
      prisma.session.findMany({
        where: { userId },
        orderBy: { createdAt: "asc" },
        select: { createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true },
      }),
      prisma.identity.findMany({
        where: { userId },
        select: { provider: true, providerUserId: true, username: true, createdAt: true },
      }),
      prisma.membership.findMany({
        where: { userId },
        orderBy: { createdAt: "asc" },
        select: { role: true, createdAt: true, organisation: { select: { name: true, slug: true, kind: true } } },
      }),
      prisma.invitation.findMany({
        where: { invitedById: userId },
        orderBy: { createdAt: "asc" },
        select: {
          email: true,
          role: true,
          createdAt: true,
          expiresAt: true,
          acceptedAt: true,
          revokedAt: true,
          organisation: { select: { name: true, slug: true } },
        },
      }),
      prisma.userToken.findMany({
        where: { userId },
        orderBy: { createdAt: "asc" },
        select: { purpose: true, createdAt: true, expiresAt: true, usedAt: true },
      }),
      prisma.auditLog.findMany({
        where: { actorId: userId },
        orderBy: { id: "asc" },
        select: {
          action: true,
          subjectType: true,
          subjectId: true,
          organisationId: true,
          details: true,
          createdAt: true,
        },
      }),
      // Addresses are stored lower-cased and trimmed everywhere (users, mail, invitations), so
      // plain equality finds theirs. Never a pattern match: in LIKE, "_ictim@…" is "victim@…".
      email
        ? prisma.mail.findMany({
            where: { to: email },
            orderBy: { createdAt: "asc" },
            select: {
              to: true,
              subject: true,
              text: true,
              template: true,
              status: true,
              createdAt: true,
              sentAt: true,
            },
          })
        : Promise.resolve([]),
      prisma.organisation.findMany({
        where: { claimedById: userId },
        select: { name: true, slug: true, claimedAt: true },
      }),
      prisma.organisation.findMany({
        where: { verifiedById: userId },
        select: { name: true, slug: true, verifiedAt: true },
      }),
      profileDataOf(userId),
    ]);
  return {
    about:
      "Everything Nettle holds about you, as of exportedAt. Passwords are stored only as a one-way hash, which is not included.",
    exportedAt: new Date().toISOString(),
    profile: { ...profile, hasPassword: passwordHash !== null },
    email,
    sessions: sessions.map(({ userAgent, ...session }) => ({
      ...session,
      device: describeDevice(userAgent),
      userAgent,
    })),
    identities,
    memberships: memberships.map(({ organisation, ...membership }) => ({ organisation, ...membership })),
    invitationsSent,
    oneTimeLinks: tokens,
    councilClaims: claims,
    organisationsVerified: verifications,
    auditEntries,
    mail,
    ...matching,
    ...(await applicationDataOf(userId)),
    ...(await notificationDataOf(userId)),
    ...(await impactDataOf(userId)),
    ...(await registrationDataOf(userId)),
    ...(await projectDataOf(userId)),
    savedSearches: await savedSearchesForExport(actor, userId),
  };
}

export type UserDataExport = NonNullable<Awaited<ReturnType<typeof exportUserData>>>;

/** Organisations the user is the only owner of: they must hand these over before leaving. */
async function soleOwnerships(userId: string, db: Prisma.TransactionClient | typeof prisma = prisma) {
  const owned = await db.membership.findMany({
    where: { userId, role: "owner" },
    select: {
      organisation: {
        select: {
          name: true,
          slug: true,
          memberships: { where: { role: "owner", userId: { not: userId } }, select: { id: true }, take: 1 },
        },
      },
    },
    orderBy: { organisation: { name: "asc" } },
  });
  return owned
    .filter((m) => m.organisation.memberships.length === 0)
    .map((m) => ({ name: m.organisation.name, slug: m.organisation.slug }));
}

function soleOwnerMessage(organisations: { name: string }[]) {
  const names = organisations.map((org) => org.name);
  const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
  return `You are the only owner of ${list}. Make another member an owner first, so the organisation is not left without one. Then you can delete your account.`;
}

/** What would stop the person deleting their account now, for the page that asks: null if nothing. */
export async function accountDeletionBlock(actor: Actor, userId: string) {
  await accountPolicy.authorize(actor, "delete_account", { userId });
  const sole = await soleOwnerships(userId);
  return sole.length > 0 ? { message: soleOwnerMessage(sole), organisations: sole } : null;
}

/**
 * Deletes the user's account, once they have confirmed by typing their address or the word
 * "delete": personal data, sessions, linked accounts, one-time links, mail to them and
 * memberships go; the row stays as "Former member". Refused ("conflict", beside the
 * confirmation) while they are the last owner of an organisation.
 */
export async function deleteAccount(actor: Actor, userId: string, confirmation: string) {
  await accountPolicy.authorize(actor, "delete_account", { userId });
  const answer = confirmation.trim().toLowerCase();
  if (answer !== "delete" && (!actor.email || answer !== actor.email.toLowerCase())) throw invalid(CONFIRM_DELETION, "confirm");
  await prisma.$transaction(async (tx) => {
    // Lock the row, so two deletions (or a deletion and a sign-in) do not interleave.
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, deletedAt: true } });
    if (!user || user.deletedAt) throw conflict("This account has already been deleted.", "confirm");

    // Lock their organisations as membership changes do (membership.server.ts), in id order,
    // so two owners leaving at once cannot both count the other and leave nobody in charge.
    const memberships = await tx.membership.findMany({
      where: { userId },
      select: { id: true, role: true, organisationId: true },
      orderBy: { organisationId: "asc" },
    });
    for (const membership of memberships) {
      await tx.$queryRaw`SELECT id FROM organisations WHERE id = ${membership.organisationId} FOR UPDATE`;
    }
    const sole = await soleOwnerships(userId, tx);
    if (sole.length > 0) throw conflict(soleOwnerMessage(sole), "confirm");

    if (user.email) {
      // Stored lower-cased and trimmed, like the user's own address: compared whole.
      await tx.mail.deleteMany({ where: { to: user.email } });
      // Invitations sent to them carry their address; the ones they sent belong to the organisation.
      await tx.invitation.deleteMany({ where: { email: user.email } });
    }
    await tx.membership.deleteMany({ where: { userId } });
    for (const membership of memberships) {
      await audit(tx, {
        actorId: actor.id,
        action: "membership.remove",
        subjectType: "membership",
        subjectId: membership.id,
        organisationId: membership.organisationId,
        details: { userId, role: membership.role, via: "account deleted" },
      });
    }
    await forgetApplications(tx, userId);
    await forgetProjects(tx, userId);
    await forgetNotifications(tx, userId);
    await forgetRegistrations(tx, userId);
    await tx.session.deleteMany({ where: { userId } });
    await tx.identity.deleteMany({ where: { userId } });
    await tx.userToken.deleteMany({ where: { userId } });
    await removeProfileData(tx, userId);
    await forgetSavedSearches(tx, userId);
    await tx.user.update({
      where: { id: userId },
      data: {
        email: null,
        emailVerifiedAt: null,
        passwordHash: null,
        displayName: FORMER_MEMBER,
        isAdmin: false,
        visibility: "private",
        deletedAt: new Date(),
      },
    });
    await audit(tx, { actorId: actor.id, action: "user.delete_account", subjectType: "user", subjectId: userId });
  });
}
