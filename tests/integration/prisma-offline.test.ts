// Offline Prisma migrations: the real Prisma CLI driven through prisma/engine/schema-engine.js,
// server/migrate.ts (in-process), and the CI drift gate (scripts/check-migrations.ts).
//
// Needs NETTLE_TEST_PG_ADMIN_URL: a superuser URL of a running PostgreSQL server's `postgres`
// database (tests/support/global-setup.ts provides it). Every test works in databases it
// creates under unique names and drops afterwards.

import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir, copyFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { checkMigrations } from "../../scripts/check-migrations";
import { applyMigrations, MigrationError } from "../../server/migrate";
import { writeRuntime } from "../../server/runtime";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const MIGRATIONS_DIR = path.join(ROOT, "prisma", "migrations");
const PRISMA_CLI = path.join(ROOT, "node_modules", "prisma", "build", "index.js");
const SLOW = 180_000; // each Prisma CLI call starts a Node process and the Wasm engine

const execFileAsync = promisify(execFile);

let adminUrl: string;
const created: string[] = [];

function urlFor(database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>, database = "postgres"): Promise<T> {
  const client = new pg.Client({ connectionString: urlFor(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A unique database name, remembered for clean-up; `create` also creates it. */
async function scratchDatabase(label: string, { create }: { create: boolean }): Promise<string> {
  const name = `nettle_t_prisma_${label}_${randomBytes(4).toString("hex")}`;
  created.push(name);
  if (create) await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
  return name;
}

async function databasesLike(pattern: string): Promise<string[]> {
  const { rows } = await withAdmin((c) =>
    c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [pattern]),
  );
  return rows.map((r) => r.datname);
}

async function publicTables(database: string): Promise<string[]> {
  const { rows } = await withAdmin(
    (c) =>
      c.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
      ),
    database,
  );
  return rows.map((r) => r.table_name);
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

async function migrationRows(database: string): Promise<MigrationRow[]> {
  const { rows } = await withAdmin(
    (c) =>
      c.query<MigrationRow>(
        "SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name",
      ),
    database,
  );
  return rows;
}

/** What Prisma must record for each committed migration: its name and sha256(migration.sql). */
async function committedMigrations(dir = MIGRATIONS_DIR): Promise<Array<{ name: string; checksum: string }>> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory());
  const migrations = await Promise.all(
    entries.map(async (e) => ({
      name: e.name,
      checksum: createHash("sha256")
        .update(await readFile(path.join(dir, e.name, "migration.sql")))
        .digest("hex"),
    })),
  );
  return migrations.sort((a, b) => a.name.localeCompare(b.name));
}

function runPrisma(args: string[], databaseUrl: string) {
  return execFileAsync(process.execPath, [PRISMA_CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1", NO_COLOR: "1" },
    timeout: SLOW,
  });
}

// The tables of the current models; later migrations may add more.
const NETTLE_TABLES = ["organisations", "search_outbox", "skills", "worker_heartbeats"];

beforeAll(() => {
  const url = process.env.NETTLE_TEST_PG_ADMIN_URL;
  if (!url) {
    throw new Error(
      "NETTLE_TEST_PG_ADMIN_URL is not set. tests/support/global-setup.ts starts PostgreSQL and sets it; " +
        "to run this file alone, point it at a superuser URL of a running server's `postgres` database.",
    );
  }
  adminUrl = url;
});

afterAll(async () => {
  if (!adminUrl) return;
  await withAdmin(async (c) => {
    for (const name of created) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
});

describe("prisma migrate deploy through the offline schema engine", () => {
  it(
    "creates the tables and records every migration with its sha256 checksum",
    async () => {
      const db = await scratchDatabase("deploy", { create: true });

      const { stdout } = await runPrisma(["migrate", "deploy"], urlFor(db));
      expect(stdout).toContain("All migrations have been successfully applied.");

      expect(await publicTables(db)).toEqual(expect.arrayContaining([...NETTLE_TABLES, "_prisma_migrations"]));
      const rows = await migrationRows(db);
      const expected = await committedMigrations();
      expect(expected.length).toBeGreaterThan(0);
      expect(rows.map((r) => ({ name: r.migration_name, checksum: r.checksum }))).toEqual(expected);
      for (const row of rows) {
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.rolled_back_at).toBeNull();
        expect(row.applied_steps_count).toBe(1);
      }

      // Up to date now: a second deploy applies nothing.
      const again = await runPrisma(["migrate", "deploy"], urlFor(db));
      expect(again.stdout).toContain("No pending migrations to apply.");
      const status = await runPrisma(["migrate", "status"], urlFor(db));
      expect(status.stdout).toContain("Database schema is up to date!");
    },
    SLOW,
  );
});

describe("prisma migrate diff through the offline schema engine", () => {
  it(
    'reads CHECK constraints ("char" catalog columns) without failing',
    async () => {
      // The engine reads pg_constraint.contype as a char: a CHECK constraint (and, on
      // PostgreSQL 18, every NOT NULL) is where a text-typed "char" column makes it panic.
      const db = await scratchDatabase("char", { create: true });
      const dir = await mkdtemp(path.join(os.tmpdir(), "nettle-check-constraint-"));
      try {
        await copyFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), path.join(dir, "migration_lock.toml"));
        await mkdir(path.join(dir, "20000101000000_check"));
        await writeFile(
          path.join(dir, "20000101000000_check", "migration.sql"),
          'CREATE TABLE "Probe" ("id" INTEGER NOT NULL, CONSTRAINT "Probe_pkey" PRIMARY KEY ("id"));\n' +
            'ALTER TABLE "Probe" ADD CONSTRAINT "probe_id_positive" CHECK ("id" > 0);\n',
        );
        const schema = path.join(dir, "schema.prisma");
        await writeFile(schema, 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Probe {\n  id Int @id\n}\n');

        const { stdout } = await runPrisma(
          ["migrate", "diff", "--from-migrations", dir, "--to-schema", schema, "--exit-code"],
          urlFor(db),
        );

        expect(stdout).toContain("No difference detected.");
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});

describe("the Prisma CLI beside a running `npm start`", () => {
  it(
    "finds the database from the data folder when DATABASE_URL is not set",
    async () => {
      const db = await scratchDatabase("beside", { create: false });
      await applyMigrations(urlFor(db));
      const dataDir = await mkdtemp(path.join(os.tmpdir(), "nettle-data-"));
      const { DATABASE_URL: _unset, ...env } = process.env;
      const previous = process.env.NETTLE_DATA_DIR;
      try {
        // What `npm start` records (scripts/start.ts); this test process stands in for it.
        process.env.NETTLE_DATA_DIR = dataDir;
        writeRuntime({ pid: process.pid, DATABASE_URL: urlFor(db) });

        const { stdout } = await execFileAsync(process.execPath, [PRISMA_CLI, "migrate", "status"], {
          cwd: ROOT,
          env: { ...env, NETTLE_DATA_DIR: dataDir, CHECKPOINT_DISABLE: "1", NO_COLOR: "1" },
          timeout: SLOW,
        });

        expect(stdout).toContain(`Datasource "db": PostgreSQL database "${db}"`);
        expect(stdout).toContain("Database schema is up to date!");
      } finally {
        if (previous === undefined) delete process.env.NETTLE_DATA_DIR;
        else process.env.NETTLE_DATA_DIR = previous;
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});

describe("applyMigrations (server/migrate.ts)", () => {
  it("creates a missing database, applies the migrations, then finds it up to date", async () => {
    const db = await scratchDatabase("apply", { create: false });
    const lines: string[] = [];

    const first = await applyMigrations(urlFor(db), { log: (line) => lines.push(line) });

    const expected = await committedMigrations();
    expect(first.applied).toEqual(expected.map((m) => m.name));
    expect(await publicTables(db)).toEqual(expect.arrayContaining(NETTLE_TABLES));
    expect((await migrationRows(db)).map((r) => r.checksum)).toEqual(expected.map((m) => m.checksum));
    expect(lines.some((l) => l.startsWith("Created database"))).toBe(true);

    expect(await applyMigrations(urlFor(db))).toEqual({ applied: [] });
  });

  it("explains an unreachable server without printing the password", async () => {
    const password = "never-print-me-42";
    const url = `postgresql://nettle:${password}@127.0.0.1:1/nettle`;
    const lines: string[] = [];

    const error = await applyMigrations(url, { log: (l) => lines.push(l) }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    const message = (error as Error).message;
    expect(message).toContain("Can't reach database server at `127.0.0.1:1`");
    expect(message).toContain("Check that PostgreSQL is running");
    expect(message).toContain("DATABASE_URL");
    expect(`${message}\n${lines.join("\n")}`).not.toContain(password);
  });

  it("explains wrong credentials without printing the password", async () => {
    const password = "wrong-password-42";
    const admin = new URL(adminUrl);
    admin.password = password;
    admin.pathname = "/postgres";

    const error = await applyMigrations(admin.toString()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    // trust authentication (no password check) lets the connection in; only assert when refused
    if ((error as Error).message.includes("Authentication failed")) {
      expect((error as Error).message).toContain("password");
    }
    expect((error as Error).message).not.toContain(password);
  });

  it("rolls a failing migration back as a whole and names it", async () => {
    const db = await scratchDatabase("failing", { create: true });
    const dir = await mkdtemp(path.join(os.tmpdir(), "nettle-migrations-"));
    try {
      await copyFile(path.join(MIGRATIONS_DIR, "migration_lock.toml"), path.join(dir, "migration_lock.toml"));
      await mkdir(path.join(dir, "20000101000000_ok"));
      await writeFile(path.join(dir, "20000101000000_ok", "migration.sql"), "CREATE TABLE ok_table (id int);\n");
      await mkdir(path.join(dir, "20000101000001_broken"));
      // A `$$` body with semicolons inside: split on ";" (as adapter-pg does) this breaks.
      await writeFile(
        path.join(dir, "20000101000001_broken", "migration.sql"),
        "CREATE TABLE half_table (id int);\n" +
          "CREATE FUNCTION nettle_probe() RETURNS int AS $$ BEGIN PERFORM 1; RETURN 1; END; $$ LANGUAGE plpgsql;\n" +
          "INSERT INTO table_that_does_not_exist VALUES (1);\n",
      );

      const error = await applyMigrations(urlFor(db), { migrationsDir: dir }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toContain("20000101000001_broken");
      expect((error as Error).message).toContain("migrate resolve");
      // Nothing of the broken migration survived; the good one did.
      expect(await publicTables(db)).toEqual(["_prisma_migrations", "ok_table"]);
      const fn = await withAdmin((c) => c.query("SELECT 1 FROM pg_proc WHERE proname = 'nettle_probe'"), db);
      expect(fn.rowCount).toBe(0);
      const rows = await migrationRows(db);
      expect(rows.map((r) => [r.migration_name, r.finished_at !== null])).toEqual([
        ["20000101000000_ok", true],
        ["20000101000001_broken", false],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("drift gate (scripts/check-migrations.ts)", () => {
  it(
    "passes for the committed migrations and cleans up after itself",
    async () => {
      const lines: string[] = [];
      const shadowsBefore = await databasesLike("prisma_migrate_shadow_db_%");

      const result = await checkMigrations(adminUrl, { log: (l) => lines.push(l) });

      expect(result, lines.join("\n")).toMatchObject({ ok: true });
      expect(lines.filter((l) => /^\[\d\/5\]/.test(l))).toHaveLength(5);
      expect(await databasesLike(result.scratchDatabase)).toEqual([]);
      // `migrate diff --from-migrations` builds a shadow database; it must be dropped again.
      expect(await databasesLike("prisma_migrate_shadow_db_%")).toEqual(shadowsBefore);
    },
    SLOW,
  );

  it(
    "fails on a schema the migrations do not produce, and shows the missing SQL",
    async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), "nettle-drift-"));
      try {
        const drifted = path.join(dir, "schema.prisma");
        const schema = await readFile(path.join(ROOT, "prisma", "schema.prisma"), "utf8");
        await writeFile(drifted, `${schema}\nmodel DriftProbe {\n  id   Int    @id\n  note String\n}\n`);
        const lines: string[] = [];

        const result = await checkMigrations(adminUrl, { schemaPath: drifted, log: (l) => lines.push(l) });

        expect(result.ok).toBe(false);
        expect(result.failedStep).toBe("diff");
        expect(result.driftSql).toContain('CREATE TABLE "DriftProbe"');
        const output = lines.join("\n");
        expect(output).toContain('CREATE TABLE "DriftProbe"');
        expect(output).toContain("prisma migrate dev --name");
        expect(await databasesLike(result.scratchDatabase)).toEqual([]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
