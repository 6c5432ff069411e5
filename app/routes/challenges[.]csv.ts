import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportPublicChallenges } from "~/models/challenges/open-data.server";
import { parseChallengeSearch } from "~/models/challenges/search.server";
import { challengesCsv } from "~/models/platform/open-data-formats.server";

// GET /challenges.csv: every public challenge the challenges page would find with the same
// query string (all pages, up to 10,000 rows), for spreadsheets.
export async function loader({ request }: LoaderFunctionArgs) {
  const query = new URL(request.url).searchParams;
  query.delete("page");
  const parsed = parseChallengeSearch(query);
  if (!parsed.ok) {
    const problems = Object.entries(parsed.errors).map(([field, message]) => `${field}: ${message}`);
    return new Response(`Some query parameters are not valid.\n${problems.join("\n")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const { records } = await exportPublicChallenges(parsed.params);
  return new Response(challengesCsv(records), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": 'attachment; filename="nettle-challenges.csv"',
      "Cache-Control": "public, max-age=60",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
