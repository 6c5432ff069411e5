// Brings a database up to date with prisma/migrations: what `prisma migrate deploy` does,
// run in-process by `npm start` and the test set-up.
//
// Why not spawn `prisma migrate deploy`: both run the same Wasm schema engine
// (prisma/engine/), with the same advisory lock and `_prisma_migrations` bookkeeping, but
// the CLI pays for its own start-up, TypeScript config loading and two or three engine
// processes every time: ~1.0–2.2 s on an up-to-date database against ~0.25–0.35 s here
// (numbers in docs/decisions/001-offline-prisma-schema-engine.md). The engine runs in a
// worker thread, which costs ~0.1 s of that, so that an engine panic cannot crash the app
// and the Wasm instance's memory is returned afterwards.

import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

import { connectionFieldsFromUrl, describeDatabase } from "../prisma/engine/adapter.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ENGINE_SCRIPT = new URL("../prisma/engine/schema-engine.js", import.meta.url);

export interface ApplyMigrationsOptions {
  /** Receives one human-readable line per step. Never given credentials. */
  log?: (line: string) => void;
  /** Defaults to prisma/migrations in this repository. */
  migrationsDir?: string;
  /** Defaults to prisma/schema.prisma in this repository. */
  schemaPath?: string;
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

/**
 * Applies every migration in prisma/migrations that the database has not recorded yet,
 * creating the database first if the server does not have it (as `migrate deploy` does).
 * Returns the names of the migrations applied by this call (empty when up to date).
 */
export async function applyMigrations(
  databaseUrl: string,
  opts: ApplyMigrationsOptions = {},
): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const migrationsDir = opts.migrationsDir ?? path.join(ROOT, "prisma", "migrations");
  const schemaPath = opts.schemaPath ?? path.join(ROOT, "prisma", "schema.prisma");
  const redact = redactor(databaseUrl);

  let where: string;
  try {
    connectionFieldsFromUrl(databaseUrl);
    where = describeDatabase(databaseUrl);
  } catch {
    throw new MigrationError(
      "The database URL could not be parsed. Check DATABASE_URL: it should look like " +
        "postgresql://USER:PASSWORD@HOST:5432/DATABASE (percent-encode special characters in the password).",
    );
  }

  const migrationsList = await readMigrations(migrationsDir);
  log(
    `Migrations: ${migrationsList.migrationDirectories.length} in ${path.relative(ROOT, migrationsDir) || "."}; database ${where}`,
  );

  const schemaFiles: Array<[string, string]> = [[schemaPath, await readFile(schemaPath, "utf8")]];
  const outcome = await runInWorker({ url: databaseUrl, schemaFiles, migrationsList });

  if (!outcome.ok && outcome.stage === "connect") {
    throw new MigrationError(
      `Could not connect to PostgreSQL to apply migrations (${where}):\n${redact(outcome.message)}\n\n` +
        "Check that PostgreSQL is running and reachable, and that DATABASE_URL has the right host, port, " +
        "user, password and database name (the user needs CREATEDB if the database does not exist yet).",
    );
  }
  if (!outcome.ok && outcome.isPanic) {
    throw new MigrationError(
      `Prisma's schema engine crashed while applying migrations to ${where}:\n${redact(outcome.message)}\n\n` +
        "This is a bug in the engine or a mismatch between the pinned Prisma packages, not a problem with the " +
        "migrations: check package.json against docs/decisions/001-offline-prisma-schema-engine.md.",
    );
  }
  if (!outcome.ok) {
    const { reason, migration } = summariseEngineError(outcome.message);
    const name = migration ?? "<name>";
    throw new MigrationError(
      `Applying migrations to ${where} failed${migration ? ` at ${migration}` : ""}:\n${redact(reason)}\n\n` +
        `Check prisma/migrations/${name}/migration.sql and the database's _prisma_migrations table. ` +
        "A failed migration is rolled back as a whole and recorded as failed. Fix its SQL (if it has not run " +
        `anywhere else) or the database, then run "npx prisma migrate resolve --rolled-back ${name}" ` +
        `(or --applied ${name} if you completed it by hand) and start again. See https://pris.ly/d/migrate-resolve`,
    );
  }

