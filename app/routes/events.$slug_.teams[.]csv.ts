import type { LoaderFunctionArgs } from "@remix-run/node";
import { teamsCsv } from "~/models/event-teams/exports.server";
import { requireUser } from "~/services/auth.server";

// GET /events/<slug>/teams.csv: the event's teams, for its organisers.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { csv, filename } = await teamsCsv(user, params.slug ?? "");
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
