// Rebuilds search indexes from PostgreSQL and swaps them in without downtime.
//   npm run reindex              all indexes
//   npm run reindex -- skills    one index
import { SingleBar, Presets } from "cli-progress";
import { connectToRunningServices } from "../server/runtime";

const problem = connectToRunningServices();
if (problem) {
  console.error(problem);
  process.exit(1);
}

const { getSearch } = await import("~/services/search.server");
const { indexKeys, isIndexKey } = await import("~/models/registry/search-indexes.server");
const { rebuildIndex } = await import("~/models/platform/search-reindex.server");
const { prisma } = await import("~/services/db.server");

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const unknown = requested.filter((name) => !isIndexKey(name));
if (unknown.length > 0) {
  console.error(`Unknown index: ${unknown.join(", ")}. Known indexes: ${indexKeys.join(", ")}.`);
  process.exit(2);
}
const keys = requested.length > 0 ? requested.filter(isIndexKey) : indexKeys;

if (!(await getSearch().isAvailable(3_000))) {
  console.error(`Meilisearch at ${process.env.MEILI_URL} is not answering. Start it (or \`npm start\`) and try again.`);
  process.exit(1);
}

let failed = false;
for (const key of keys) {
  const bar = new SingleBar(
    { format: `${key.padEnd(14)} [{bar}] {value}/{total} documents  {duration_formatted}`, hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 },
    Presets.shades_classic,
  );
  let started = false;
  try {
    const result = await rebuildIndex(key, {
      onProgress: ({ done, total }) => {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else {
          bar.setTotal(total);
          bar.update(done);
        }
      },
    });
    bar.stop();
    console.log(`${key}: ${result.documents} documents indexed and swapped in${result.requeued ? `, ${result.requeued} change(s) made meanwhile re-queued` : ""}`);
  } catch (error) {
    bar.stop();
    failed = true;
    console.error(`${key}: reindex failed, the live index is unchanged: ${error instanceof Error ? error.message : String(error)}`);
  }
}
await prisma.$disconnect();
process.exit(failed ? 1 : 0);
