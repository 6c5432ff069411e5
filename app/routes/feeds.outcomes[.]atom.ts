import { installedAt } from "~/models/challenges/open-data.server";
import { outcomesAtom } from "~/models/outcomes/open-data.server";
import { listOutcomesForFeed } from "~/models/outcomes/public.server";
import { FEED_LIMIT, atomResponse } from "~/models/platform/open-data-formats.server";

// /feeds/outcomes.atom: the newest published outcomes, read from PostgreSQL.
export async function loader() {
  return atomResponse(outcomesAtom(await listOutcomesForFeed(FEED_LIMIT), await installedAt()));
}
