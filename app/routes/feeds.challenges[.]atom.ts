import { installedAt, listPublicChallengesForFeed } from "~/models/challenges/open-data.server";
import { FEED_LIMIT, atomResponse, challengesAtom } from "~/models/platform/open-data-formats.server";

// /feeds/challenges.atom: the newest public challenges, read from PostgreSQL.
export async function loader() {
  const records = await listPublicChallengesForFeed({ limit: FEED_LIMIT });
  return atomResponse(
    challengesAtom({
      title: "Nettle: new challenges",
      path: "/feeds/challenges.atom",
      alternatePath: "/challenges",
      records,
      emptySince: await installedAt(),
    }),
  );
}
