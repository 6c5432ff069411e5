// Driver adapter for running Prisma's Wasm schema engine against PostgreSQL.
//
// The Wasm engine (see ./schema-engine.js) talks to the database only through a
// "migration-aware" driver adapter factory. @prisma/adapter-pg 7.10.1 is written for the
// query engine and has four bugs that only show up when the schema engine drives it. Each
// fix below is marked FIX 1..4. When upgrading @prisma/adapter-pg, re-check each one: if
// upstream has fixed it, the workaround can go (see docs/decisions/001-offline-prisma-schema-engine.md).

import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";

import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import pg from "pg";

// pg-connection-string is the parser pg itself uses for `connectionString`. It is pg's own
// dependency, not ours, so resolve it from pg's location rather than relying on hoisting.
const requireFromPg = createRequire(createRequire(import.meta.url).resolve("pg"));
/** @type {(url: string) => Record<string, unknown>} */
const parseConnectionString = requireFromPg("pg-connection-string").parse;

const PG_OID_CHAR = 18; // the one-byte internal "char" type (pg_class.relkind, pg_constraint.contype …)
const PG_OID_TEXT = 25;

// PostgreSQL refuses DROP DATABASE while any session is still connected. A backend can
// outlive its client's socket by a few milliseconds, so retry briefly on that error only.
const OBJECT_IN_USE = "55006";
const DROP_RETRIES = 20;
const DROP_RETRY_DELAY_MS = 100;

/**
 * Turns a postgres:// URL into discrete pg connection fields.
 *
 * Why not just `{ connectionString }`: in pg, `connectionString` wins over every discrete
 * field, so `{ connectionString, database: "other" }` silently connects to the URL's
 * database. Every connection here is built from discrete fields so an override is honoured.
 *
 * @param {string} url
 * @param {{ database?: string }} [overrides]
 * @returns {pg.PoolConfig & { schema?: string }}
 */
export function connectionFieldsFromUrl(url, overrides = {}) {
  // pg-connection-string resolves anything else against a dummy base URL and would "parse"
  // a typo into host "base"; reject it, without echoing the input (it may hold a password).
  if (!/^postgres(ql)?:\/\//i.test(url)) {
    throw new Error("Not a PostgreSQL connection URL: expected postgresql://USER:PASSWORD@HOST:PORT/DATABASE");
  }
  const parsed = parseConnectionString(url);
  // Query parameters land as keys too (e.g. `schema`, `connection_limit`); pg ignores the
  // ones it does not know, and `schema` is read back by the adapter factory below.
  const fields = /** @type {pg.PoolConfig & { schema?: string }} */ ({
    ...parsed,
    port: parsed.port ? Number(parsed.port) : undefined,
    database: typeof parsed.database === "string" && parsed.database !== "" ? parsed.database : undefined,
    ...overrides,
  });
  // Leave password undefined (not "") so pg falls back to PGPASSWORD / ~/.pgpass.
  if (fields.password === "") delete fields.password;
  if (fields.user === "") delete fields.user;
  // The native engine gives up on an unreachable server after ~5 s; pg would wait forever.
  fields.connectionTimeoutMillis ??= 10_000;
  return fields;
}

/**
 * host:port/database, with no credentials: safe to print in logs and error messages.
 * @param {string} url
 */
export function describeDatabase(url) {
  try {
    const f = connectionFieldsFromUrl(url);
    return `${f.host || "localhost"}:${f.port || 5432}/${f.database ?? f.user ?? "(default)"}`;
  } catch {
    return "(unparseable database URL)";
  }
}

/**
 * FIX 1: the engine's catalog queries read `"char"` columns (OID 18: pg_constraint.contype,
 * pg_class.relkind …). adapter-pg has no mapping for that type and fails the whole query
 * with "Column type 'char' could not be deserialized".
 *
 * Two halves, because adapter-pg decides column types inside queryRaw() from pg's field
 * list and offers no hook:
 * - a pg.Client subclass (handed to the pool through pg's documented `Client` option, so it
 *   covers pool queries and transaction connections alike) relabels those fields as text so
 *   adapter-pg accepts them, and notes which columns they were, keyed by the result's rows
 *   array (adapter-pg returns that same array from queryRaw);
 * - a queryRaw wrapper then reports those columns as Character. Text is not enough: the
 *   engine reads some of them as a char (e.g. contype of CHECK constraints, and of the NOT
 *   NULL constraints PostgreSQL 18 lists there) and panics on a text value.
 * pg already returns "char" values as one-character strings, which is what the engine
 * expects for Character.
 */
