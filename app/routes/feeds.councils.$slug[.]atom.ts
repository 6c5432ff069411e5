import type { LoaderFunctionArgs } from "@remix-run/node";
import { findFeedCouncil, listPublicChallengesForFeed } from "~/models/challenges/open-data.server";
import { FEED_LIMIT, atomResponse, challengesAtom } from "~/models/platform/open-data-formats.server";

// /feeds/councils/<slug>.atom: one council's public challenges. The route path is
// "feeds/councils/:slug.atom", so the param arrives without the suffix.
export async function loader({ params }: LoaderFunctionArgs) {
  const council = await findFeedCouncil(params.slug ?? "");
  if (!council)
    return new Response("No council has this address.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const records = await listPublicChallengesForFeed({ councilSlug: council.slug, limit: FEED_LIMIT });
  return atomResponse(
    challengesAtom({
      title: `Nettle: challenges from ${council.name}`,
      path: `/feeds/councils/${encodeURIComponent(council.slug)}.atom`,
      alternatePath: `/organisations/${encodeURIComponent(council.slug)}`,
      records,
      emptySince: council.createdAt,
    }),
  );
}
