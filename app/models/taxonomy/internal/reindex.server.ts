import type { Prisma } from "~/generated/prisma/client";
import { recordSearchChange } from "~/models/platform/search-outbox.server";

type Tx = Prisma.TransactionClient;

/**
 * Skills whose implied skills depend on `skillIds`' broader links: the skills themselves and
 * everything narrower, transitively ("ArcGIS" when "Geospatial analysis" gains a broader link).
 */
export async function narrowerClosure(tx: Tx, skillIds: string[]) {
  const found = new Set(skillIds);
  let frontier = [...skillIds];
  while (frontier.length > 0) {
    const below = await tx.skillLink.findMany({
      where: { kind: "broader", toId: { in: frontier } },
      select: { fromId: true },
    });
    frontier = below.map((l) => l.fromId).filter((id) => !found.has(id));
    for (const id of frontier) found.add(id);
  }
  return [...found];
}

/**
 * Queues every search document that shows these skills: the skills themselves, challenges that
 * ask for them and the people who hold them or a narrower skill (their documents list implied
 * skills by name, and which skills are implied changes with a broader link).
 */
export async function reindexSkillDocuments(tx: Tx, skillIds: string[]) {
  if (skillIds.length === 0) return;
  const holders = await narrowerClosure(tx, skillIds);
  const [challenges, people] = await Promise.all([
    tx.challengeSkill.findMany({
      where: { skillId: { in: skillIds } },
      select: { challengeId: true },
      distinct: ["challengeId"],
    }),
    tx.profileSkill.findMany({ where: { skillId: { in: holders } }, select: { userId: true }, distinct: ["userId"] }),
  ]);
  await recordSearchChange(tx, "skills", skillIds);
  await recordSearchChange(
    tx,
    "challenges",
    challenges.map((c) => c.challengeId),
  );
  await recordSearchChange(
    tx,
    "people",
    people.map((p) => p.userId),
  );
}
