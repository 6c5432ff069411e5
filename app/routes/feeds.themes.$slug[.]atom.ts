import type { LoaderFunctionArgs } from "@remix-run/node";
import { findFeedTheme, listPublicChallengesForFeed } from "~/models/challenges/open-data.server";
import { FEED_LIMIT, atomResponse, challengesAtom } from "~/models/platform/open-data-formats.server";

// /feeds/themes/<slug>.atom: public challenges filed under one theme.
export async function loader({ params }: LoaderFunctionArgs) {
  const theme = await findFeedTheme(params.slug ?? "");
  if (!theme)
    return new Response("No theme has this address.", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  const records = await listPublicChallengesForFeed({ themeSlug: theme.slug, limit: FEED_LIMIT });
  return atomResponse(
    challengesAtom({
      title: `Nettle: ${theme.name} challenges`,
      path: `/feeds/themes/${encodeURIComponent(theme.slug)}.atom`,
      alternatePath: `/challenges?theme=${encodeURIComponent(theme.name)}`,
      records,
      emptySince: theme.createdAt,
    }),
  );
}
