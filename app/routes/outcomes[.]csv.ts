import type { LoaderFunctionArgs } from "@remix-run/node";
import { outcomesCsv } from "~/models/outcomes/open-data.server";
import { exportOutcomes, parseOutcomeSearch } from "~/models/outcomes/public.server";

// GET /outcomes.csv: every published outcome the showcase would list with the same filters.
export async function loader({ request }: LoaderFunctionArgs) {
  const query = new URL(request.url).searchParams;
  query.delete("page");
  const parsed = parseOutcomeSearch(query);
  if (!parsed.ok) {
    const problems = Object.entries(parsed.errors).map(([field, message]) => `${field}: ${message}`);
    return new Response(`Some query parameters are not valid.\n${problems.join("\n")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return new Response(outcomesCsv(await exportOutcomes(parsed.params)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": 'attachment; filename="nettle-outcomes.csv"',
      "Cache-Control": "public, max-age=60",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
