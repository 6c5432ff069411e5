import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getPublicEventRecord } from "~/models/events/public.server";
import { apiError, apiJson, apiMethodNotAllowed } from "~/models/platform/open-data-formats.server";

// GET /api/v1/events/<slug>: one public event. Drafts answer 404 exactly like slugs that never existed.
export async function loader({ params }: LoaderFunctionArgs) {
  const record = await getPublicEventRecord(params.slug ?? "");
  if (!record) return apiError(404, "There is no published event with this slug.");
  return apiJson({ data: record });
}

export async function action({ request }: ActionFunctionArgs) {
  return apiMethodNotAllowed(request);
}
