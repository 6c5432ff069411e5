import type { Prisma } from "~/generated/prisma/client";
import { REMINDER_DAYS } from "~/models/applications/labels";
import { notify } from "~/models/notifications/notify.server";
import { audit } from "~/models/platform/audit.server";
import type { DomainJobs } from "~/models/platform/jobs.server";
import { hubsServing } from "~/models/platform/policy.server";
import { prisma } from "~/services/db.server";

// The applications domain's background work: invitations run out after 14 days (the council is
// told), and offers of help nobody answered remind the council after 5 days, then the organisers
// of the hubs serving it 5 days later. Each step happens once per application: the row is
// claimed with a conditional update, so a job run twice (the queue is at-least-once) or two
// workers at once tell nobody twice. Each function takes `now`, so tests drive the clock.

type Tx = Prisma.TransactionClient;
const DAY = 86_400_000;
const BATCH = 200;

const applicationSelect = {
  id: true,
  userId: true,
  challengeId: true,
  invitedById: true,
  user: { select: { displayName: true } },
  challenge: { select: { title: true, organisationId: true, organisation: { select: { id: true, name: true, region: true } } } },
} satisfies Prisma.ChallengeApplicationSelect;

async function councilMembers(tx: Tx, organisationId: string) {
  return (await tx.membership.findMany({ where: { organisationId }, select: { userId: true } })).map((row) => row.userId);
}

/** Marks invitations past their date as expired and tells whoever sent them. */
export async function expireInvitations(now = new Date()) {
  const due = await prisma.challengeApplication.findMany({
    where: { direction: "invitation", status: "pending", expiresAt: { lte: now } },
    select: applicationSelect,
    take: BATCH,
  });
  let expired = 0;
  for (const row of due) {
    await prisma.$transaction(async (tx) => {
      const claimed = await tx.challengeApplication.updateMany({
        where: { id: row.id, status: "pending", expiresAt: { lte: now } },
        data: { status: "expired" },
      });
      if (claimed.count === 0) return;
      expired++;
      const members = await councilMembers(tx, row.challenge.organisationId);
      const toTell = row.invitedById && members.includes(row.invitedById) ? [row.invitedById] : members;
      for (const userId of toTell) {
        await notify(tx, {
          userId,
          kind: "invitation.expired",
          title: `${row.user.displayName} did not answer the invitation to “${row.challenge.title || "Untitled challenge"}”`,
          body: "The invitation ran out after 14 days. You can invite them again, or invite someone else.",
          href: `/applications/${row.id}`,
        });
      }
      await audit(tx, {
        actorId: null,
        action: "applications.expire",
        subjectType: "application",
        subjectId: row.id,
        organisationId: row.challenge.organisationId,
        details: { challengeId: row.challengeId, participantId: row.userId },
      });
    });
  }
  return expired;
}

/**
 * Offers of help waiting 5 days remind the council's members; still waiting 5 days after that,
 * the organisers of the hubs serving the council.
 */
export async function remindAboutUnansweredInterest(now = new Date()) {
  const cutoff = new Date(now.getTime() - REMINDER_DAYS * DAY);
  let reminded = 0;
  let escalated = 0;
  const first = await prisma.challengeApplication.findMany({
    where: { direction: "interest", status: "pending", remindedAt: null, createdAt: { lte: cutoff } },
    select: applicationSelect,
    take: BATCH,
  });
  for (const row of first) {
    await prisma.$transaction(async (tx) => {
      const claimed = await tx.challengeApplication.updateMany({
        where: { id: row.id, status: "pending", remindedAt: null },
        data: { remindedAt: now },
      });
      if (claimed.count === 0) return;
      reminded++;
      for (const userId of await councilMembers(tx, row.challenge.organisationId)) {
        await notify(tx, {
          userId,
          kind: "interest.reminder",
          title: `${row.user.displayName}'s offer to help with “${row.challenge.title || "Untitled challenge"}” is waiting for an answer`,
          body: `They offered ${REMINDER_DAYS} days ago. Please accept or decline: a clear answer, either way, keeps people coming back.`,
          href: `/applications/${row.id}`,
        });
      }
    });
  }
  const second = await prisma.challengeApplication.findMany({
    where: { direction: "interest", status: "pending", escalatedAt: null, remindedAt: { lte: cutoff } },
    select: applicationSelect,
    take: BATCH,
  });
  for (const row of second) {
    await prisma.$transaction(async (tx) => {
      const claimed = await tx.challengeApplication.updateMany({
        where: { id: row.id, status: "pending", escalatedAt: null, remindedAt: { lte: cutoff } },
        data: { escalatedAt: now },
      });
      if (claimed.count === 0) return;
      escalated++;
      const hubs = await hubsServing(row.challenge.organisation, tx);
      const organisers = await tx.membership.findMany({
        where: { organisationId: { in: hubs.map((hub) => hub.id) } },
        distinct: ["userId"],
        select: { userId: true },
      });
      for (const { userId } of organisers) {
        await notify(tx, {
          userId,
          kind: "interest.reminder",
          title: `Nobody at ${row.challenge.organisation.name} has answered ${row.user.displayName}'s offer to help`,
          body: `The offer to help with “${row.challenge.title || "Untitled challenge"}” has waited ${2 * REMINDER_DAYS} days. The council was reminded ${REMINDER_DAYS} days ago.`,
          href: `/applications/${row.id}`,
        });
      }
    });
  }
  return { reminded, escalated };
}

export const applicationJobs: DomainJobs = {
  tasks: {
    "applications:expire-and-remind": async (_payload, helpers) => {
      const expired = await expireInvitations();
      const { reminded, escalated } = await remindAboutUnansweredInterest();
      if (expired + reminded + escalated > 0) {
        helpers.logger.info(`applications: ${expired} invitation(s) expired, ${reminded} reminder(s), ${escalated} passed to hubs`);
      }
    },
  },
  // Hourly: an invitation runs out within the hour of its date, reminders go out in working days.
  schedules: ["7 * * * * applications:expire-and-remind ?max=3&jobKey=applications:expire-and-remind&jobKeyMode=preserve_run_at"],
};
