import { stringify } from "csv-stringify/sync";
import { authorizeEvent } from "~/models/events/policy.server";
import type { Actor } from "~/models/platform/actor";
import { absoluteUrl } from "~/models/platform/mail.server";
import { prisma } from "~/services/db.server";

// The teams of an event as CSV, for its organisers: one row a team. Members are names only
// (no email addresses); a cell a spreadsheet would read as a formula is neutralised.

/** A spreadsheet runs a cell starting with = + - @ (or a tab or return) as a formula. */
const neutral = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

export async function teamsCsv(actor: Actor, slug: string): Promise<{ csv: string; filename: string }> {
  const { event } = await authorizeEvent(actor, { slug }, "formTeams");
  const teams = await prisma.eventTeam.findMany({
    where: { eventId: event.id },
    orderBy: [{ presentationOrder: { sort: "asc", nulls: "last" } }, { name: "asc" }],
    select: {
      name: true,
      summary: true,
      demoUrl: true,
      presentationOrder: true,
      confirmedAt: true,
      challenge: { select: { title: true } },
      project: { select: { slug: true } },
      members: {
        orderBy: { createdAt: "asc" },
        select: { registration: { select: { guestName: true } }, user: { select: { displayName: true } } },
      },
    },
  });
  const rows = teams.map((t) => [
    t.name,
    t.challenge.title,
    t.members.map((m) => m.user?.displayName ?? m.registration.guestName).join("; "),
    String(t.members.length),
    t.confirmedAt ? "yes" : "no",
    t.project ? absoluteUrl(`/projects/${t.project.slug}`) : "",
    t.demoUrl,
    t.summary,
    t.presentationOrder?.toString() ?? "",
  ]);
  const header = [
    "Team",
    "Challenge",
    "Members",
    "Number of members",
    "Confirmed",
    "Project",
    "Demo link",
    "Summary",
    "Order of presentation",
  ];
  const csv = stringify([header, ...rows.map((row) => row.map(neutral))], { bom: true, record_delimiter: "\r\n" });
  return { csv, filename: `nettle-${event.slug}-teams.csv` };
}
