import type { LoaderFunctionArgs } from "@remix-run/node";
import { eventFigures, figuresCsv } from "~/models/registrations/figures.server";
import { requireUser } from "~/services/auth.server";

// GET /events/<slug>/figures.csv: the event's figures as CSV, for its organisers.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { event, figures, asOf } = await eventFigures(user, params.slug ?? "");
  return new Response(figuresCsv(figures), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="nettle-${event.slug}-figures-${asOf.toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
