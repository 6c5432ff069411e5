import type { LoaderFunctionArgs } from "@remix-run/node";
import { figuresCsv, hubFigures } from "~/models/impact/figures.server";
import { getHubBySlug } from "~/models/organisations/hub.server";
import { requireUser } from "~/services/auth.server";

// GET /hub/<slug>/figures.csv: the hub's figures page as CSV, for its organisers.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const hub = await getHubBySlug(params.slug ?? "");
  if (!hub) throw new Response("Not found", { status: 404 });
  const { rows, asOf } = await hubFigures(user, hub);
  return new Response(figuresCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="nettle-${hub.slug}-figures-${asOf.toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
