// `npm start` / `npm run dev`: starts everything Nettle needs on one machine.
// Embedded PostgreSQL and Meilisearch unless DATABASE_URL / MEILI_URL point elsewhere, then
// migrations, search settings, seed data, the worker and the web server. Ctrl-C stops it all.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { StartupError } from "../server/embedded/errors";
import { clearRuntime, dataDir, demoPassword, writeRuntime } from "../server/runtime";

const dev = process.argv.includes("--dev");
const started = performance.now();
const stops: (() => Promise<void>)[] = [];
const children: ChildProcess[] = [];
let shuttingDown = false;
let step = 0;
const STEPS = dev ? 7 : 8;

function progress(message: string) {
  step++;
  console.log(`[${step}/${STEPS}] ${message}`);
}
const secondsSince = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

if (existsSync(".env") && typeof process.loadEnvFile === "function") process.loadEnvFile(".env");
process.env.NODE_ENV ??= dev ? "development" : "production";

async function main() {
  const dir = dataDir();
  const embeddedDatabase = !process.env.DATABASE_URL;
  const { assertDirectoryWritable, checkDatabaseReachable, checkMeilisearchReachable } = await import("../server/embedded/checks");

  progress(`Checking configuration (data in ${path.relative(process.cwd(), dir) || "."})`);
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? "127.0.0.1";
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new StartupError(`PORT must be a number between 1 and 65535, not "${process.env.PORT}".`);
  }
  await assertPortFree(port, host);
  const needsDataDir = !process.env.DATABASE_URL || !process.env.MEILI_URL;
  if (needsDataDir) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === "EACCES" || code === "EPERM" ? "permission denied" : (code ?? String(error));
      throw new StartupError(`Nettle cannot create its data folder ${dir}: ${reason}.`, {
        hint: "Set NETTLE_DATA_DIR to a folder you can write to, for example: NETTLE_DATA_DIR=$HOME/.nettle npm start",
      });
    }
    assertDirectoryWritable(dir, "NETTLE_DATA_DIR");
  }

  // PostgreSQL
  let t = performance.now();
  if (process.env.DATABASE_URL) {
    const state = await checkDatabaseReachable(process.env.DATABASE_URL, { allowMissingDatabase: true });
    progress(
      `PostgreSQL: using DATABASE_URL (${redactUrl(process.env.DATABASE_URL)})${state === "missing-database" ? ", database will be created" : ""}`,
    );
  } else {
    const { startEmbeddedPostgres } = await import("../server/embedded/postgres");
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(dir, "postgres"),
      database: "nettle",
      persistent: true,
      port: process.env.NETTLE_PG_PORT ? Number(process.env.NETTLE_PG_PORT) : undefined,
    });
    stops.push(pg.stop);
    process.env.DATABASE_URL = pg.url;
    progress(`PostgreSQL: embedded, port ${pg.port}, ready in ${secondsSince(t)}`);
  }

  // Meilisearch
  t = performance.now();
  if (process.env.MEILI_URL) {
    await checkMeilisearchReachable(process.env.MEILI_URL, process.env.MEILI_MASTER_KEY);
    progress(`Meilisearch: using MEILI_URL (${redactUrl(process.env.MEILI_URL)})`);
  } else {
    const { resolveMeilisearchBinary, startEmbeddedMeilisearch } = await import("../server/embedded/meilisearch");
    const binary = await resolveMeilisearchBinary({ env: process.env, cacheDir: path.join(dir, "bin") });
    const meili = await startEmbeddedMeilisearch({
      dataDir: path.join(dir, "meilisearch"),
      keyFile: path.join(dir, "meilisearch-master-key"),
      binary: binary.path,
      persistent: true,
      port: process.env.NETTLE_MEILI_PORT ? Number(process.env.NETTLE_MEILI_PORT) : undefined,
    });
    stops.push(meili.stop);
    process.env.MEILI_URL = meili.url;
    process.env.MEILI_MASTER_KEY = meili.masterKey;
    progress(`Meilisearch: embedded ${binary.version} (${binary.source}), port ${meili.port}, ready in ${secondsSince(t)}`);
  }
  writeRuntime({
    pid: process.pid,
    DATABASE_URL: process.env.DATABASE_URL,
    MEILI_URL: process.env.MEILI_URL,
    MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY,
  });

  // Every setting, checked once here so a mistake stops start-up with one clear message.
  const { parseEnv, ConfigError } = await import("~/services/env.server");
  const { applySearchSettings } = await import("~/models/platform/search-reindex.server");
  try {
    parseEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new StartupError(error.message);
    throw error;
  }

  // Schema, job queue, search settings
  t = performance.now();
  const { applyMigrations } = await import("../server/migrate");
  const { installJobQueue } = await import("../server/queue");
  const { applied } = await applyMigrations(process.env.DATABASE_URL!);
  await installJobQueue(process.env.DATABASE_URL!);
  progress(
    `Database: ${applied.length ? `applied ${applied.length} migration(s)` : "migrations up to date"}, job queue ready (${secondsSince(t)})`,
  );

  t = performance.now();
  const changes: string[] = [];
  await applySearchSettings(undefined, (line) => changes.push(line));
  progress(`Search indexes: ${changes.length ? changes.join("; ") : "settings up to date"} (${secondsSince(t)})`);

  t = performance.now();
  const { seedReferenceData, seedDemoData, demoDataWanted, listDemoAccounts } = await import("~/models/platform/seed.server");
  const seeded: string[] = [];
  await seedReferenceData((line) => seeded.push(line));
  const demo = demoDataWanted(process.env.NETTLE_DEMO_DATA, embeddedDatabase);
  if (demo) await seedDemoData((line) => seeded.push(line), { password: demoPassword() });
  const demoLogins = demo ? await listDemoAccounts() : [];
  // A new or wiped Meilisearch fills itself from PostgreSQL (the outbox only carries changes).
  const { fillEmptyIndexes } = await import("~/models/platform/search-reindex.server");
  for (const { key, documents } of await fillEmptyIndexes()) seeded.push(`search index ${key} was empty: rebuilt ${documents} documents`);
  progress(`Data: ${seeded.join("; ")} (${secondsSince(t)})`);

  if (!dev) {
    t = performance.now();
    const built = await buildIfStale();
    progress(built ? `App: built in ${secondsSince(t)}` : "App: build is up to date");
  }

  const runner = [process.execPath, "--import", "tsx"];
  const { childProcessEnv, WEB_NODE_FLAGS } = await import("../server/process-env");
  const { WEB_ENTRY } = await import("./build-web");
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: host };
  env.PUBLIC_URL ??= `http://localhost:${port}`;
  // Without SMTP, mail goes to the development mailbox at /dev/mail. npm start runs the
  // production build, so say explicitly that the mailbox may be shown, but only on this machine.
  if (!env.SMTP_URL && (host === "127.0.0.1" || host === "localhost")) env.NETTLE_DEV_MAILBOX ??= "true";
  progress("Starting the worker and the web server");
  const worker = launch("worker", [...runner, "server/worker.ts"], childProcessEnv(env));
  // In production the web server runs compiled (no TypeScript loader) with a bounded heap.
  const web = dev
    ? launch("web", [...runner, "server/index.ts", "--dev"], childProcessEnv(env))
    : launch("web", [process.execPath, ...WEB_NODE_FLAGS, WEB_ENTRY], childProcessEnv(env));
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, web);
  const shown = host === "0.0.0.0" || host === "127.0.0.1" ? "localhost" : host;
  console.log(`\nNettle is running at http://${shown}:${port}  (ready in ${secondsSince(started)}; Ctrl-C to stop)`);
  if (env.NETTLE_DEV_MAILBOX === "true") console.log(`Mail is not sent (no SMTP_URL): read it at http://${shown}:${port}/dev/mail`);
  if (demoLogins.length > 0) {
    console.log(`\nDemo accounts (demo data only; turn it off with NETTLE_DEMO_DATA=false). Password for each: ${demoPassword()}`);
    for (const login of demoLogins) console.log(`  ${login.role.padEnd(16)} ${login.email}`);
  }
  console.log("");
  void worker;
}

