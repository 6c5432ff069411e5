import type { Server } from "node:http";
import { getEnv } from "~/services/env.server";
import { createApp } from "./app";

// The web process. `npm start` runs it (production build) beside the worker; it can also be
// run on its own, many times over, behind a load balancer (see README "Scaling out").

const env = getEnv();
const mode = process.argv.includes("--dev") ? "development" : "production";
const quiet = env.LOG_LEVEL === "warn" || env.LOG_LEVEL === "error";
const { app, close } = await createApp({ mode, log: quiet ? () => {} : undefined, trustProxy: env.TRUST_PROXY });

const server: Server = app.listen(env.PORT, env.HOST, () => {
  console.log(`[web] listening on http://${env.HOST === "0.0.0.0" ? "localhost" : env.HOST}:${env.PORT} (${mode})`);
});
server.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EADDRINUSE") {
    console.error(`[web] port ${env.PORT} is already in use. Stop what uses it or set PORT to another port.`);
  } else {
    console.error(`[web] could not listen: ${error.message}`);
  }
  process.exit(1);
});

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[web] ${signal} received, finishing requests`);
  // Stop taking new connections, let in-flight requests finish, drop idle keep-alives.
  server.close(() => {
    void close().finally(() => process.exit(0));
  });
  server.closeIdleConnections();
  setTimeout(() => {
    server.closeAllConnections();
    console.error("[web] requests did not finish within 10 s, exiting");
    process.exit(1);
  }, 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
// Started by `npm start`: if the supervisor vanishes (killed outright), stop too.
process.on("disconnect", () => shutdown("supervisor gone"));
process.on("SIGINT", () => shutdown("SIGINT"));
