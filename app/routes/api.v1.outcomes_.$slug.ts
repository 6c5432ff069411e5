import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getPublicOutcomeRecord } from "~/models/outcomes/public.server";
import { apiError, apiJson, apiMethodNotAllowed } from "~/models/platform/open-data-formats.server";

// GET /api/v1/outcomes/<slug>: one published outcome. Drafts and outcomes waiting for sign-off
// answer 404 exactly like slugs that never existed.
export async function loader({ params }: LoaderFunctionArgs) {
  const record = await getPublicOutcomeRecord(params.slug ?? "");
  if (!record) return apiError(404, "There is no published outcome with this slug.");
  return apiJson({ data: record });
}

export async function action({ request }: ActionFunctionArgs) {
  return apiMethodNotAllowed(request);
}
