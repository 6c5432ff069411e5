// CI gate: the committed migrations must apply cleanly to an empty database and must
// produce exactly the schema in prisma/schema.prisma.
//
//   DATABASE_URL=postgresql://user:pass@host:5432/anything npx tsx scripts/check-migrations.ts [--schema <file>]
//
// DATABASE_URL only locates a PostgreSQL server (the user needs CREATEDB): the check runs in
// a scratch database it creates and drops, so the database named in the URL is not touched.
// Every step goes through the real Prisma CLI with the offline schema engine, which makes
// this also the smoke test for prisma/engine/ after a Prisma upgrade.

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { connectionFieldsFromUrl, describeDatabase } from "../prisma/engine/adapter.js";
import { createDatabase, dropDatabase } from "../prisma/engine/schema-engine.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PRISMA_CLI = path.join(ROOT, "node_modules", "prisma", "build", "index.js");
const CLI_TIMEOUT_MS = 180_000;

export interface CheckMigrationsOptions {
  /** Schema the migrations must match. Defaults to prisma/schema.prisma. */
  schemaPath?: string;
  /** Progress lines (one per step) and failure details. Defaults to stdout. */
  log?: (line: string) => void;
}

export interface CheckMigrationsResult {
  ok: boolean;
  /** The step that failed, if any. */
  failedStep?: "create" | "deploy" | "status" | "diff";
  /** SQL that would bring the migrations in line with the schema, when they have drifted. */
  driftSql?: string;
  /** Name of the scratch database that was used (and dropped). */
  scratchDatabase: string;
}

/**
 * Runs the gate against a scratch database on the server `serverUrl` points at.
 * Resolves with ok: false (never throws) for drift or a failing Prisma command, so callers
 * can report; throws only when the scratch database cannot be created or dropped.
 */
export async function checkMigrations(
  serverUrl: string,
  opts: CheckMigrationsOptions = {},
): Promise<CheckMigrationsResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const schemaPath = path.resolve(opts.schemaPath ?? path.join(ROOT, "prisma", "schema.prisma"));
  const scratchDatabase = `nettle_migration_check_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const scratchUrl = withDatabase(serverUrl, scratchDatabase);
  const redact = redactor(serverUrl);
  const prisma = (args: string[]) => runPrisma(args, scratchUrl, redact);

  log(`[1/5] Creating scratch database ${describeDatabase(scratchUrl)}`);
  await createDatabase(scratchUrl);
  const result: CheckMigrationsResult = { ok: false, scratchDatabase };
  try {
    log("[2/5] prisma migrate deploy: applying prisma/migrations to the empty database");
    const deploy = await prisma(["migrate", "deploy"]);
    if (deploy.code !== 0) {
      log(`prisma migrate deploy failed (exit ${deploy.code}):\n${deploy.output}`);
      log(
        "A committed migration does not apply to an empty database. Fix its migration.sql (if it has not been deployed anywhere) and run this check again.",
      );
      return { ...result, failedStep: "deploy" };
    }

    log("[3/5] prisma migrate status: checking the migration history");
    const status = await prisma(["migrate", "status"]);
    if (status.code !== 0) {
      log(`prisma migrate status failed (exit ${status.code}):\n${status.output}`);
      return { ...result, failedStep: "status" };
    }

    log(`[4/5] prisma migrate diff: comparing prisma/migrations with ${path.relative(ROOT, schemaPath) || schemaPath}`);
    // --script so a drift is reported as the SQL that would fix it; --exit-code: 0 = no
    // difference, 2 = difference, anything else = the command itself failed.
    const diff = await prisma([
      "migrate",
      "diff",
      "--from-migrations",
      path.join(ROOT, "prisma", "migrations"),
      "--to-schema",
      schemaPath,
      "--script",
      "--exit-code",
    ]);
    if (diff.code === 2) {
      const driftSql = diff.stdout.trim();
      log(
        `The migrations do not match the schema. This SQL is the difference:\n\n${driftSql}\n\n` +
          "Create a migration for it: against a development database run\n" +
          "  npx prisma migrate dev --name <describe-the-change>\n" +
          "or, non-interactively,\n" +
          "  npx prisma migrate diff --from-migrations prisma/migrations --to-schema prisma/schema.prisma --script --output /tmp/migration.sql\n" +
          "then move /tmp/migration.sql to prisma/migrations/<UTC yyyymmddhhmmss>_<name>/migration.sql and commit it.",
      );
      return { ...result, failedStep: "diff", driftSql };
    }
    if (diff.code !== 0) {
      log(`prisma migrate diff failed (exit ${diff.code}):\n${diff.output}`);
      return { ...result, failedStep: "diff" };
    }
    return { ...result, ok: true };
  } finally {
    log(`[5/5] Dropping scratch database ${scratchDatabase}`);
    await dropDatabase(scratchUrl);
  }
}

interface PrismaRun {
  code: number | null;
  stdout: string;
  /** stdout and stderr interleaved, redacted: for error reports. */
  output: string;
}

function runPrisma(args: string[], databaseUrl: string, redact: (text: string) => string): Promise<PrismaRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PRISMA_CLI, ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        // No update check or telemetry: the gate has to work without internet access.
        CHECKPOINT_DISABLE: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        NO_COLOR: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: CLI_TIMEOUT_MS,
    });
    let stdout = "";
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const note = signal
        ? `\n(prisma was stopped by ${signal}${signal === "SIGTERM" ? `, after ${CLI_TIMEOUT_MS / 1000} s` : ""})`
        : "";
      resolve({ code, stdout: redact(stdout), output: redact(output + note).trim() });
    });
  });
}

/** The same server and credentials with another database name. */
function withDatabase(serverUrl: string, database: string): string {
  connectionFieldsFromUrl(serverUrl); // rejects non-PostgreSQL URLs without echoing them
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function redactor(databaseUrl: string): (text: string) => string {
  const password = String(connectionFieldsFromUrl(databaseUrl).password ?? "");
  const secrets = [password, encodeURIComponent(password)].filter((s) => s.length >= 3);
  return (text) => secrets.reduce((out, secret) => out.split(secret).join("***"), text);
}

async function main(): Promise<number> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    console.error(
      "DATABASE_URL is not set. Point it at any PostgreSQL server (a user with CREATEDB); a scratch database is created there and dropped.",
    );
    return 1;
  }
  try {
    // --schema <path>: check against another schema file (used to try the gate on a draft).
    const schemaFlag = process.argv.indexOf("--schema");
    const schemaPath = schemaFlag > 0 ? process.argv[schemaFlag + 1] : undefined;
    const result = await checkMigrations(serverUrl, { schemaPath });
    console.log(
      result.ok
        ? "Migrations check passed: migrations apply cleanly and match the schema."
        : "Migrations check FAILED.",
    );
    return result.ok ? 0 : 1;
  } catch (error) {
    console.error(`Migrations check could not run: ${error instanceof Error ? error.message : String(error)}`);
    console.error(
      "Check that DATABASE_URL points at a running PostgreSQL server and that its user may CREATE DATABASE.",
    );
    return 1;
  }
}

const invokedDirectly = (() => {
  try {
    return realpathSync(process.argv[1] ?? "") === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (invokedDirectly) process.exitCode = await main();
