import { apiError } from "~/models/platform/open-data-formats.server";

// Any /api/v1/* path no endpoint matches: JSON, not the HTML error page, for every method.
function notFound() {
  return apiError(404, "There is no such API endpoint. The endpoints are described at /api/v1/openapi.json.");
}

export async function loader() {
  return notFound();
}

export async function action() {
  return notFound();
}
