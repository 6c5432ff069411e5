import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { publicChallengeRecordsByIds } from "~/models/challenges/open-data.server";
import { parseChallengeSearch, searchChallenges } from "~/models/challenges/search.server";
import { absoluteUrl } from "~/models/platform/mail.server";
import { apiError, apiJson, apiMethodNotAllowed } from "~/models/platform/open-data-formats.server";

// GET /api/v1/challenges: the challenges page as JSON. The same parser and search as the page,
// so a query string copied from the page gives the same challenges; search only picks the ids,
// the published form comes from PostgreSQL through publicChallengeRecord.

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = parseChallengeSearch(url.searchParams);
  if (!parsed.ok) return apiError(400, "Some query parameters are not valid.", parsed.errors);

  const result = await searchChallenges(parsed.params);
  const data = await publicChallengeRecordsByIds(result.hits.map((hit) => hit.id));
  const pageLink = (page: number) => {
    const query = new URLSearchParams(url.searchParams);
    query.set("page", String(page));
    return absoluteUrl(`${url.pathname}?${query.toString()}`);
  };
  return apiJson({
    data,
    meta: {
      total: result.total,
      page: result.page,
      perPage: result.perPage,
      totalPages: result.totalPages,
      degraded: result.degraded,
    },
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
