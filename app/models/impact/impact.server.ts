import type { ImpactInUse, Prisma } from "~/generated/prisma/client";
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
