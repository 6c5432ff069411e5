// `npm test`: the whole suite, as CI runs it. Lint, typecheck, Vitest (unit + integration on
// real PostgreSQL and Meilisearch), then Playwright journeys with axe on Debian's Chromium.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import getPort from "get-port";
import pg from "pg";

const bin = (name: string) => path.resolve("node_modules/.bin", name);
const results: { step: string; ok: boolean; seconds: number }[] = [];
let passed = 0;
let failed = 0;

async function run(step: string, command: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n━━ ${step} ━━`);
  const started = performance.now();
  const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const ok = code === 0;
  results.push({ step, ok, seconds: (performance.now() - started) / 1000 });
  return ok;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

await run("Lint (eslint)", bin("eslint"), ["."]);
await run("Typecheck (tsc)", bin("tsc"), ["--noEmit"]);

rmSync("test-results", { recursive: true, force: true });
await run("Unit and integration tests (vitest)", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  "--outputFile.json=test-results/vitest.json",
]);
const vitest = readJson<{ numPassedTests: number; numFailedTests: number }>("test-results/vitest.json");
passed += vitest?.numPassedTests ?? 0;
failed += vitest?.numFailedTests ?? 0;

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(
    `\n━━ Browser journeys (playwright) ━━\nChromium was not found at ${chromium}. Install Debian's Chromium:\n  sudo apt-get install -y --no-install-recommends chromium\n(or set CHROMIUM_PATH to a Chromium binary).`,
  );
  results.push({ step: "Browser journeys (playwright)", ok: false, seconds: 0 });
} else {
  // Nettle is started the way a user starts it, on a free port with a throwaway data folder,
  // and stopped with Ctrl-C (SIGINT) afterwards so nothing it started outlives the run.
  const dataDir = mkdtempSync(path.join(tmpdir(), "nettle-e2e-"));
  const port = await getPort();
  // The journeys serve a fake GitHub API on this port (tests/mocks/github-api.ts, started by
  // the journey that links a repository) and sign webhooks with this secret.
  const github = { port: await getPort(), secret: crypto.randomBytes(16).toString("hex") };
  const app = await startNettle(dataDir, port, github);
  if (app) {
    await run("Browser journeys (playwright)", bin("playwright"), ["test"], {
      E2E_BASE_URL: `http://localhost:${port}`,
      E2E_DATA_DIR: dataDir,
      E2E_GITHUB_PORT: String(github.port),
      E2E_WEBHOOK_SECRET: github.secret,
    });
    await app.stop();
    const warnings = app.concurrentQueryWarnings();
    if (warnings > 0) console.error(`\nThe server warned ${warnings} time(s) that pg got two queries at once on one connection.`);
    results.push({ step: "Server log free of concurrent-query warnings", ok: warnings === 0, seconds: 0 });
  } else {
    results.push({ step: "Browser journeys (playwright)", ok: false, seconds: 0 });
  }
  rmSync(dataDir, { recursive: true, force: true });
  const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>("test-results/e2e.json");
  passed += (e2e?.stats.expected ?? 0) + (e2e?.stats.flaky ?? 0);
  failed += e2e?.stats.unexpected ?? 0;
}

async function startNettle(dataDir: string, port: number, github: { port: number; secret: string }) {
  console.log(`\n━━ Starting Nettle for the browser journeys (port ${port}) ━━`);
  // The journeys visit the demo hub as each of its demo accounts, so demo data is always on.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NETTLE_DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: "warn",
    NETTLE_DEMO_DATA: "true",
    GITHUB_API_URL: `http://127.0.0.1:${github.port}`,
    GITHUB_WEBHOOK_SECRET: github.secret,
  };
  const cleanups: (() => Promise<void>)[] = [];
  const runId = crypto.randomBytes(4).toString("hex");
  // With servers given by DATABASE_URL / MEILI_URL, use a scratch database and index prefix.
  if (process.env.DATABASE_URL) {
    const admin = process.env.DATABASE_URL;
    const scratch = new URL(admin);
    scratch.pathname = `/nettle_e2e_${runId}`;
    await sql(admin, `CREATE DATABASE "nettle_e2e_${runId}"`);
    env.DATABASE_URL = scratch.toString();
    cleanups.push(() => sql(admin, `DROP DATABASE IF EXISTS "nettle_e2e_${runId}" WITH (FORCE)`));
  }
  if (process.env.MEILI_URL) {
    const prefix = `e2e_${runId}_`;
    env.MEILI_INDEX_PREFIX = prefix;
    cleanups.push(() => deleteIndexes(process.env.MEILI_URL!, process.env.MEILI_MASTER_KEY, prefix));
  }
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  // pg warns when a query is sent on a connection still answering another (pg 9 refuses it):
  // the journeys fail if the web or worker process ever says so.
  const CONCURRENT_QUERY = "already executing a query";
  let concurrentQueryWarnings = 0;
  let tail = "";
  child.stderr.on("data", (chunk: Buffer) => {
    process.stderr.write(chunk);
    const text = tail + chunk.toString();
    concurrentQueryWarnings += text.split(CONCURRENT_QUERY).length - 1;
    tail = text.slice(-(CONCURRENT_QUERY.length - 1));
  });
  let output = "";
  const ready = await new Promise<boolean>((resolve) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Nettle is running at")) resolve(true);
    });
    child.once("exit", () => resolve(false));
  });
  child.stdout.removeAllListeners("data");
  child.stdout.resume();
  if (!ready) {
    console.error(output);
    return null;
  }
  console.log(output.trim().split("\n").at(-1));
  return {
    concurrentQueryWarnings: () => concurrentQueryWarnings,
    async stop() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGINT");
      });
      for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error(String(error)));
    },
  };
}

async function sql(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function deleteIndexes(url: string, key: string | undefined, prefix: string) {
  const headers: Record<string, string> = { "accept-encoding": "identity", ...(key ? { authorization: `Bearer ${key}` } : {}) };
  const response = await fetch(new URL("/indexes?limit=1000", url), { headers });
  const { results } = (await response.json()) as { results: { uid: string }[] };
  for (const index of results.filter((i) => i.uid.startsWith(prefix))) {
    await fetch(new URL(`/indexes/${index.uid}`, url), { method: "DELETE", headers });
  }
}

console.log("\n━━ Summary ━━");
for (const r of results) console.log(`${r.ok ? "✔" : "✘"} ${r.step} (${r.seconds.toFixed(1)} s)`);
const stepsFailed = results.filter((r) => !r.ok).length;
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(stepsFailed > 0 || failed > 0 ? 1 : 0);
