import path from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig } from "prisma/config";

import { connectToRunningServices } from "./server/runtime";

const root = path.dirname(fileURLToPath(import.meta.url));

// The CLI would otherwise download a native schema-engine binary from Prisma's servers,
// which locked-down networks cannot reach. This stand-in runs the engine Prisma ships as
// Wasm inside the CLI package (docs/decisions/001-offline-prisma-schema-engine.md).
// `??=` keeps an explicitly configured engine (e.g. a native binary) in charge.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(root, "prisma", "engine", "schema-engine.js");

// Like `npm run seed` and the other commands, `npx prisma migrate …` beside a running
// `npm start` uses its database (recorded in the data folder) when DATABASE_URL is not set.
// Without either, commands that need a database say the URL is missing; `generate` needs none.
if (!process.env.DATABASE_URL) connectToRunningServices();

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
