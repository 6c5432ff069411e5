import { healthReport } from "~/models/platform/health.server";

// For load balancers and people: 200 while the database answers ("degraded" if search or the
// worker is not), 503 when the database does not.
export async function loader() {
  const report = await healthReport();
  return Response.json(report, {
    status: report.database.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
