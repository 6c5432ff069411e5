import { randomBytes } from "node:crypto";
import { mkdirSync, unlinkSync, writeFileSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import getPort from "get-port";
import pg from "pg";
import { StartupError } from "./errors";

const PROBE_TIMEOUT_MS = 3_000;

// ---------------------------------------------------------------------------------------
// Probes of servers the user points Nettle at (DATABASE_URL, MEILI_URL). Their messages
// name the host and port but never the password or key: they end up in terminals and CI logs.
// ---------------------------------------------------------------------------------------

/** Connects to PostgreSQL and runs `SELECT 1`; throws a StartupError saying what failed. */
export async function checkDatabaseReachable(
  url: string,
  options: { envVarName?: string; timeoutMs?: number; allowMissingDatabase?: boolean } = {},
): Promise<"ok" | "missing-database"> {
  const envVarName = options.envVarName ?? "DATABASE_URL";
  const parsed = parseUrl(url, envVarName, "postgresql://user:password@localhost:5432/nettle");
  const where = `${parsed.hostname || "localhost"}:${parsed.port || "5432"}`;
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: options.timeoutMs ?? PROBE_TIMEOUT_MS,
  });
  // A failed connection can also emit "error"; without a listener that would crash the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return "ok";
  } catch (error) {
    // The server answered and only the database is missing: migrations will create it.
    if (options.allowMissingDatabase && errorCode(error) === "3D000") return "missing-database";
    const { reason, hint } = describePostgresFailure(error, envVarName);
    throw new StartupError(
      `Could not reach the PostgreSQL server at ${where} given by ${envVarName}: ${redact(reason, secretsOf(parsed))}.`,
      { hint },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

function describePostgresFailure(error: unknown, envVarName: string): { reason: string; hint: string } {
  const code = errorCode(error);
  const unreachableHint = `Check that PostgreSQL is running there and that ${envVarName} is right, or unset ${envVarName} so that Nettle starts its own PostgreSQL.`;
  const credentialsHint = `Check the user name, password and database name in ${envVarName}.`;
  switch (code) {
    case "ECONNREFUSED":
      return { reason: "connection refused (nothing is listening on that port)", hint: unreachableHint };
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return { reason: "the host name could not be resolved", hint: unreachableHint };
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return {
        reason: "no answer (the host is unreachable or a firewall drops the connection)",
        hint: unreachableHint,
      };
    case "28P01":
      return { reason: "the password was rejected", hint: credentialsHint };
    case "28000":
      return { reason: "the server does not allow this user or client address (pg_hba.conf)", hint: credentialsHint };
    case "3D000":
      return {
        reason: "the database does not exist",
        hint: `${credentialsHint} Create the database first if it is new.`,
      };
  }
  const message = error instanceof Error ? error.message : String(error);
  // pg reports its own connect timeout only as a message.
  if (/timeout/i.test(message)) {
    return { reason: "no answer within the time limit", hint: unreachableHint };
  }
  return { reason: message, hint: unreachableHint };
}

/**
 * Asks Meilisearch's /health (no key needed), then /version with the key, so that a wrong
 * key is reported at start and not on the first search.
 */
export async function checkMeilisearchReachable(
  url: string,
  apiKey: string | undefined,
  options: { urlEnvVarName?: string; keyEnvVarName?: string; timeoutMs?: number } = {},
): Promise<void> {
  const urlVar = options.urlEnvVarName ?? "MEILI_URL";
  const keyVar = options.keyEnvVarName ?? "MEILI_MASTER_KEY";
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  const parsed = parseUrl(url, urlVar, "http://127.0.0.1:7700");
  const secrets = [...secretsOf(parsed), ...(apiKey ? [apiKey] : [])];
  const base = url.replace(/\/+$/, "");
  const fail = (reason: string, hint: string): StartupError =>
    new StartupError(
      `Could not use the Meilisearch server at ${parsed.host} given by ${urlVar}: ${redact(reason, secrets)}.`,
      {
        hint,
      },
    );
  const unreachableHint = `Check that Meilisearch is running there and that ${urlVar} is right, or unset ${urlVar} so that Nettle starts its own Meilisearch.`;

  const health = await fetchForProbe(`${base}/health`, undefined, timeoutMs).catch((error: unknown) => {
    throw fail(describeFetchFailure(error), unreachableHint);
  });
  const body = (await health.json().catch(() => undefined)) as { status?: unknown } | undefined;
  if (!health.ok || body?.status !== "available") {
    throw fail(`/health answered HTTP ${health.status} (is this really Meilisearch?)`, unreachableHint);
  }

  const version = await fetchForProbe(`${base}/version`, apiKey, timeoutMs).catch((error: unknown) => {
    throw fail(describeFetchFailure(error), unreachableHint);
  });
  if (version.status === 401 || version.status === 403) {
    const reason = apiKey
      ? `the key in ${keyVar} was rejected (HTTP ${version.status})`
      : `the server needs an API key and ${keyVar} is not set`;
    throw fail(reason, `Set ${keyVar} to the server's master key or an admin API key.`);
  }
  if (!version.ok) throw fail(`/version answered HTTP ${version.status}`, unreachableHint);
}

function fetchForProbe(url: string, apiKey: string | undefined, timeoutMs: number): Promise<Response> {
  // identity: Node's fetch otherwise asks for brotli, which Meilisearch streams slowly.
  const headers: Record<string, string> = { "accept-encoding": "identity" };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  return fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
}

function describeFetchFailure(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return "no answer within the time limit";
  }
  // fetch wraps the socket error ("fetch failed") and keeps the useful part in `cause`.
  const cause = error instanceof Error ? error.cause : undefined;
  switch (errorCode(cause)) {
    case "ECONNREFUSED":
      return "connection refused (nothing is listening on that port)";
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "the host name could not be resolved";
    case "ECONNRESET":
      return "the connection was reset (is it an HTTPS server, or not Meilisearch?)";
  }
  return cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
}

function parseUrl(url: string, envVarName: string, example: string): URL {
  try {
    return new URL(url);
  } catch {
    // Never echo the value: it may hold a password.
    throw new StartupError(`${envVarName} is not a valid URL.`, { hint: `It should look like ${example}.` });
  }
}

function secretsOf(url: URL): string[] {
  if (!url.password) return [];
  return [url.password, safeDecode(url.password)];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function redact(text: string, secrets: string[]): string {
  return secrets
    .filter((secret) => secret.length > 0)
    .reduce((result, secret) => result.split(secret).join("***"), text);
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("code" in error)) return undefined;
  const { code } = error as { code: unknown };
  return typeof code === "string" ? code : undefined;
}

// ---------------------------------------------------------------------------------------
// Folders
// ---------------------------------------------------------------------------------------

/**
 * Creates `dir` if needed and proves Nettle can write a file there, so that a bad data
 * folder is reported in one plain sentence instead of a server's crash log. Synchronous on
 * purpose: it runs once at start, and callers cannot forget to await it.
 */
export function assertDirectoryWritable(dir: string, envVarName: string): void {
  const probe = path.join(dir, `.nettle-write-test-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(probe, "", { flag: "wx" });
    unlinkSync(probe);
  } catch (error) {
    throw new StartupError(`Nettle cannot write to ${dir}: ${describeFsFailure(error)}.`, {
      hint: `Set ${envVarName} to a folder Nettle can write to (for example a folder in your home directory), or fix the permissions of ${dir}.`,
      cause: error,
    });
  }
}

function describeFsFailure(error: unknown): string {
  switch (errorCode(error)) {
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the file system is read-only";
    case "ENOTDIR":
    case "EEXIST":
      return "part of that path is a file, not a folder";
    case "ENOSPC":
      return "the disk is full";
    case "EDQUOT":
      return "the disk quota is used up";
  }
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------
// Shared by postgres.ts and meilisearch.ts: ports, small state files, leftover processes.
// ---------------------------------------------------------------------------------------

/** True when nothing listens on 127.0.0.1:port (the only address the embedded servers use). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * The configured port (and a clear error naming its variable when taken), else last run's
 * port so URLs stay stable between runs, else any free port.
 */
export async function choosePort(choice: {
  requested: number | undefined;
  lastPort: number | undefined;
  envVarName: string;
  service: string;
}): Promise<number> {
  const { requested, lastPort, envVarName, service } = choice;
  if (requested !== undefined) {
    if (await isPortFree(requested)) return requested;
    throw new StartupError(
      `Port ${requested} on 127.0.0.1, set by ${envVarName}, is already in use, so ${service} cannot start there.`,
      {
        hint: `Stop the program using port ${requested} (\`ss -ltnp 'sport = :${requested}'\` shows it), set ${envVarName} to another port, or unset ${envVarName} to let Nettle choose a free one.`,
      },
    );
  }
  if (lastPort !== undefined && (await isPortFree(lastPort))) return lastPort;
  return getPort({ host: "127.0.0.1" });
}

