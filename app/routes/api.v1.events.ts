import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { parseEventSearch, searchEvents } from "~/models/events/public.server";
import { absoluteUrl } from "~/models/platform/mail.server";
import { apiError, apiJson, apiMethodNotAllowed } from "~/models/platform/open-data-formats.server";

// GET /api/v1/events: published, cancelled and finished events, upcoming first, 20 a page.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseEventSearch(url.searchParams);
  if (!parsed.ok) return apiError(400, "Some query parameters are not valid.", parsed.errors);
  const result = await searchEvents(parsed.params);
  const pageLink = (page: number) => {
    const query = new URLSearchParams(url.searchParams);
    query.set("page", String(page));
    return absoluteUrl(`${url.pathname}?${query.toString()}`);
  };
  return apiJson({
    data: result.records.map(({ past: _, ...record }) => record),
    meta: { total: result.total, page: result.page, perPage: result.perPage, totalPages: result.totalPages },
    links: {
      self: absoluteUrl(`${url.pathname}${url.search}`),
      next: result.page < result.totalPages ? pageLink(result.page + 1) : null,
      prev: result.page > 1 ? pageLink(Math.min(result.page - 1, Math.max(result.totalPages, 1))) : null,
    },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return apiMethodNotAllowed(request);
}
