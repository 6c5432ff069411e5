import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getPublicChallengeRecord } from "~/models/challenges/open-data.server";
import { apiError, apiJson, apiMethodNotAllowed } from "~/models/platform/open-data-formats.server";

// GET /api/v1/challenges/<slug>: one public challenge. Drafts, challenges under review and
// withdrawn ones answer 404 exactly like slugs that never existed, so the API reveals nothing.
export async function loader({ params }: LoaderFunctionArgs) {
  const record = await getPublicChallengeRecord(params.slug ?? "");
  if (!record) return apiError(404, "There is no public challenge with this slug.");
  return apiJson({ data: record });
}

export async function action({ request }: ActionFunctionArgs) {
  return apiMethodNotAllowed(request);
}
