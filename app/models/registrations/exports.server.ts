import { stringify } from "csv-stringify/sync";
import { authorizeEvent } from "~/models/events/policy.server";
import type { Actor } from "~/models/platform/actor";
import { audit } from "~/models/platform/audit.server";
import { prisma } from "~/services/db.server";

// The registrations as CSV for the organisers. Dietary and access needs are in it only when
// the organiser asks (a POST: a GET never writes, and asking is audited with who and how many
// rows); once deleted, 30 days after the event, those columns say "deleted".

/** Spreadsheets run cells starting with = + - @ as formulas: such cells get a leading '. */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toCsv(header: string[], rows: (string | number)[][]): string {
  const cells = rows.map((row) => row.map((value) => (typeof value === "string" ? safeCell(value) : value)));
  // The byte-order mark makes spreadsheet programs read UTF-8 names correctly.
  return `\uFEFF${stringify([header, ...cells], { record_delimiter: "\r\n" })}`;
}

export async function registrationsCsv(actor: Actor, slug: string, options: { includeNeeds: boolean }) {
  const { event } = await authorizeEvent(actor, { slug }, options.includeNeeds ? "viewNeeds" : "viewRegistrations");
  return prisma.$transaction(async (tx) => {
    const meta = await tx.event.findUniqueOrThrow({ where: { id: event.id }, select: { needsDeletedAt: true } });
    const registrations = await tx.registration.findMany({
      where: { eventId: event.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        status: true,
        walkIn: true,
        guestName: true,
        guestEmail: true,
        createdAt: true,
        attendedAt: true,
        user: { select: { displayName: true, email: true } },
        choices: { orderBy: { rank: "asc" }, select: { challenge: { select: { title: true } } } },
        needs: options.includeNeeds ? { select: { dietary: true, access: true } } : false,
      },
    });
    const header = ["Name", "Email", "Status", "Registered at", "Challenge choices", "Attended", "Walk-in"];
    if (options.includeNeeds) header.push("Dietary needs", "Access needs");
    const rows = registrations.map((r) => {
      const row: string[] = [
        r.user?.displayName ?? r.guestName,
        r.user?.email ?? r.guestEmail,
        r.status,
        r.createdAt.toISOString(),
        r.choices.map((c, i) => `${i + 1}. ${c.challenge.title}`).join("; "),
        r.attendedAt ? "yes" : "no",
        r.walkIn ? "yes" : "no",
      ];
      if (options.includeNeeds) {
        const needs = "needs" in r ? (r.needs as { dietary: string; access: string } | null) : null;
        if (meta.needsDeletedAt) row.push("deleted", "deleted");
        else row.push(needs?.dietary ?? "", needs?.access ?? "");
      }
      return row;
    });
    if (options.includeNeeds) {
      await audit(tx, {
        actorId: actor.id,
        action: "registrations.export_needs",
        subjectType: "event",
        subjectId: event.id,
        organisationId: event.hubId,
        details: { rows: rows.length },
      });
    }
    return { csv: toCsv(header, rows), filename: `nettle-${event.slug}-registrations.csv` };
  });
}
