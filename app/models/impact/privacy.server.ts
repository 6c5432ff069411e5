import { prisma } from "~/services/db.server";

// What the impact domain holds about a person, for their data download: the answers they gave.
// The answers stay on the outcome when an account is deleted (answeredBy becomes empty).

export async function impactDataOf(userId: string) {
  const impactAnswers = await prisma.impactCheck.findMany({
    where: { answeredById: userId },
    orderBy: { answeredAt: "asc" },
    select: { monthsAfter: true, inUse: true, whatChanged: true, answeredAt: true, outcome: { select: { slug: true, title: true } } },
  });
  return { impactAnswers };
}
