import type { LoaderFunctionArgs } from "@remix-run/node";
import { scoresCsv } from "~/models/judging/exports.server";
import { requireUser } from "~/services/auth.server";

// GET /events/<slug>/judging/scores.csv: every judge's scores with the teams' normalised
// totals, for the event's organisers (each download is audited).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { filename, csv } = await scoresCsv(user, params.slug ?? "");
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="nettle-${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