function launch(name: string, argv: string[], env: NodeJS.ProcessEnv) {
  // Own process group: Ctrl-C reaches only this supervisor, which stops children in order.
  // The IPC channel lets a child notice if this supervisor dies without stopping it.
  const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ["inherit", "inherit", "inherit", "ipc"], detached: true });
  children.push(child);
  child.on("exit", (code, signal) => {
    if (shuttingDown) return;
    console.error(`\nThe ${name} process stopped unexpectedly (${signal ?? `exit code ${code}`}). Stopping Nettle.`);
    void shutdown(1);
  });
  return child;
}

async function waitForHttp(url: string, child: ChildProcess) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new StartupError("The web server exited during start-up; see its messages above.");
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status < 500 || response.status === 503) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new StartupError(`The web server did not answer at ${url} within 60 s.`);
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === "generated") continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

/** Builds the production bundle when any source is newer than the last build. */
async function buildIfStale(): Promise<boolean> {
  const stamp = path.resolve("build/.nettle-build-stamp");
  const sources = ["app", "public", "server", "vite.config.ts", "package-lock.json", "prisma/schema.prisma"];
  const newestSource = Math.max(...sources.map((source) => newestMtime(source)));
  const { buildWebServer, WEB_ENTRY } = await import("./build-web");
  if (existsSync(stamp) && existsSync(WEB_ENTRY) && statSync(stamp).mtimeMs >= newestSource) return false;
  console.log("      building the app (about 20 s, only when the code changed)…");
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], {
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    throw new StartupError("Building the app failed.", {
      logTail: `${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-25).join("\n"),
    });
  }
  await buildWebServer().catch((error: unknown) => {
    throw new StartupError("Building the web server failed.", { logTail: error instanceof Error ? error.message : String(error) });
  });
  writeFileSync(stamp, new Date().toISOString());
  return true;
}

function assertPortFree(port: number, host: string) {
  return new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new StartupError(`Port ${port} is already in use, so Nettle cannot listen on it.`, {
              hint: `Stop the program using it, or choose another port: PORT=${port + 1} npm start`,
            })
          : error,
      );
    });
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

function redactUrl(raw: string) {
  try {
    const url = new URL(raw);
    if (url.password) url.password = "****";
    return url.toString();
  } catch {
    return "(not a valid URL)";
  }
}

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log("\nStopping Nettle…");
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
          setTimeout(() => child.kill("SIGKILL"), 25_000).unref();
        }),
    ),
  );
  for (const stop of stops.reverse()) {
    await stop().catch((error: unknown) => console.error(`  ${error instanceof Error ? error.message : String(error)}`));
  }
  clearRuntime();
  console.log("Stopped.");
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
process.on("SIGHUP", () => void shutdown(0));

main().catch(async (error: unknown) => {
  if (error instanceof StartupError) {
    console.error(`\nNettle could not start: ${error.message}`);
    if (error.hint) console.error(`\n${error.hint}`);
    if (error.logTail) console.error(`\nLast lines of its log:\n${error.logTail}`);
  } else {
    console.error("\nNettle could not start:", error);
  }
  await shutdown(1);
});
