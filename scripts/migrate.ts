// Brings a database and a search engine up to date without starting Nettle: Prisma migrations,
// the job queue's schema and the search index settings. Run it once per deploy when you run
// web and worker processes yourself (see README, "Scaling out"). `npm start` does this itself.
import { connectToRunningServices } from "../server/runtime";

const problem = connectToRunningServices();
if (problem) {
  console.error(problem);
  process.exit(1);
}
const { applyMigrations } = await import("../server/migrate");
const { installJobQueue } = await import("../server/queue");
const { applySearchSettings } = await import("~/models/platform/search-reindex.server");

const { applied } = await applyMigrations(process.env.DATABASE_URL!, { log: (line) => console.log(line) });
console.log(applied.length ? `database: applied ${applied.join(", ")}` : "database: migrations up to date");
await installJobQueue(process.env.DATABASE_URL!);
console.log("job queue: ready");
await applySearchSettings(undefined, (line) => console.log(`search: ${line}`));
console.log("search: settings up to date");
