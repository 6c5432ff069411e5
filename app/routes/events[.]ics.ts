import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarResponse, eventsCalendar } from "~/models/events/ical.server";
import { upcomingEventRecords } from "~/models/events/public.server";

// GET /events.ics: upcoming published events, as a calendar feed people can subscribe to.
export async function loader(_args: LoaderFunctionArgs) {
  return calendarResponse(eventsCalendar(await upcomingEventRecords(), "Nettle events"), "nettle-events.ics");
}