export async function readJsonFile(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = JSON.parse(await fs.readFile(file, "utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes via a temporary file and rename, so a crash never leaves half a JSON file. */
export async function writeJsonFile(file: string, value: unknown, mode = 0o644): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode });
  await fs.rename(temporary, file);
}

export function numberField(record: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = record?.[key];
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** What /proc says about a process; undefined when it is gone (a zombie counts as gone). */
export async function processInfo(pid: number): Promise<{ ppid: number; argv: string[] } | undefined> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may itself contain spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z" || fields[0] === "X") return undefined;
    const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, "utf8");
    return { ppid: Number(fields[1]), argv: cmdline.split("\0").filter((arg) => arg !== "") };
  } catch {
    return undefined;
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return errorCode(error) === "EPERM";
  }
}

/** Polls until the process is gone (or a zombie); true if it went within the time. */
export async function waitForProcessExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!isProcessAlive(pid) || (process.platform === "linux" && !(await processInfo(pid)))) return true;
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
}

/** Sends each signal in turn, waiting the given time for the process to exit after each. */
export async function terminateProcess(pid: number, steps: Array<[NodeJS.Signals, number]>): Promise<boolean> {
  for (const [signal, waitMs] of steps) {
    try {
      process.kill(pid, signal);
    } catch (error) {
      if (errorCode(error) === "ESRCH") return true; // already gone
      throw error;
    }
    if (await waitForProcessExit(pid, waitMs)) return true;
  }
  return false;
}

/** Keeps one previous log so a long-running install does not grow an endless file. */
export async function rotateLogIfLarge(file: string, maxBytes = 5 * 1024 * 1024): Promise<void> {
  const size = await fs.stat(file).then(
    (stat) => stat.size,
    () => 0,
  );
  if (size > maxBytes) await fs.rename(file, `${file}.1`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** True if `promise` settles within `ms`. Clears its timer, so it never holds Node open. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
