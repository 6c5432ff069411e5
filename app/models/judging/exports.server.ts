import { stringify } from "csv-stringify/sync";
import { authorizeEvent } from "~/models/events/policy.server";
import { resultsOf } from "~/models/judging/results.server";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { prisma } from "~/services/db.server";

// The scores as CSV for the organisers: one row per score (team, challenge, judge, criterion,
// score) with the team's normalised total beside it. Cells a spreadsheet would run as a
// formula are neutralised, as in the open-data CSVs.

const FORMULA_START = /^[=+\-@\t\r]/;
const cell = (value: string | number | null) => {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  return FORMULA_START.test(value) ? `'${value}` : value;
};

export async function scoresCsv(actor: Actor, slug: string) {
  const { event } = await authorizeEvent(actor, { slug }, "runJudging");
  const row = await prisma.event.findUniqueOrThrow({ where: { id: event.id }, select: { judgingMode: true } });
  const [scores, results] = await Promise.all([
    prisma.score.findMany({
      where: { team: { eventId: event.id } },
      orderBy: [{ team: { name: "asc" } }, { judge: { name: "asc" } }, { criterion: { position: "asc" } }],
      select: {
        value: true,
        teamId: true,
        team: { select: { name: true, challenge: { select: { title: true } } } },
        judge: { select: { name: true } },
        criterion: { select: { name: true, weight: true } },
      },
    }),
    resultsOf(prisma, event.id, row.judgingMode),
  ]);
  const totals = new Map(results.map((r) => [r.teamId, r]));
  await audit(prisma, {
    actorId: actor.id,
    action: "judging.export_scores",
    subjectType: "event",
    subjectId: event.id,
    organisationId: event.hubId,
  });
  const rows = scores.map((s) => [
    s.team.name,
    s.team.challenge.title,
    s.judge.name,
    s.criterion.name,
    s.criterion.weight,
    s.value,
    totals.get(s.teamId)?.score ?? null,
    totals.get(s.teamId)?.rankLabel ?? "",
  ]);
  const csv = stringify(
    [
      ["Team", "Challenge", "Judge", "Criterion", "Weight", "Score", "Normalised total", "Rank"],
      ...rows.map((r) => r.map(cell)),
    ],
    { bom: true, record_delimiter: "windows" },
  );
  return { filename: `${event.slug}-scores.csv`, csv };
}