class CharAsTextClient extends pg.Client {
  /**
   * @param {any} config @param {any} [values] @param {any} [callback]
   * @returns {any} whatever pg.Client#query returns for these arguments
   */
  query(config, values, callback) {
    // Streams/cursors (objects with submit()) deliver rows themselves; leave them alone.
    if (config && typeof config.submit === "function") return super.query(config, values, callback);
    if (typeof values === "function") {
      callback = values;
      values = undefined;
    }
    if (typeof callback === "function") {
      // pg-pool's pool.query() always uses this callback form.
      return super.query(config, values, (/** @type {any} */ err, /** @type {any} */ res) =>
        callback(err, err ? res : relabelCharColumns(res)),
      );
    }
    return /** @type {Promise<any>} */ (super.query(config, values)).then(relabelCharColumns);
  }
}

/** Column indexes that were "char", by the rows array of the result they came in. */
const charColumnsByRows = new WeakMap();

/** @param {any} result a pg Result, or an array of them for multi-statement simple queries */
function relabelCharColumns(result) {
  for (const r of Array.isArray(result) ? result : [result]) {
    /** @type {number[]} */
    const charColumns = [];
    (r?.fields ?? []).forEach((/** @type {any} */ field, /** @type {number} */ index) => {
      if (field.dataTypeID !== PG_OID_CHAR) return;
      field.dataTypeID = PG_OID_TEXT;
      charColumns.push(index);
    });
    if (charColumns.length > 0 && r.rows) charColumnsByRows.set(r.rows, charColumns);
  }
  return result;
}

/**
 * The queryRaw half of FIX 1, on the adapter and on every transaction it starts.
 * @param {any} queryable a PrismaPgAdapter or one of its transactions
 */
function withCharacterColumns(queryable) {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (/** @type {any} */ query) => {
    const result = await queryRaw(query);
    for (const index of charColumnsByRows.get(result.rows) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  if (typeof queryable.startTransaction === "function") {
    const startTransaction = queryable.startTransaction.bind(queryable);
    queryable.startTransaction = async (/** @type {unknown[]} */ ...args) =>
      withCharacterColumns(await startTransaction(...args));
  }
  return queryable;
}

/**
 * FIX 4: adapter-pg's executeScript() splits the script on ";" and runs the pieces one by
 * one. That breaks `$$ … ; … $$` function bodies and string literals containing ";", and a
 * failing migration is left half-applied. The native engine sends the whole script as one
 * simple-protocol query, which PostgreSQL runs as one implicit transaction; do the same.
 *
 * executeRaw() with no arguments goes through pg's simple query protocol (pg only prepares
 * a statement when it has parameters), which accepts several statements, and it maps
 * errors to the engine's error kinds exactly as every other adapter call does.
 *
 * @param {any} adapter a PrismaPgAdapter from adapter-pg
 */
function withWholeScriptExecution(adapter) {
  adapter.executeScript = async (/** @type {string} */ script) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}

/** @param {pg.PoolConfig & { schema?: string }} fields */
function connectAdapter(fields) {
  const { schema, ...poolConfig } = fields;
  const factory = new PrismaPg({ ...poolConfig, Client: CharAsTextClient }, schema ? { schema } : undefined);
  return factory.connect().then((adapter) => withWholeScriptExecution(withCharacterColumns(adapter)));
}

/** @param {string} name */
function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Migration-aware adapter factory (the shape the Wasm engine expects before binding).
 */
class MigrationPgAdapterFactory {
  provider = /** @type {const} */ ("postgres");
  adapterName = "@prisma/adapter-pg";

  /** @param {{ url: string, shadowDatabaseUrl?: string | undefined }} datasource */
  constructor({ url, shadowDatabaseUrl }) {
    this.url = url;
    this.shadowDatabaseUrl = shadowDatabaseUrl;
  }

  connect() {
    return connectAdapter(connectionFieldsFromUrl(this.url));
  }

  async connectToShadowDb() {
    if (this.shadowDatabaseUrl) return this.#connectToConfiguredShadowDb(this.shadowDatabaseUrl);

    // Same scheme as the native engine: a throw-away database on the main server.
    const main = await this.connect();
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    try {
      await main.executeScript(`CREATE DATABASE ${quoteIdent(name)}`);
    } catch (error) {
      await main.dispose();
      throw error;
    }

    /** @type {any} */
    let shadow;
    try {
      // FIX 2: adapter-pg's own connectToShadowDb() spreads `database` over a config that
      // still holds `connectionString`, which wins, so its "shadow" is the MAIN database
      // and the engine would apply every migration to it. Build from discrete fields, and
      // check where we actually landed before handing the connection to the engine.
      shadow = await connectAdapter(connectionFieldsFromUrl(this.url, { database: name }));
      await assertConnectedTo(shadow, name);
    } catch (error) {
      await shadow?.dispose().catch(() => {});
      await dropDatabase(main, name).finally(() => main.dispose());
      throw error;
    }

    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      // FIX 3: adapter-pg drops the database before closing the shadow pool, so DROP fails
      // with "database is being accessed by other users", the command aborts and the shadow
      // database is left behind. Close the pool first, then drop.
      try {
        await dispose();
      } finally {
        await dropDatabase(main, name).finally(() => main.dispose());
      }
    };
    return shadow;
  }

  /**
   * A user-configured shadow database (SHADOW_DATABASE_URL) is reused, not created, so it
   * must be emptied first, and must never be the main database: resetting that would
   * destroy real data. The native engine applies the same two rules.
   *
   * @param {string} shadowUrl
   */
  async #connectToConfiguredShadowDb(shadowUrl) {
    const shadowFields = connectionFieldsFromUrl(shadowUrl);
    const mainFields = connectionFieldsFromUrl(this.url);
    const sameServer =
      (shadowFields.host || "localhost") === (mainFields.host || "localhost") &&
      (shadowFields.port || 5432) === (mainFields.port || 5432);
    if (sameServer && shadowFields.database === mainFields.database) {
      throw new Error(
        `The shadow database URL points at the main database (${describeDatabase(this.url)}). ` +
          "Set SHADOW_DATABASE_URL to a separate, disposable database.",
      );
    }
    const shadow = await connectAdapter(shadowFields);
    try {
      const schema = shadowFields.schema ?? "public";
      await shadow.executeScript(
        `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE; CREATE SCHEMA ${quoteIdent(schema)};`,
      );
    } catch (error) {
      await shadow.dispose();
      throw error;
    }
    return shadow;
  }
}

