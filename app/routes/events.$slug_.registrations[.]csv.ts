import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { registrationsCsv } from "~/models/registrations/exports.server";
import { exportForm } from "~/models/registrations/schemas";
import { requireUser } from "~/services/auth.server";
import { badRequest, formAction } from "~/services/form.server";

// The registrations as CSV, for the event's organisers. GET: without dietary and access needs.
// POST with includeNeeds=yes: with them, recorded in the audit log (a GET never writes).

const csvResponse = ({ csv, filename }: { csv: string; filename: string }) =>
  new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return csvResponse(await registrationsCsv(user, params.slug ?? "", { includeNeeds: false }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const result = await formAction(request, exportForm, async ({ includeNeeds }) =>
    csvResponse(await registrationsCsv(user, params.slug ?? "", { includeNeeds: includeNeeds === "yes" })),
  );
  // A download has no page to show a field error on: a form that was not understood is a plain 400.
  return result instanceof Response ? result : badRequest("Nettle did not understand that request. Go back and download again.");
}
