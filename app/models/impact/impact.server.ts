import type { ImpactInUse, Prisma } from "~/generated/prisma/client";
import type { ImpactAnswerInput } from "~/models/impact/schemas";
import { authorizeImpactAnswer } from "~/models/impact/policy.server";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { notFound } from "~/models/platform/errors";
import { prisma } from "~/services/db.server";

type Tx = Prisma.TransactionClient;

/** Months after publication when the council is asked whether the result is in use. */
export const IMPACT_CHECK_MONTHS = [3, 6, 12] as const;

function addMonths(date: Date, months: number) {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

/**
 * Called by outcomes/ in the transaction that publishes an outcome: the three follow-up
 * questions, due 3, 6 and 12 months later. The impact jobs ask, remind twice and then record
 * "not answered".
 */
export async function scheduleImpactChecks(tx: Tx, outcomeId: string, publishedAt: Date) {
  await tx.impactCheck.createMany({
    data: IMPACT_CHECK_MONTHS.map((months) => ({ outcomeId, monthsAfter: months, dueAt: addMonths(publishedAt, months) })),
    skipDuplicates: true,
  });
}

export interface ImpactAnswerView {
  monthsAfter: number;
  state: "scheduled" | "asked" | "answered" | "not_answered";
  dueAt: string;
  inUse: ImpactInUse | null;
  whatChanged: string | null;
  answeredAt: string | null;
}

/** What the outcome page shows about follow-up: public, as published outcomes are. */
export async function impactAnswersFor(outcomeId: string): Promise<ImpactAnswerView[]> {
  const rows = await prisma.impactCheck.findMany({
    where: { outcomeId },
    orderBy: { monthsAfter: "asc" },
    select: { monthsAfter: true, state: true, dueAt: true, inUse: true, whatChanged: true, answeredAt: true },
  });
  return rows.map((row) => ({
    monthsAfter: row.monthsAfter,
    state: row.state,
    dueAt: row.dueAt.toISOString(),
    inUse: row.inUse,
    whatChanged: row.whatChanged,
    answeredAt: row.answeredAt?.toISOString() ?? null,
  }));
}

// ---------------------------------------------------------------------------------------
// Answering: the council's members say whether the result is in use and what changed.
// ---------------------------------------------------------------------------------------

/** What the answer page shows: the outcome, the question, and any answer already given. */
export async function impactCheckPage(actor: Actor | null, outcomeSlug: string, monthsAfter: number) {
  const { outcome, project } = await authorizeImpactAnswer(actor, outcomeSlug);
  const check = await prisma.impactCheck.findUnique({
    where: { outcomeId_monthsAfter: { outcomeId: outcome.id, monthsAfter } },
    select: { monthsAfter: true, dueAt: true, state: true, inUse: true, whatChanged: true, answeredAt: true },
  });
  if (!check) throw notFound("There is no such follow-up question.");
  return {
    outcome: { slug: outcome.slug, title: outcome.title, publishedAt: outcome.publishedAt },
    council: project.challenge.organisation.name,
    check,
  };
}

/**
 * Records the council's answer. An answer may come before the question is due (the council
 * knows already), after it was recorded as not answered (a late answer is still an answer), or
 * correct an earlier one; each is audited.
 */
export async function answerImpactCheck(
  actor: Actor,
  outcomeSlug: string,
  monthsAfter: number,
  input: ImpactAnswerInput,
  now = new Date(),
) {
  return prisma.$transaction(async (tx) => {
    const { outcome, project } = await authorizeImpactAnswer(actor, outcomeSlug, tx);
    const check = await tx.impactCheck.findUnique({
      where: { outcomeId_monthsAfter: { outcomeId: outcome.id, monthsAfter } },
      select: { id: true, state: true },
    });
    if (!check) throw notFound("There is no such follow-up question.");
    await tx.impactCheck.update({
      where: { id: check.id },
      data: {
        state: "answered",
        inUse: input.inUse,
        whatChanged: input.whatChanged,
        answeredById: actor.id,
        answeredAt: now,
        closedAt: now,
      },
    });
    await audit(tx, {
      actorId: actor.id,
      action: "impact.answer",
      subjectType: "impact_check",
      subjectId: check.id,
      organisationId: project.challenge.organisationId,
      details: { outcomeId: outcome.id, monthsAfter, inUse: input.inUse, previousState: check.state },
    });
    return { outcome: { slug: outcome.slug, title: outcome.title }, monthsAfter };
  });
}
