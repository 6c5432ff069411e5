#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, so the unmodified Prisma CLI can run
// `migrate *` and `db *` without downloading anything.
//
// Why: the 7.x CLI fetches a native schema-engine binary from Prisma's binary host, which
// locked-down networks (package mirror only) cannot reach. The npm tarball of the CLI
// already ships the very same engine compiled to Wasm (build/schema_engine_bg.wasm); the
// CLI just never loads it. prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY at this
// script, which runs that Wasm engine and speaks the binary's protocol:
//
//   schema-engine --version
//   schema-engine --datasource '{"url":…}' cli can-connect-to-database|create-database|drop-database
//   schema-engine [--datamodels <path>]… [--datasource <json>]   → JSON-RPC 2.0, one message a line
//
// It depends on CLI↔engine internals, so prisma, @prisma/adapter-pg,
// @prisma/driver-adapter-utils and @prisma/schema-engine-wasm are pinned exactly in
// package.json. See docs/decisions/001-offline-prisma-schema-engine.md before upgrading.

import { readFile } from "node:fs/promises";
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, workerData } from "node:worker_threads";

import pg from "pg";

import { connectionFieldsFromUrl, createMigrationAdapterFactory } from "./adapter.js";

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------
// Loading the Wasm engine
// ---------------------------------------------------------------------------------------

/**
 * Instantiates the schema engine shipped inside the installed `prisma` package.
 *
 * The .wasm comes from the CLI's own tarball because it is the exact engine build that CLI
 * version was released with (its JSON-RPC shapes match). The JS glue comes from
 * @prisma/schema-engine-wasm, because the glue for that exact build is not published; the
 * pinned glue has the same imports/exports. Node 20 cannot `import` a .wasm module without
 * a flag, so it is instantiated by hand instead of importing the package's entry point.
 *
 * @returns {Promise<any>} the glue module, ready to use (`SchemaEngine`, `version`)
 */
export function loadWasmSchemaEngine() {
  // One instance per process. The glue module keeps the instance in a module-level
  // variable, so instantiating again would swap the Wasm memory under any engine still
  // open. The promise lives on globalThis because test runners may evaluate this file more
  // than once while sharing the (node_modules) glue module.
  wasmStore[WASM_KEY] ??= instantiateWasmSchemaEngine();
  return wasmStore[WASM_KEY];
}

const WASM_KEY = Symbol.for("nettle.prisma.schemaEngineWasm");
const wasmStore = /** @type {Record<symbol, Promise<any> | undefined>} */ (/** @type {unknown} */ (globalThis));

/**
 * A Rust panic aborts by trapping, which can leave the instance's memory half-updated, so
 * the next load must start from a fresh instance.
 */
function discardWasmInstance() {
  delete wasmStore[WASM_KEY];
}

async function instantiateWasmSchemaEngine() {
  // The engine's panic hook hands the panic message to this global before trapping; without
  // it the hook itself throws and the real message is lost. (@prisma/client installs its own
  // when loaded in the same process; keep that one.)
  /** @type {any} */ (globalThis).PRISMA_WASM_PANIC_REGISTRY ??= {
    message: "",
    /** @param {string} message */
    set_message(message) {
      this.message = message;
    },
  };
  const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const wasmPath = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "schema_engine_bg.wasm");
  const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
    "./schema_engine_bg.js": withUnrefTimers(glue),
  });
  glue.__wbg_set_wasm(instance.exports);
  /** @type {any} */ (instance.exports).__wbindgen_start();
  return glue;
}

/**
 * The engine's only timers are timeouts around database I/O (e.g. 10 s to acquire the
 * migration advisory lock), and it has no way to cancel them: the glue imports setTimeout
 * but not clearTimeout. A finished operation therefore leaves a live 10 s timer behind,
 * which would keep a process that used the engine in-process from exiting. While the I/O is
 * pending its socket keeps the process alive anyway, so unref'd timers lose nothing.
 *
 * @param {Record<string, any>} glue
 * @returns {WebAssembly.ModuleImports}
 */
function withUnrefTimers(glue) {
  /** @type {WebAssembly.ModuleImports} */
  const imports = { ...glue };
  for (const [name, fn] of Object.entries(glue)) {
    if (name.startsWith("__wbg_setTimeout_") && typeof fn === "function") {
      imports[name] = (/** @type {unknown[]} */ ...args) => {
        const timer = fn(...args);
        timer?.unref?.();
        return timer;
      };
    }
  }
  return imports;
}