/**
 * @param {any} adapter
 * @param {string} expected
 */
async function assertConnectedTo(adapter, expected) {
  const result = await adapter.queryRaw({ sql: "SELECT current_database()", args: [], argTypes: [] });
  const actual = result.rows[0]?.[0];
  if (actual !== expected) {
    throw new Error(`Shadow database connection reached "${actual}" instead of "${expected}"; refusing to continue.`);
  }
}

/**
 * @param {any} main adapter connected to the main database
 * @param {string} name
 */
async function dropDatabase(main, name) {
  for (let attempt = 1; ; attempt++) {
    try {
      await main.executeScript(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
      return;
    } catch (error) {
      const code = /** @type {any} */ (error)?.cause?.originalCode;
      if (code !== OBJECT_IN_USE || attempt >= DROP_RETRIES) throw error;
      await sleep(DROP_RETRY_DELAY_MS);
    }
  }
}

/**
 * The factory to hand to `SchemaEngine.new()`, and a way to close every pool it opened.
 *
 * The factory must be wrapped with bindMigrationAwareSqlAdapterFactory: the engine reads
 * results through the wrapper's Result objects and error registry (unwrapped it fails with
 * "Cannot read properties of null"). `close()` exists because freeing the Wasm engine does
 * not reliably dispose the adapters it holds, and an open pg pool keeps a process alive.
 *
 * @param {{ url: string, shadowDatabaseUrl?: string | undefined }} datasource
 * @returns {{ factory: unknown, close: () => Promise<void> }}
 */
export function createMigrationAdapterFactory(datasource) {
  const raw = new MigrationPgAdapterFactory(datasource);
  /** @type {Set<any>} */
  const open = new Set();
  /** @param {() => Promise<any>} connect */
  const tracked = (connect) => async () => {
    const adapter = await connect();
    const dispose = adapter.dispose.bind(adapter);
    let disposed = false;
    adapter.dispose = async () => {
      if (disposed) return; // the engine and close() may both dispose; pg throws on a second end()
      disposed = true;
      open.delete(adapter);
      await dispose();
    };
    open.add(adapter);
    return adapter;
  };
  const factory = {
    provider: raw.provider,
    adapterName: raw.adapterName,
    connect: tracked(() => raw.connect()),
    connectToShadowDb: tracked(() => raw.connectToShadowDb()),
  };
  return {
    factory: bindMigrationAwareSqlAdapterFactory(factory),
    close: async () => {
      await Promise.allSettled([...open].map((adapter) => adapter.dispose()));
    },
  };
}