  if (outcome.createdDatabase) log(`Created database ${where}`);
  for (const name of outcome.applied) log(`Applied migration ${name}`);
  log(
    outcome.applied.length === 0 ? "Database schema is up to date" : `Applied ${outcome.applied.length} migration(s)`,
  );
  return { applied: outcome.applied };
}

type ApplyOutcome =
  | { ok: true; applied: string[]; createdDatabase: boolean }
  | { ok: false; stage: "connect" | "apply"; message: string; code: string | null; isPanic: boolean };

/**
 * Runs the engine in a worker thread (see runApplyMigrationsTask in
 * prisma/engine/schema-engine.js): an engine panic can surface as an uncaught exception,
 * which must not crash the app, and the Wasm instance's memory is returned when the worker
 * ends. Starting the worker costs ~0.1 s.
 */
function runInWorker(task: { url: string; schemaFiles: Array<[string, string]>; migrationsList: unknown }) {
  return new Promise<ApplyOutcome>((resolve, reject) => {
    let outcome: ApplyOutcome | undefined;
    const worker = new Worker(ENGINE_SCRIPT, { workerData: { nettleTask: "applyMigrations", ...task } });
    worker.once("message", (message: ApplyOutcome) => {
      outcome = message;
    });
    worker.once("error", (error) => {
      outcome ??= { ok: false, stage: "apply", message: messageOf(error), code: null, isPanic: true };
    });
    // Resolve on exit rather than on the message, so the database connections are closed
    // before the caller goes on (and can, say, drop the database).
    worker.once("exit", (code) => {
      if (outcome) resolve(outcome);
      else reject(new MigrationError(`The migration worker stopped (exit code ${code}) without a result.`));
    });
  });
}

/**
 * The migrations list in the shape the engine expects, read exactly as the Prisma CLI reads
 * it: one folder per migration, sorted by name, with migration.sql (the engine records the
 * sha256 of its content as the checksum) and the optional migration_lock.toml.
 */
async function readMigrations(baseDir: string) {
  const lockfile = {
    path: "migration_lock.toml",
    content: await readFile(path.join(baseDir, "migration_lock.toml"), "utf8").catch(() => null),
  };
  let entries;
  try {
    entries = await readdir(baseDir, { withFileTypes: true });
  } catch (error) {
    throw new MigrationError(
      `Could not read the migrations folder ${baseDir}: ${messageOf(error)}. ` +
        "Check that prisma/migrations exists (it is committed with the code).",
      { cause: error },
    );
  }
  const migrationDirectories = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory())
      .map(async (entry) => ({
        path: entry.name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(baseDir, entry.name, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (error: unknown) => ({ tag: "error" as const, value: messageOf(error) }),
          ),
        },
      })),
  );
  migrationDirectories.sort((a, b) => a.path.localeCompare(b.path));
  return { baseDir, lockfile, shadowDbInitScript: "", migrationDirectories };
}

/**
 * Engine errors end with a span trace ("   0: sql_schema_connector::… with
 * migration_name=…") meant for Prisma's developers; keep the reason and the migration name.
 */
function summariseEngineError(message: string): { reason: string; migration: string | undefined } {
  const migration = /migration_name="([^"]+)"/.exec(message)?.[1];
  const reason = message
    .split(/\n\s+0: /)[0]!
    .replace(/^external connector error\n/, "")
    .trim();
  return { reason, migration };
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).trim();
}

/**
 * Engine and driver messages name the host and user but not the password; this is the
 * belt to those braces, in case a message ever echoes the URL back.
 */
function redactor(databaseUrl: string): (text: string) => string {
  let password = "";
  try {
    password = String(connectionFieldsFromUrl(databaseUrl).password ?? "");
  } catch {
    // An unparseable URL is reported without being echoed anyway.
  }
  const secrets = [databaseUrl, password, encodeURIComponent(password)].filter((s) => s.length >= 3);
  return (text) => secrets.reduce((out, secret) => out.split(secret).join("***"), text);
}