/**
 * Opens a Wasm schema engine connected to `datasource.url`. The database must exist:
 * the engine connects while it is being constructed.
 *
 * @param {{
 *   datasource: { url: string, shadowDatabaseUrl?: string | undefined },
 *   schemaFiles?: Array<[string, string]>,
 *   onLog?: (jsonLine: string) => void,
 * }} options
 * @returns {Promise<{ engine: any, version: string, close: () => Promise<void> }>}
 */
export async function openSchemaEngine({ datasource, schemaFiles = [], onLog = () => {} }) {
  const glue = await loadWasmSchemaEngine();
  const adapters = createMigrationAdapterFactory(datasource);
  // The CLI passes no schema for `db execute` and `migrate diff`, but the Wasm engine panics
  // without one ("validate_multi_file() must be called with at least one file"). A bare
  // PostgreSQL datasource is what such commands mean anyway.
  const datamodels =
    schemaFiles.length > 0 ? schemaFiles : [["schema.prisma", 'datasource db {\n  provider = "postgresql"\n}\n']];
  let engine;
  try {
    engine = await glue.SchemaEngine.new({ datamodels }, (/** @type {string} */ line) => onLog(line), adapters.factory);
  } catch (error) {
    await adapters.close();
    throw error;
  }
  return {
    engine: withReadableExternalErrors(engine, /** @type {any} */ (adapters.factory).errorRegistry),
    version: glue.version(),
    close: async () => {
      try {
        engine.free();
      } catch {
        // After a panic the instance is unusable and free() can trap too; the pools below
        // are what must not leak.
      }
      await adapters.close();
    },
  };
}

/**
 * When adapter code throws a plain JS error (not a database error), the binding stores it
 * in the factory's error registry and the engine only reports "External error id#N". Put
 * the original message back, or users see a number instead of the reason.
 *
 * @param {any} engine
 * @param {{ consumeError(id: number): { error: unknown } | undefined }} registry
 */
function withReadableExternalErrors(engine, registry) {
  /** @param {unknown} error */
  const resolve = (error) => {
    if (error instanceof WebAssembly.RuntimeError) discardWasmInstance();
    if (!(error instanceof Error)) return error;
    error.message = error.message.replace(/External error id#(\d+)/g, (text, id) => {
      const original = registry.consumeError(Number(id))?.error;
      return original instanceof Error ? original.message : original === undefined ? text : String(original);
    });
    return error;
  };
  return new Proxy(engine, {
    get(target, property) {
      const value = target[property];
      if (typeof value !== "function") return value;
      return (/** @type {unknown[]} */ ...args) => {
        try {
          const result = value.apply(target, args);
          return result instanceof Promise ? result.catch((error) => Promise.reject(resolve(error))) : result;
        } catch (error) {
          throw resolve(error);
        }
      };
    },
  });
}

// ---------------------------------------------------------------------------------------
// Errors in the shape the CLI expects
// ---------------------------------------------------------------------------------------

