import type { Prisma } from "~/generated/prisma/client";
import { notify } from "~/models/notifications/notify.server";
import { audit } from "~/models/platform/audit.server";
import type { DomainJobs } from "~/models/platform/jobs.server";
import { prisma } from "~/services/db.server";

// Impact follow-up: 3, 6 and 12 months after an outcome is published, the council's members
// are asked (in-app and by email, as each chose for "impact_check") whether it is in use and
// what changed; reminded 14 and 28 days after asking if nobody has answered; and 42 days after
// asking, still unanswered, the question is recorded as "not answered" — never guessed.
// Each step claims its row with a conditional update (state and reminders sent), so it
// happens once however often the job runs or however many workers run it. `now` is an
// argument so tests drive the clock.

type Tx = Prisma.TransactionClient;
const DAY = 86_400_000;
const BATCH = 200;
export const IMPACT_REMINDER_DAYS = [14, 28] as const;
export const IMPACT_CLOSE_DAYS = 42;

const checkSelect = {
  id: true,
  monthsAfter: true,
  outcome: {
    select: {
      id: true,
      slug: true,
      title: true,
      project: { select: { title: true, challenge: { select: { organisationId: true } } } },
    },
  },
} satisfies Prisma.ImpactCheckSelect;

type Due = Prisma.ImpactCheckGetPayload<{ select: typeof checkSelect }>;

async function tellCouncil(tx: Tx, check: Due, step: "ask" | "remind") {
  const members = await tx.membership.findMany({
    where: { organisationId: check.outcome.project.challenge.organisationId },
    select: { userId: true },
  });
  const title = check.outcome.title || check.outcome.project.title;
  for (const { userId } of members) {
    await notify(tx, {
      userId,
      kind: "impact_check",
      title:
        step === "ask"
          ? `Is “${title}” in use, ${check.monthsAfter} months on?`
          : `Reminder: is “${title}” in use, ${check.monthsAfter} months on?`,
      body:
        "Two questions: is the result in use, and what changed because of it? Your answer appears on the outcome's public page and in the hub's figures, so the team and funders see what their work did.",
      href: `/outcomes/${check.outcome.slug}/impact/${check.monthsAfter}`,
    });
  }
}

const dueChecks = (where: Prisma.ImpactCheckWhereInput) =>
  prisma.impactCheck.findMany({ where, select: checkSelect, orderBy: { id: "asc" }, take: BATCH });

/** Runs every step that is due at `now`. Returns how many checks each step moved. */
export async function runImpactFollowUp(now = new Date()) {
  const result = { asked: 0, reminded: 0, notAnswered: 0 };
  // Only published outcomes are followed up (an outcome unpublished later is not asked about).
  const published = { outcome: { state: "published" as const } };

  for (const check of await dueChecks({ ...published, state: "scheduled", dueAt: { lte: now } })) {
    await prisma.$transaction(async (tx) => {
      const claimed = await tx.impactCheck.updateMany({
        where: { id: check.id, state: "scheduled" },
        data: { state: "asked", askedAt: now },
      });
      if (claimed.count === 0) return;
      result.asked++;
      await tellCouncil(tx, check, "ask");
    });
  }

  for (const [sent, days] of IMPACT_REMINDER_DAYS.entries()) {
    const askedBy = new Date(now.getTime() - days * DAY);
    for (const check of await dueChecks({ ...published, state: "asked", remindersSent: sent, askedAt: { lte: askedBy } })) {
      await prisma.$transaction(async (tx) => {
        const claimed = await tx.impactCheck.updateMany({
          where: { id: check.id, state: "asked", remindersSent: sent },
          data: { remindersSent: sent + 1, lastRemindedAt: now },
        });
        if (claimed.count === 0) return;
        result.reminded++;
        await tellCouncil(tx, check, "remind");
      });
    }
  }

  const closeBy = new Date(now.getTime() - IMPACT_CLOSE_DAYS * DAY);
  const reminders = IMPACT_REMINDER_DAYS.length;
  for (const check of await dueChecks({ state: "asked", remindersSent: reminders, askedAt: { lte: closeBy } })) {
    await prisma.$transaction(async (tx) => {
      const claimed = await tx.impactCheck.updateMany({
        where: { id: check.id, state: "asked", remindersSent: reminders },
        data: { state: "not_answered", closedAt: now },
      });
      if (claimed.count === 0) return;
      result.notAnswered++;
      await audit(tx, {
        actorId: null,
        action: "impact.not_answered",
        subjectType: "impact_check",
        subjectId: check.id,
        organisationId: check.outcome.project.challenge.organisationId,
        details: { outcomeId: check.outcome.id, monthsAfter: check.monthsAfter },
      });
    });
  }
  return result;
}

export const impactJobs: DomainJobs = {
  tasks: {
    "impact:follow-up": async (_payload, helpers) => {
      const { asked, reminded, notAnswered } = await runImpactFollowUp();
      if (asked + reminded + notAnswered > 0) {
        helpers.logger.info(`impact: ${asked} asked, ${reminded} reminded, ${notAnswered} recorded as not answered`);
      }
    },
  },
  // Daily, and at start-up if the worker was down when it was due (fill).
  schedules: ["45 8 * * * impact:follow-up ?fill=1d&max=3&jobKey=impact:follow-up&jobKeyMode=preserve_run_at"],
};
