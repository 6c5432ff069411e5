import crypto from "node:crypto";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type RequestHandler } from "express";
import helmet from "helmet";
import type { ViteDevServer } from "vite";

// The HTTP server around the Remix app: security headers, compression, request logging
// and static files. Routes, rules and data live in app/.

export interface AppOptions {
  mode: "production" | "development";
  /** Folder holding build/server and build/client (production only). */
  buildDir?: string;
  log?: (line: string) => void;
}

export async function createApp(options: AppOptions) {
  const production = options.mode === "production";
  const log = options.log ?? ((line: string) => console.log(line));
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", process.env.TRUST_PROXY === "true" ? true : "loopback");

  app.use((_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
    next();
  });
  // HSTS and upgrade-insecure-requests only make sense over HTTPS (directly or via a proxy
  // with TRUST_PROXY); on http://localhost they would break the page.
  const plainHeaders = securityHeaders(production, false);
  const tlsHeaders = securityHeaders(production, true);
  app.use((req, res, next) => (req.secure ? tlsHeaders : plainHeaders)(req, res, next));
  app.use(compression());
  app.use(requestLogger(log));
  app.use(sameOriginForms());

  let vite: ViteDevServer | undefined;
  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (production) {
    const buildDir = options.buildDir ?? path.resolve("build");
    // Vite's fingerprinted files never change, so they may be cached for a year; GOV.UK
    // Frontend's images and script keep their names across upgrades, so only for a day.
    app.use(
      "/assets",
      express.static(path.join(buildDir, "client/assets"), {
        setHeaders(res, file) {
          const fingerprinted = /-[A-Za-z0-9_-]{8}\.(js|css|woff2?|svg|png)$/.test(file);
          res.setHeader("Cache-Control", fingerprinted ? "public, max-age=31536000, immutable" : "public, max-age=86400");
        },
      }),
    );
    app.use(express.static(path.join(buildDir, "client"), { maxAge: "1h" }));
    build = (await import(path.join(buildDir, "server/index.js"))) as ServerBuild;
  } else {
    const { createServer } = await import("vite");
    vite = await createServer({ server: { middlewareMode: true }, appType: "custom" });
    app.use(vite.middlewares);
    const devServer = vite;
    build = () => devServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  }

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: options.mode,
      getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce as string, clientIp: req.ip ?? "unknown" }),
    }),
  );

  return { app, close: async () => vite?.close() };
}

function securityHeaders(production: boolean, tls: boolean): RequestHandler {
  const nonce = (_req: unknown, res: { locals: Record<string, unknown> }) => `'nonce-${String(res.locals.cspNonce)}'`;
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      // Vite's dev server injects styles and its HMR client inline; only production is strict.
      reportOnly: !production,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", nonce as never],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": production ? ["'self'"] : ["'self'", "ws:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        ...(production && tls ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    strictTransportSecurity: production && tls ? { maxAge: 63_072_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  });
}

/**
 * Refuses state-changing requests sent by another site's page (CSRF), on top of SameSite=Lax
 * cookies: a browser always names the page's origin on such requests. Clients that send
 * neither Origin nor Referer are not browsers acting for someone else, so they pass. Webhooks
 * prove themselves with a signature instead.
 */
function sameOriginForms(): RequestHandler {
  const safe = new Set(["GET", "HEAD", "OPTIONS"]);
  return (req, res, next) => {
    if (safe.has(req.method) || req.path.startsWith("/webhooks/")) return next();
    const expected = new Set([`${req.protocol}://${req.get("host")}`]);
    if (process.env.PUBLIC_URL) expected.add(new URL(process.env.PUBLIC_URL).origin);
    let origin = req.get("origin");
    if (!origin) {
      const referer = req.get("referer");
      origin = referer && URL.canParse(referer) ? new URL(referer).origin : undefined;
    }
    if (origin === undefined || expected.has(origin)) return next();
    res
      .status(403)
      .type("text/plain")
      .send("This request came from another website, so Nettle refused it. Go back to Nettle and try again.");
  };
}

/** One line a request: method, path (no query string: it may carry tokens), status, time. */
function requestLogger(log: (line: string) => void): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // originalUrl: mounted middleware (static files) rewrites req.url; the query is dropped.
    const pathname = req.originalUrl.split("?")[0] ?? "/";
    res.on("finish", () => {
      if (/^\/(assets|@|node_modules|app\/)/.test(pathname) || res.statusCode === 304) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(`${req.method} ${pathname} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    next();
  };
}