// The Wasm engine reports user-facing errors as plain messages; the native one also sent a
// Prisma error code, which the CLI prints above the message. Recover the common ones from
// the message text so the output looks the same and the codes stay searchable.
/** @type {Array<[RegExp, string]>} */
const ERROR_CODES_BY_MESSAGE = [
  [/^Authentication failed/, "P1000"],
  [/^Can't reach database server/, "P1001"],
  [/^Database `.*` does not exist/, "P1003"],
  [/^Database `.*` already exists/, "P1009"],
  [/^User .* was denied access/, "P1010"],
  [/^The database schema is not empty/, "P3005"],
  [/failed to apply cleanly to the shadow database/, "P3006"],
  [/^migrate found failed migrations/, "P3009"],
  [/^A migration failed to apply/, "P3018"],
];

/**
 * @param {unknown} error
 * @returns {{ message: string, error_code: string | null, is_panic: boolean }}
 */
function describeEngineError(error) {
  let message = (error instanceof Error ? error.message : String(error)).trimEnd();
  const panicRegistry = /** @type {any} */ (globalThis).PRISMA_WASM_PANIC_REGISTRY;
  if (error instanceof WebAssembly.RuntimeError && panicRegistry?.message) {
    message = `${panicRegistry.message} (${message})`;
    panicRegistry.message = "";
  }
  // A Wasm trap is how a Rust panic surfaces; a TypeError/ReferenceError here means the JS
  // glue and the .wasm disagree (a version mismatch). Both are engine bugs, not user errors.
  const isPanic =
    error instanceof WebAssembly.RuntimeError || error instanceof TypeError || error instanceof ReferenceError;
  const code = error instanceof CliError ? error.code : ERROR_CODES_BY_MESSAGE.find(([p]) => p.test(message))?.[1];
  return { message, error_code: code ?? null, is_panic: isPanic };
}

/**
 * The native engine's JSON-RPC error: code 4466 with the details in `data`.
 * @param {unknown} error
 */
function toRpcError(error) {
  const { message, error_code, is_panic } = describeEngineError(error);
  return {
    code: 4466,
    // For panics the CLI prints this top-level message, not data.message, so carry the
    // panic there; otherwise keep the native engine's fixed text.
    message: is_panic ? message : "An error happened. Check the data field for details.",
    data: { message, error_code, meta: null, is_panic },
  };
}

// ---------------------------------------------------------------------------------------
// One-shot commands: `cli can-connect-to-database | create-database | drop-database`
// ---------------------------------------------------------------------------------------

// These need no schema engine, only a connection, so they use pg directly: quicker than
// loading the Wasm engine, and pg's error codes map cleanly onto Prisma's P1xxx codes.

export class CliError extends Error {
  /** @param {string} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/**
 * @param {any} error a pg or socket error
 * @param {pg.ClientConfig} fields
 */
function toCliError(error, fields) {
  const at = `${fields.host || "localhost"}:${fields.port || 5432}`;
  switch (error?.code) {
    case "3D000":
      return new CliError(
        "P1003",
        `Database \`${fields.database}\` does not exist on the database server at \`${at}\`.`,
      );
    case "42P04":
      return new CliError(
        "P1009",
        `Database \`${fields.database}\` already exists on the database server at \`${at}\``,
      );
    case "28P01":
    case "28000":
      return new CliError(
        "P1000",
        `Authentication failed against database server at \`${at}\`, the provided database credentials for \`${fields.user}\` are not valid.\n\n` +
          `Please make sure to provide valid database credentials for the database server at \`${at}\`.`,
      );
    case "42501":
      return new CliError("P1010", `User \`${fields.user}\` was denied access on the database \`${fields.database}\``);
    case "ECONNREFUSED":
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
      return new CliError(
        "P1001",
        `Can't reach database server at \`${at}\`\n\nPlease make sure your database server is running at \`${at}\`.`,
      );
    default:
      if (/timeout|timed out/i.test(error?.message ?? "")) {
        return new CliError(
          "P1001",
          `Can't reach database server at \`${at}\` (connection timed out)\n\nPlease make sure your database server is running at \`${at}\`.`,
        );
      }
      return new CliError("P1000", `${error?.message ?? error}`);
  }
}

/**
 * @param {pg.ClientConfig} fields
 * @returns {Promise<pg.Client>}
 */
async function connectClient(fields) {
  const client = new pg.Client(fields);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => {});
    throw toCliError(error, fields);
  }
}

/** @param {string} name */
const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

/**
 * CREATE/DROP DATABASE cannot run inside the target database, so they run from the server's
 * maintenance database, as the native engine does: `postgres`, or `template1` without it.
 *
 * @param {string} url
 * @param {(client: pg.Client, target: pg.ClientConfig) => Promise<void>} work
 */
