import { installedAt, listPublicChallengesForFeed } from "~/models/challenge-open-data.server";
import { FEED_LIMIT, atomResponse, challengesAtom } from "~/models/open-data-formats.server";

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
