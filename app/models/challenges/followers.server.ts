import type { Prisma } from "~/generated/prisma/client";
import { publicChallenges } from "~/models/challenges/policy.server";
import { statusLabels } from "~/models/challenges/status";
import { challengeFieldLabels } from "~/models/challenges/wizard";
import type { NotificationKind } from "~/models/notifications/kinds";
import { notify } from "~/models/notifications/notify.server";
import type { Actor } from "~/models/platform/actor";
import { prisma } from "~/services/db.server";

// People who follow a challenge hear when it changes status or its substance is edited, in the
// transaction that changed it; the person who made the change is not told about their own work.

type Tx = Prisma.TransactionClient;

/** Edits worth telling followers about: what the challenge is, wants and needs, and by when. */
export const MATERIAL_FIELDS = ["title", "problem", "outcomeWanted", "deadline", "skills"] as const;

async function tellFollowers(
  tx: Tx,
  challengeId: string,
  exceptUserId: string,
  message: { kind: NotificationKind; title: string; body: string; href: string },
) {
  const followers = await tx.challengeFollow.findMany({
    where: { challengeId, userId: { not: exceptUserId } },
    select: { userId: true },
  });
  for (const { userId } of followers) await notify(tx, { userId, ...message });
}

export async function tellFollowersOfStatus(
  tx: Tx,
  actorId: string,
  challenge: { id: string; slug: string; title: string },
  to: keyof typeof statusLabels,
) {
  await tellFollowers(tx, challenge.id, actorId, {
    kind: "followed.status_changed",
    title: `“${challenge.title || "Untitled challenge"}” is now ${statusLabels[to].toLowerCase()}`,
    body: "",
    href: `/challenges/${challenge.slug}`,
  });
}

/** Tells followers about an edit if it touched a material field (which ones, never the values). */
export async function tellFollowersOfEdit(
  tx: Tx,
  actorId: string,
  challenge: { id: string; slug: string; title: string },
  changedFields: string[],
) {
  const material = changedFields.filter((field) => (MATERIAL_FIELDS as readonly string[]).includes(field));
  if (material.length === 0) return;
  await tellFollowers(tx, challenge.id, actorId, {
    kind: "followed.edited",
    title: `“${challenge.title || "Untitled challenge"}” has changed`,
    body: `Changed: ${material.map((field) => (challengeFieldLabels[field] ?? field).toLowerCase()).join(", ")}.`,
    href: `/challenges/${challenge.slug}`,
  });
}

/** The public challenges `actor` follows, for their account page. */
export async function followedChallenges(actor: Actor) {
  const rows = await prisma.challengeFollow.findMany({
    where: { userId: actor.id, challenge: publicChallenges },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { challenge: { select: { slug: true, title: true, status: true, organisation: { select: { name: true } } } } },
  });
  return rows.map(({ challenge }) => ({
    slug: challenge.slug,
    title: challenge.title || "Untitled challenge",
    status: challenge.status,
    council: challenge.organisation.name,
  }));
}