async function withMaintenanceClient(url, work) {
  const target = connectionFieldsFromUrl(url);
  if (!target.database) throw new CliError("P1000", "The database URL does not name a database.");
  let client;
  try {
    client = await connectClient({ ...target, database: "postgres" });
  } catch (error) {
    if (!(error instanceof CliError) || error.code !== "P1003") throw error;
    client = await connectClient({ ...target, database: "template1" });
  }
  try {
    await work(client, target);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Connects and disconnects. Rejects with a CliError carrying Prisma's P1xxx code.
 * @param {string} url
 */
export async function canConnectToDatabase(url) {
  const client = await connectClient(connectionFieldsFromUrl(url));
  await client.end().catch(() => {});
}

/** @param {string} url */
export function createDatabase(url) {
  return withMaintenanceClient(url, async (client, target) => {
    await client.query(`CREATE DATABASE ${quoteIdent(/** @type {string} */ (target.database))}`).catch((error) => {
      throw toCliError(error, target);
    });
  });
}

/** @param {string} url */
export function dropDatabase(url) {
  return withMaintenanceClient(url, async (client, target) => {
    // A process that just disconnected can still have its backend shutting down for a few
    // milliseconds, and PostgreSQL refuses to drop a database with sessions: retry briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`DROP DATABASE ${quoteIdent(/** @type {string} */ (target.database))}`);
        return;
      } catch (error) {
        if (/** @type {any} */ (error)?.code !== "55006" || attempt >= 30) throw toCliError(error, target);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
}

/** @type {Record<string, (url: string) => Promise<void>>} */
const ONE_SHOT_COMMANDS = {
  "can-connect-to-database": canConnectToDatabase,
  "create-database": createDatabase,
  "drop-database": dropDatabase,
};

/**
 * Logs go to stderr as JSON lines, like the native engine's tracing output. The CLI skips
 * the first stderr line and parses every other one as JSON, looking for the ERROR entry
 * from target `schema_engine::logger` with `error_code` and `message`.
 *
 * @param {"INFO" | "ERROR"} level
 * @param {Record<string, unknown>} fields
 * @param {string} target
 */
function logJson(level, fields, target) {
  process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target })}\n`);
}

/**
 * @param {string} command
 * @param {{ url?: string } | undefined} datasource
 */
async function runOneShot(command, datasource) {
  logJson("INFO", { message: `Starting schema engine CLI (Wasm stand-in): ${command}` }, "schema_engine_cli");
  const run = ONE_SHOT_COMMANDS[command];
  try {
    if (!run) throw new CliError("P1000", `Unknown schema engine CLI command: ${command}`);
    if (!datasource?.url) throw new CliError("P1012", "No datasource URL was given (is DATABASE_URL set?).");
    await run(datasource.url);
    return 0;
  } catch (error) {
    const { code, message } = error instanceof CliError ? error : new CliError("P1000", String(error));
    logJson("ERROR", { message, error_code: code }, "schema_engine::logger");
    return 1;
  }
}

// ---------------------------------------------------------------------------------------
// JSON-RPC server (every other invocation)
// ---------------------------------------------------------------------------------------

// After a panic a pool can wait forever for a connection the dead engine never returns;
// clean-up gets this long, then the process exits anyway.
const PANIC_CLEANUP_MS = 5_000;

/**
 * @param {number} ms
 * @param {Promise<{ close: () => Promise<void> }> | undefined} opened
 */
function closeWithin(ms, opened) {
  if (!opened) return Promise.resolve();
  const closing = opened.then((o) => o.close()).catch(() => {});
  if (ms === Infinity) return closing;
  return Promise.race([closing, new Promise((resolve) => setTimeout(resolve, ms).unref())]);
}

/** The CLI's method names that the Wasm engine spells differently. */
const METHOD_ALIASES = /** @type {Record<string, string>} */ ({ getDatabaseVersion: "version" });

/**
 * @param {{ datamodelPaths: string[], datasource: { url?: string, shadowDatabaseUrl?: string } | undefined }} options
 */
async function serveJsonRpc({ datamodelPaths, datasource }) {
  /** @param {unknown} message */
  const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

  // Pending requests we made to the CLI (only `print`), by id.
  /** @type {Map<number, () => void>} */
  const awaitingCli = new Map();
  let nextOutgoingId = 1;
  /** @param {string} content */
  const printViaCli = (content) =>
    new Promise((resolve) => {
      const id = nextOutgoingId++;
      awaitingCli.set(id, () => resolve(undefined));
      send({ jsonrpc: "2.0", id, method: "print", params: { content } });
    });

  /** @type {Promise<Awaited<ReturnType<typeof openSchemaEngine>>> | undefined} */
  let opened;
  // Opened on the first request, not at start-up: `migrate dev`/`deploy` spawn this process
  // before they create a missing database, and the engine connects as it is constructed.
  const getEngine = async () => {
    opened ??= (async () => {
      if (!datasource?.url) {
        throw new Error("No datasource URL was given to the schema engine. Set DATABASE_URL (see prisma.config.ts).");
      }
      const schemaFiles = await Promise.all(
        datamodelPaths.map(async (p) => /** @type {[string, string]} */ ([p, await readFile(p, "utf8")])),
      );
      return openSchemaEngine({
        datasource: { url: datasource.url, shadowDatabaseUrl: datasource.shadowDatabaseUrl },
        schemaFiles,
        onLog: (line) => process.stderr.write(line.endsWith("\n") ? line : `${line}\n`),
      });
    })();
    return (await opened).engine;
  };

  /**
   * @param {string} method
   * @param {any} params
   */
  const call = async (method, params) => {
    switch (method) {
      case "createDatabase": {
        const url = params?.datasource?.url ?? datasource?.url;
        if (!url) throw new Error("createDatabase needs a connection string.");
        await createDatabase(url);
        return { databaseName: connectionFieldsFromUrl(url).database ?? "" };
      }
      case "getDatabaseDescription":
        throw new Error("getDatabaseDescription is not available in the Wasm schema engine.");
      case "debugPanic":
        throw new WebAssembly.RuntimeError("This is the debugPanic artificial panic");
    }

    const engine = await getEngine();
    if (method === "createMigration" || method === "evaluateDataLoss") {
      // These read the shadow database's schema from a cache that only
      // diagnoseMigrationHistory (with the shadow database opted in) fills; the native
      // engine computes it itself. Without this: "shadow DB must be provided through an
      // external factory".
      await engine.diagnoseMigrationHistory({
        migrationsList: params.migrationsList,
        optInToShadowDatabase: true,
        filters: params.filters,
      });
    }

    const engineMethod = METHOD_ALIASES[method] ?? method;
    if (typeof engine[engineMethod] !== "function") throw new Error(`Unknown schema engine method: ${method}`);
    const result = await engine[engineMethod](params);

    if (method === "diff" && typeof result?.stdout === "string") {
      // The native engine prints diffs by calling back into the CLI (`print`), and its
      // result carries no stdout; the CLI relies on that (e.g. for --output capture).
      await printViaCli(result.stdout);
      return { ...result, stdout: null };
    }
    return result ?? {};
  };

  // Requests run one at a time, in order, as with the native engine.
  let queue = Promise.resolve();
  let panicked = false;
  /** @type {any} */
  let inFlight;
  /** @param {any} request */
  const handle = (request) => {
    queue = queue.then(async () => {
      inFlight = request;
      try {
        send({ jsonrpc: "2.0", id: request.id, result: await call(request.method, request.params) });
      } catch (error) {
        const rpcError = toRpcError(error);
        if (rpcError.data.is_panic) panicked = true;
        send({ jsonrpc: "2.0", id: request.id, error: rpcError });
      } finally {
        inFlight = undefined;
      }
    });
  };

  // Some engine panics trap inside a callback the engine scheduled itself, so they surface
  // here instead of rejecting the request's promise. Answer the request (otherwise the CLI
  // waits forever, or exits 0 having printed nothing), close the pools, which also drops a
  // shadow database the engine was using, and exit like a panicked native engine.
  process.on("uncaughtException", (error) => {
    const rpcError = toRpcError(error);
    rpcError.data.is_panic = true;
    if (inFlight) send({ jsonrpc: "2.0", id: inFlight.id, error: rpcError });
    process.stderr.write(
      `${JSON.stringify({ level: "ERROR", fields: { message: rpcError.data.message }, target: "schema_engine_cli" })}\n`,
    );
    void closeWithin(PANIC_CLEANUP_MS, opened).finally(() => process.exit(101));
  });

  const shutDown = async (/** @type {number} */ exitCode) => {
    await queue;
    await closeWithin(panicked ? PANIC_CLEANUP_MS : Infinity, opened);
    process.exit(exitCode);
  };

  // The CLI ends stdin and then, on Linux, sends SIGTERM straight away: close the database
  // pools cleanly instead of dying with sockets open.
  process.once("SIGTERM", () => void shutDown(0));
  process.once("SIGINT", () => void shutDown(130));

  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (line.trim() === "") return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
      return;
    }
    if (typeof message.method === "string") {
      handle(message);
    } else if (awaitingCli.has(message.id)) {
      const resolve = awaitingCli.get(message.id);
      awaitingCli.delete(message.id);
      resolve?.();
    }
  });
  lines.on("close", () => {
    // Nobody is left to answer a print request; do not wait for one.
    for (const resolve of awaitingCli.values()) resolve();
    void shutDown(panicked ? 101 : 0);
  });
}

// ---------------------------------------------------------------------------------------
// Worker-thread task: applying migrations for server/migrate.ts
// ---------------------------------------------------------------------------------------

/**
 * @typedef {{ url: string, schemaFiles: Array<[string, string]>, migrationsList: unknown }} ApplyTask
 * @typedef {{ ok: true, applied: string[], createdDatabase: boolean }
 *   | { ok: false, stage: "connect" | "apply", message: string, code: string | null, isPanic: boolean }} ApplyOutcome
 */

/**
 * What `prisma migrate deploy` does, without the CLI: create the database if missing, then
 * apply the pending migrations. server/migrate.ts runs this in a worker thread so a panic
 * in the engine cannot take the app down with it and the ~25 MB Wasm instance is freed
 * afterwards; it posts exactly one ApplyOutcome.
 *
 * @param {ApplyTask} task
 * @param {(outcome: ApplyOutcome) => void} report
 */
async function runApplyMigrationsTask({ url, schemaFiles, migrationsList }, report) {
  /** @type {"connect" | "apply"} */
  let stage = "connect";
  /** @type {Promise<Awaited<ReturnType<typeof openSchemaEngine>>> | undefined} */
  let opened;
  /** @param {unknown} error */
  const fail = (error) => {
    const { message, error_code, is_panic } = describeEngineError(error);
    report({ ok: false, stage, message, code: error_code, isPanic: is_panic });
  };
  process.on("uncaughtException", (error) => {
    fail(error);
    void closeWithin(PANIC_CLEANUP_MS, opened).finally(() => process.exit(1));
  });

  const open = () => (opened = openSchemaEngine({ datasource: { url }, schemaFiles }));
  let createdDatabase = false;
  try {
    try {
      await open();
    } catch (error) {
      if (!/^Database `.*` does not exist/.test(describeEngineError(error).message)) throw error;
      opened = undefined;
      try {
        await createDatabase(url);
        createdDatabase = true;
      } catch (createError) {
        // Another process (a second test worker, a parallel start) may have just created it.
        if (!(createError instanceof CliError && createError.code === "P1009")) throw createError;
      }
      await open();
    }
    stage = "apply";
    const { engine } = await /** @type {Promise<any>} */ (opened);
    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList,
      filters: { externalTables: [], externalEnums: [] },
    });
    report({ ok: true, applied: appliedMigrationNames, createdDatabase });
  } catch (error) {
    fail(error);
  } finally {
    await closeWithin(Infinity, opened);
  }
}

// ---------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {string[]} */
  const datamodelPaths = [];
  /** @type {any} */
  let datasource;
  /** @type {string[]} */
  const positional = [];
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inlineValue = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = () => inlineValue ?? argv[++i] ?? "";
    switch (flag) {
      case "--version":
      case "-V":
        version = true;
        break;
      case "--datamodels":
      case "--datamodel":
      case "-d":
        datamodelPaths.push(value());
        break;
      case "--datasource":
        datasource = JSON.parse(value());
        break;
      case "--enabled-preview-features":
      case "--extension-types":
        // Accepted so the CLI's command line parses. Nettle uses no preview features or
        // Prisma extensions; the Wasm engine has no way to receive them here anyway.
        value();
        break;
      default:
        positional.push(arg);
    }
  }
  return { datamodelPaths, datasource, positional, version };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.version) {
    const glue = await loadWasmSchemaEngine();
    process.stdout.write(`schema-engine-cli ${glue.version()}\n`);
    return;
  }
  if (args.positional[0] === "cli") {
    process.exitCode = await runOneShot(args.positional[1] ?? "", args.datasource);
    return;
  }
  await serveJsonRpc(args);
}

// Run only when executed by the CLI, or started as a worker by server/migrate.ts; importing
// this file (scripts/check-migrations.ts) must not.
const isEntryPoint = (() => {
  try {
    return realpathSync(process.argv[1] ?? "") === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
})();

if (!isMainThread && workerData?.nettleTask === "applyMigrations") {
  void runApplyMigrationsTask(workerData, (outcome) => parentPort?.postMessage(outcome));
} else if (isEntryPoint) {
  main().catch((error) => {
    process.stderr.write(
      `${JSON.stringify({ level: "ERROR", fields: { message: String(error?.stack ?? error) }, target: "schema_engine_cli" })}\n`,
    );
    process.exit(1);
  });
}
