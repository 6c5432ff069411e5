import type { ActionFunctionArgs } from "@remix-run/node";
import { apiJson, apiMethodNotAllowed } from "~/models/platform/open-data-formats.server";
import { openApiDocument } from "~/models/challenges/openapi.server";

// GET /api/v1/openapi.json: the machine-readable description of the open data API.
export async function loader() {
  return apiJson(openApiDocument());
}

export async function action({ request }: ActionFunctionArgs) {
  return apiMethodNotAllowed(request);
}
