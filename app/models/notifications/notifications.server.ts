import { emailChosenElsewhere, NOTIFICATION_KINDS, notificationKinds, type NotificationKind } from "~/models/notifications/kinds";
import type { PreferencesInput } from "~/models/notifications/schemas";
import type { Actor } from "~/models/platform/actor";
import { notFound } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";

// A person's own notifications and their choices about them. Every function reads and writes
// only the actor's own rows: someone else's notification is "not found", never shown or changed.

export const NOTIFICATIONS_PAGE_SIZE = 20;

/** Unread notifications, for the header: a count on the (user, read) index. */
export function unreadCount(userId: string) {
  return prisma.notification.count({ where: { userId, readAt: null } });
}

export async function listNotifications(actor: Actor, page = 1) {
  const where = { userId: actor.id };
  const [items, total, unread] = await Promise.all([
    prisma.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * NOTIFICATIONS_PAGE_SIZE,
      take: NOTIFICATIONS_PAGE_SIZE,
      select: { id: true, kind: true, title: true, body: true, href: true, readAt: true, createdAt: true },
    }),
    prisma.notification.count({ where }),
    unreadCount(actor.id),
  ]);
  return {
    items: items.map((item) => ({ ...item, unread: item.readAt === null })),
    unread,
    page,
    totalPages: Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE)),
  };
}

/** Marks one of the actor's notifications as read; returns where it leads. */
export async function markRead(actor: Actor, id: string) {
  const found = await prisma.notification.findFirst({ where: { id, userId: actor.id }, select: { id: true, href: true } });
  if (!found) throw notFound("That notification does not exist.");
  await prisma.notification.updateMany({ where: { id, userId: actor.id, readAt: null }, data: { readAt: new Date() } });
  return found;
}

export async function markAllRead(actor: Actor) {
  const { count } = await prisma.notification.updateMany({ where: { userId: actor.id, readAt: null }, data: { readAt: new Date() } });
  return count;
}

/** Every kind with the person's choice (or the kind's default), for the preferences page. */
export async function notificationPreferences(actor: Actor) {
  const rows = await prisma.notificationPreference.findMany({ where: { userId: actor.id }, select: { kind: true, inApp: true, email: true } });
  const chosen = new Map(rows.map((row) => [row.kind, row]));
  return notificationKinds.map((kind) => {
    const choice = chosen.get(kind) ?? NOTIFICATION_KINDS[kind];
    return { kind, label: NOTIFICATION_KINDS[kind].label, inApp: choice.inApp, email: choice.email, emailChosenAt: emailChosenElsewhere(kind) };
  });
}

/** Saves a choice for every kind: ticked is on, not ticked is off. */
export async function saveNotificationPreferences(actor: Actor, input: PreferencesInput) {
  const inApp = new Set<NotificationKind>(input.inApp);
  const email = new Set<NotificationKind>(input.email);
  await prisma.$transaction(async (tx) => {
    for (const kind of notificationKinds) {
      const choice = { inApp: inApp.has(kind), email: email.has(kind) && !emailChosenElsewhere(kind) };
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId: actor.id, kind } },
        create: { userId: actor.id, kind, ...choice },
        update: choice,
      });
    }
  });
}
