import ical, { ICalEventStatus } from "ical-generator";
import type { PublicEventRecord } from "~/models/events/public.server";
import { publicUrl } from "~/models/platform/mail.server";

// Calendar files (RFC 5545) for one event and for the feed of upcoming events, written by
// ical-generator. Times are UTC ("…Z"), which every calendar converts to its own zone; the UID
// is the event's id at our host, so a calendar that imports the file again updates the same
// entry (and shows it cancelled when it is).

/** Markdown as plain text for a calendar's description: calendars show no formatting. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, (block) => block.replace(/```\w*/g, ""))
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\(([^)\s]+)[^)]*\)/g, "$1 ($2)")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/^\s*[-*+]\s+/gm, "- ")
    .replace(/(\*\*|__)(.*?)\1/g, "$2")
    .replace(/(^|[^*])\*(?!\s)([^*]+)\*/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function location(record: PublicEventRecord) {
  if (record.venue) return [record.venue.name, record.venue.address, record.venue.postcode].filter(Boolean).join(", ");
  return record.onlineUrl ?? "Online";
}

export function eventsCalendar(records: readonly PublicEventRecord[], name: string) {
  const host = new URL(publicUrl()).hostname;
  const calendar = ical({ name, prodId: { company: "Nettle", product: "Events", language: "EN" } });
  for (const record of records) {
    const description = [
      plainText(record.description),
      record.onlineUrl ? `Online: ${record.onlineUrl}` : "",
      `Run by ${record.hub.name}. More on Nettle: ${record.url}`,
    ]
      .filter(Boolean)
      .join("\n\n");
    calendar.createEvent({
      id: `${record.id}@${host}`,
      start: new Date(record.startsAt),
      end: new Date(record.endsAt),
      stamp: new Date(record.updatedAt),
      summary: record.title,
      description,
      location: location(record),
      url: record.url,
      status: record.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

export function calendarResponse(body: string, filename: string) {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^a-z0-9.-]/gi, "-")}"`,
      "Cache-Control": "public, max-age=300",
    },
  });
}
