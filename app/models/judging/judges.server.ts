import type { Prisma } from "~/generated/prisma/client";
import { authorizeEvent } from "~/models/events/policy.server";
import { checked } from "~/models/judging/internal/checked";
import { isUniqueViolation } from "~/models/judging/internal/teams.server";
import { judgeFields, type JudgeInput } from "~/models/judging/schemas";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { conflict, notFound } from "~/models/platform/errors";
import { absoluteUrl, queueMail } from "~/models/platform/mail.server";
import { prisma } from "~/services/db.server";
import { hashToken, newToken } from "~/services/session.server";

// Judges are invited by email and need no account: the link in their invitation carries a
// random token (32 bytes); only its sha256 is stored. Sending a new link replaces the token,
// so the old link stops working; revoking stops it for good. Judges are not actors: the judge's
// page finds them by token here and checks what they may do itself.

type Db = Prisma.TransactionClient | typeof prisma;

export const judgeLink = (token: string) => absoluteUrl(`/judge/${token}`);

export async function inviteJudge(actor: Actor, slug: string, input: JudgeInput) {
  const { name, email } = checked(judgeFields, input);
  const token = newToken();
  const judge = await prisma
    .$transaction(async (tx) => {
      const { event } = await authorizeEvent(actor, { slug }, "runJudging", tx);
      const existing = await tx.judge.findUnique({
        where: { eventId_email: { eventId: event.id, email } },
        select: { id: true, revokedAt: true },
      });
      if (existing && !existing.revokedAt)
        throw conflict(
          `${email} is already a judge of this event. Send them a new link from the list of judges instead.`,
          "email",
        );
      const data = { name, tokenHash: hashToken(token), revokedAt: null, invitedAt: new Date() };
      const judge = existing
        ? await tx.judge.update({ where: { id: existing.id }, data, select: { id: true } })
        : await tx.judge.create({ data: { eventId: event.id, email, ...data }, select: { id: true } });
      await audit(tx, {
        actorId: actor.id,
        action: "judging.invite_judge",
        subjectType: "event",
        subjectId: event.id,
        organisationId: event.hubId,
        details: { judgeId: judge.id },
      });
      await queueMail(tx, email, "judge-invitation", {
        name,
        eventTitle: event.title,
        hubName: event.hub.name,
        link: judgeLink(token),
      });
      return judge;
    })
    .catch((error: unknown) => {
      // Two organisers inviting the same address at once: the second is told, as above.
      if (isUniqueViolation(error)) throw conflict(`${email} is already a judge of this event.`, "email");
      throw error;
    });
  return { id: judge.id, email, token };
}

async function judgeOf(tx: Db, eventId: string, judgeId: string) {
  const judge = await tx.judge.findFirst({
    where: { id: judgeId, eventId },
    select: { id: true, name: true, email: true, revokedAt: true },
  });
  if (!judge) throw notFound("There is no such judge.");
  return judge;
}

/** A new link for the judge (the old one stops working); also brings back a revoked judge. */
export async function resendJudgeLink(actor: Actor, slug: string, judgeId: string) {
  const token = newToken();
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "runJudging", tx);
    const judge = await judgeOf(tx, event.id, judgeId);
    await tx.judge.update({ where: { id: judge.id }, data: { tokenHash: hashToken(token), revokedAt: null } });
    await audit(tx, {
      actorId: actor.id,
      action: "judging.resend_judge",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { judgeId },
    });
    await queueMail(tx, judge.email, "judge-invitation", {
      name: judge.name,
      eventTitle: event.title,
      hubName: event.hub.name,
      link: judgeLink(token),
      again: true,
    });
    return { name: judge.name, email: judge.email, token };
  });
}

/** Stops the judge's link. Their scores stay in the results. */
export async function revokeJudge(actor: Actor, slug: string, judgeId: string) {
  return prisma.$transaction(async (tx) => {
    const { event } = await authorizeEvent(actor, { slug }, "runJudging", tx);
    const judge = await judgeOf(tx, event.id, judgeId);
    // A fresh random hash too, so the old token matches nothing even if revokedAt were cleared.
    await tx.judge.update({
      where: { id: judge.id },
      data: { revokedAt: new Date(), tokenHash: hashToken(newToken()) },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "judging.revoke_judge",
      subjectType: "event",
      subjectId: event.id,
      organisationId: event.hubId,
      details: { judgeId },
    });
    return { name: judge.name };
  });
}

export const judgeSelect = {
  id: true,
  name: true,
  eventId: true,
  conflictsDeclaredAt: true,
  pairwiseAlpha: true,
  pairwiseBeta: true,
  currentTeamId: true,
  previousTeamId: true,
  event: {
    select: { id: true, slug: true, title: true, status: true, judgingMode: true, hub: { select: { name: true } } },
  },
} satisfies Prisma.JudgeSelect;

/**
 * The judge a link belongs to, or null: an unknown or revoked link, or an event that is not
 * (or no longer) being judged — a draft or a cancelled one.
 */
export async function judgeByToken(db: Db, token: string) {
  if (!token || token.length > 200) return null;
  const judge = await db.judge.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { ...judgeSelect, revokedAt: true },
  });
  if (!judge || judge.revokedAt) return null;
  if (judge.event.status !== "published" && judge.event.status !== "finished") return null;
  return judge;
}
