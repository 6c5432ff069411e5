import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync, rmSync, mkdirSync } from "node:fs";
import path from "node:path";

// `npm start` records how to reach the services it started, so that other commands run
// meanwhile (`npm run reindex`, `npm run seed`) find them without any configuration.

export const dataDir = () => path.resolve(process.env.NETTLE_DATA_DIR ?? ".data");
const runtimeFile = () => path.join(dataDir(), "runtime.json");

interface Runtime {
  pid: number;
  DATABASE_URL?: string;
  MEILI_URL?: string;
  MEILI_MASTER_KEY?: string;
}

export function writeRuntime(runtime: Runtime) {
  mkdirSync(dataDir(), { recursive: true });
  writeFileSync(runtimeFile(), JSON.stringify(runtime), { mode: 0o600 });
}

export function clearRuntime() {
  rmSync(runtimeFile(), { force: true });
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Fills DATABASE_URL / MEILI_URL / MEILI_MASTER_KEY from a running `npm start` when they are
 * not set. Returns a sentence saying what it used, or why it could not.
 */
export function connectToRunningServices(): string | null {
  if (process.env.DATABASE_URL && process.env.MEILI_URL) return null;
  const file = runtimeFile();
  if (!existsSync(file)) {
    return "DATABASE_URL and MEILI_URL are not set and Nettle is not running. Start it with `npm start` in another terminal, or set both variables.";
  }
  let runtime: Runtime;
  try {
    runtime = JSON.parse(readFileSync(file, "utf8")) as Runtime;
  } catch {
    return `DATABASE_URL and MEILI_URL are not set and ${file} cannot be read. Start Nettle again with \`npm start\`, or set both variables.`;
  }
  if (!alive(runtime.pid)) {
    return "DATABASE_URL and MEILI_URL are not set and the last `npm start` has stopped. Start it again, or set both variables.";
  }
  for (const name of ["DATABASE_URL", "MEILI_URL", "MEILI_MASTER_KEY"] as const) {
    if (!process.env[name] && runtime[name]) process.env[name] = runtime[name];
  }
  return null;
}

/**
 * The password of this installation's demo accounts: made at random the first time and kept
 * in the data folder (readable by its owner only), so no two installations share one.
 */
export function demoPassword() {
  const file = path.join(dataDir(), "demo-password");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const password = randomBytes(12).toString("base64url");
  mkdirSync(dataDir(), { recursive: true });
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}
