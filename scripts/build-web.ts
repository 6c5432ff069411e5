// Compiles the web server (server/index.ts and what it imports from server/ and app/services)
// to build/web/index.js, so production runs it with plain `node`: loading TypeScript through
// tsx at run time costs the web process ~60 MB (a loader thread and its transforms).
// Part of `npm run build`; `npm start` runs it when it rebuilds the app.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const WEB_ENTRY = "build/web/index.js";

export async function buildWebServer() {
  await build({
    entryPoints: ["server/index.ts"],
    outfile: WEB_ENTRY,
    bundle: true,
    // Packages stay in node_modules; only our own modules are compiled in.
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    alias: { "~": "./app" },
    logLevel: "warning",
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildWebServer();
