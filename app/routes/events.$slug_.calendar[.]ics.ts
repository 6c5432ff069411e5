import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarResponse, eventsCalendar } from "~/models/events/ical.server";
import { getPublicEventRecord } from "~/models/events/public.server";

// GET /events/<slug>/calendar.ics: the event for a calendar app. Drafts answer 404 like slugs
// that never existed; a cancelled event says STATUS:CANCELLED, so calendars that have it update.
export async function loader({ params }: LoaderFunctionArgs) {
  const record = await getPublicEventRecord(params.slug ?? "");
  if (!record) throw new Response("There is no such event.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return calendarResponse(eventsCalendar([record], record.title), `${record.slug}.ics`);
}
