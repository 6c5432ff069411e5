import path from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig } from "prisma/config";

const root = path.dirname(fileURLToPath(import.meta.url));

// The CLI would otherwise download a native schema-engine binary from Prisma's servers,
// which locked-down networks cannot reach. This stand-in runs the engine Prisma ships as
// Wasm inside the CLI package (docs/decisions/001-offline-prisma-schema-engine.md).
// `??=` keeps an explicitly configured engine (e.g. a native binary) in charge.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(root, "prisma", "engine", "schema-engine.js");

const databaseUrl = process.env.DATABASE_URL;
const shadowDatabaseUrl = process.env.SHADOW_DATABASE_URL;

export default defineConfig({
  schema: path.join(root, "prisma", "schema.prisma"),
  migrations: {
    path: path.join(root, "prisma", "migrations"),
  },
  // Read process.env directly rather than prisma's env(), which throws when the variable is
  // unset: `prisma generate` runs at postinstall, where there is no database to point at.
  // Commands that need a database report the missing URL themselves.
  datasource: {
    ...(databaseUrl ? { url: databaseUrl } : {}),
    ...(shadowDatabaseUrl ? { shadowDatabaseUrl } : {}),
  },
});
