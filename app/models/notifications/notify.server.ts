import type { Prisma } from "~/generated/prisma/client";
import { emailChosenElsewhere, NOTIFICATION_KINDS, type NotificationKind } from "~/models/notifications/kinds";
import { absoluteUrl, queueMail } from "~/models/platform/mail.server";

export interface NotificationInput {
  userId: string;
  kind: NotificationKind;
  /** One line, as a heading ("Wakefield invited you to 'Which streets flood first'"). */
  title: string;
  body?: string;
  /** Our own path ("/challenges/…"). */
  href: string;
}

/**
 * Tells a person something, in the transaction that caused it: an in-app notification and/or
 * an email, as the person chose for this kind (or the kind's default). Deleted accounts and
 * people without an address get nothing by email.
 */
export async function notify(tx: Prisma.TransactionClient, input: NotificationInput) {
  const [user, preference] = await Promise.all([
    tx.user.findUnique({ where: { id: input.userId }, select: { email: true, displayName: true, deletedAt: true } }),
    tx.notificationPreference.findUnique({
      where: { userId_kind: { userId: input.userId, kind: input.kind } },
      select: { inApp: true, email: true },
    }),
  ]);
  if (!user || user.deletedAt) return;
  const choice = preference ?? NOTIFICATION_KINDS[input.kind];
  if (choice.inApp) {
    await tx.notification.create({
      data: { userId: input.userId, kind: input.kind, title: input.title, body: input.body ?? "", href: input.href },
    });
  }
  if (choice.email && user.email && !emailChosenElsewhere(input.kind)) {
    await queueMail(tx, user.email, "notification", {
      name: user.displayName,
      title: input.title,
      body: input.body ?? "",
      link: absoluteUrl(input.href),
      preferencesLink: absoluteUrl("/account/notifications"),
    });
  }
}
