import { answerImpactCheck } from "~/models/impact/impact.server";
import type { Actor } from "~/models/platform/actor";
import { prisma } from "~/services/db.server";

// The demo's impact answer: the council says, through the same function its officers use, that
// the demo's published outcome is in use and what changed. Does nothing when the demo has no
// published outcome (the outcomes demo runs first) or its 3-month question is already answered.

export async function seedDemoImpact(people: { officer: Actor }, councilId: string) {
  const outcome = await prisma.outcome.findFirst({
    where: { state: "published", project: { challenge: { organisationId: councilId } } },
    orderBy: { publishedAt: "asc" },
    select: { slug: true, impactChecks: { where: { monthsAfter: 3 }, select: { state: true } } },
  });
  const check = outcome?.impactChecks[0];
  if (!outcome || !check || check.state === "answered") return 0;
  await answerImpactCheck(people.officer, outcome.slug, 3, {
    inUse: "yes",
    whatChanged:
      "The highways team now uses the map to plan gully cleaning before forecast heavy rain: 14 streets moved up the schedule, and call-outs to flooded roads fell from 23 to 9 over the winter compared with the year before.",
  });
  return 1;
}
