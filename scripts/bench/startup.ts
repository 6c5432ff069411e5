// How long does `npm start` take to be ready? Target: a second start under 15 s.
//   npx tsx scripts/bench/startup.ts
// Runs the real start script twice on a fresh data folder (first start: initdb, migrations,
// seed; second: reuse), stopping it with SIGINT between, and as a baseline in the same process
// the bare cost of starting the embedded PostgreSQL and Meilisearch on an existing folder.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import getPort from "get-port";
import { resolveMeilisearchBinary, startEmbeddedMeilisearch } from "../../server/embedded/meilisearch";
import { startEmbeddedPostgres } from "../../server/embedded/postgres";

const dataDir = mkdtempSync(path.join(tmpdir(), "nettle-bench-start-"));

async function timedStart(label: string) {
  const port = await getPort();
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, NETTLE_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = await new Promise<number>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Nettle is running at")) resolve(performance.now() - started);
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", () => reject(new Error(`start exited early:\n${output}`)));
  });
  const built = output.includes("App: built");
  const stopStarted = performance.now();
  child.kill("SIGINT");
  await new Promise((resolve) => child.once("exit", resolve));
  const stopped = performance.now() - stopStarted;
  console.log(`${label.padEnd(34)} ready in ${(ready / 1000).toFixed(2)} s${built ? " (including an app build)" : ""}; Ctrl-C stopped it in ${(stopped / 1000).toFixed(2)} s`);
  return ready;
}

const first = await timedStart("first start (fresh data folder)");
const second = await timedStart("second start (reusing data)");
const third = await timedStart("third start (reusing data)");

// Baseline: just the two embedded servers on the folder the runs above created.
const t = performance.now();
const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), database: "nettle", persistent: true });
const binary = await resolveMeilisearchBinary({ env: process.env, cacheDir: path.join(dataDir, "bin") });
const meili = await startEmbeddedMeilisearch({
  dataDir: path.join(dataDir, "meilisearch"),
  keyFile: path.join(dataDir, "meilisearch-master-key"),
  binary: binary.path,
  persistent: true,
});
const baseline = performance.now() - t;
await meili.stop();
await pg.stop();
console.log(`${"baseline: embedded servers only".padEnd(34)} ready in ${(baseline / 1000).toFixed(2)} s`);
const warm = Math.min(second, third);
console.log(`ratio warm start / baseline ${(warm / baseline).toFixed(1)}x; first / warm ${(first / warm).toFixed(1)}x`);
console.log(`target second start < 15 s: ${Math.max(second, third) < 15_000 ? "met" : "NOT met"}`);
rmSync(dataDir, { recursive: true, force: true });
