import crypto from "node:crypto";
import path from "node:path";
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  type ServerBuild,
  writeReadableStreamToWritable,
} from "@remix-run/node";
import compression from "compression";
import express, { type Request as ExpressRequest, type RequestHandler, type Response as ExpressResponse } from "express";
import helmet from "helmet";
import type { ViteDevServer } from "vite";
import { answeringDomainErrors } from "~/models/platform/errors";
import type { TrustProxy } from "~/services/env.server";
import {
  bodyLimitFor,
  type BodyLimits,
  clientAddress,
  declaredBodyLimit,
  DEFAULT_BODY_LIMITS,
  errorPages,
  limitedBody,
  methodGuard,
  redactPath,
  requestTarget,
} from "./boundary";

// The HTTP server around the Remix app: security headers, compression, request logging,
// the checks every request passes (server/boundary.ts) and static files. Routes, rules and
// data live in app/.

export interface AppOptions {
  mode: "production" | "development";
  /** Folder holding build/server and build/client (production only). */
  buildDir?: string;
  log?: (line: string) => void;
  /** Which proxies' X-Forwarded-* headers to believe (TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy;
  /** Body size limits by path prefix, over DEFAULT_BODY_LIMITS. */
  bodyLimits?: BodyLimits;
}

export async function createApp(options: AppOptions) {
  const production = options.mode === "production";
  const log = options.log ?? ((line: string) => console.log(line));
  const bodyLimits = { ...DEFAULT_BODY_LIMITS, ...options.bodyLimits };
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? false);

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
  app.use(methodGuard());
  app.use(requestTarget());
  app.use(declaredBodyLimit(bodyLimits));
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
    build = answerDomainErrors((await import(path.join(buildDir, "server/index.js"))) as ServerBuild);
  } else {
    const { createServer } = await import("vite");
    vite = await createServer({ server: { middlewareMode: true }, appType: "custom" });
    app.use(vite.middlewares);
    const devServer = vite;
    build = async () => answerDomainErrors((await devServer.ssrLoadModule("virtual:remix/server-build")) as ServerBuild);
  }

  app.all("*", remixHandler(build, options.mode, bodyLimits));
  app.use(errorPages());

  return { app, close: async () => vite?.close() };
}

/**
 * Remix's Express adapter (@remix-run/express), with the request body read through a limit:
 * the adapter hands Remix the raw request stream, which a chunked upload can make as long as
 * it likes, and it exports none of its parts to reuse.
 */
function remixHandler(build: ServerBuild | (() => Promise<ServerBuild>), mode: string, bodyLimits: BodyLimits): RequestHandler {
  const handle = createRequestHandler(build, mode);
  return async (req, res, next) => {
    let stopped = false;
    try {
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const request = remixRequest(req, res, controller.signal, bodyLimitFor(bodyLimits, req.path), () => {
        stopped = true;
        controller.abort();
      });
      const response = await handle(request, { cspNonce: res.locals.cspNonce as string, clientIp: clientAddress(req) });
      // The body limit may already have answered 413.
      if (res.headersSent) return;
      // Answered before the body was read (a refusal): close the connection instead of
      // reading the rest of the body to keep it alive.
      if (request.body && !req.readableEnded) res.setHeader("Connection", "close");
      await sendResponse(res, response);
    } catch (error) {
      // Stopped by the body limit, which has answered: what failed after is expected.
      if (!stopped) next(error);
    }
  };
}

function remixRequest(req: ExpressRequest, res: ExpressResponse, signal: AbortSignal, bodyLimit: number, onStop: () => void) {
  // As the adapter does: req.hostname follows TRUST_PROXY; the port comes from the headers.
  // requestTarget() checked both host names, so this URL can be built.
  const trusted = (req.app.get("trust proxy fn") as (address: string, hop: number) => boolean)(req.socket.remoteAddress ?? "", 0);
  const port = [trusted ? req.get("x-forwarded-host") : undefined, req.get("host")]
    .map((host) => Number.parseInt(host?.split(":")[1] ?? "", 10))
    .find((n) => Number.isSafeInteger(n));
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const item of Array.isArray(value) ? value : value ? [value] : []) headers.append(name, item);
  }
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(limitedBody(req, res, bodyLimit, onStop));
    init.duplex = "half";
  }
  return new Request(url.href, init);
}

async function sendResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers.entries()) res.append(name, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

const replyCache = new WeakMap<ServerBuild, ServerBuild>();

/**
 * Every route's loader and action answers a DomainError (app/models/platform/errors.ts) with
 * its status and message as the error page, so no route has to remember to. (Forms answer
 * theirs beside the field through formAction, before it gets here.)
 */
function answerDomainErrors(build: ServerBuild): ServerBuild {
  const cached = replyCache.get(build);
  if (cached) return cached;
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const { loader, action } = route.module;
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        ...(loader ? { loader: (args: Parameters<typeof loader>[0]) => answeringDomainErrors(() => Promise.resolve(loader(args))) } : {}),
        ...(action
          ? {
              action: (args: Parameters<typeof action>[0]) => answeringDomainErrors(() => Promise.resolve(action(args))),
            }
          : {}),
      },
    };
  }
  const wrapped = { ...build, routes };
  replyCache.set(build, wrapped);
  return wrapped;
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

/**
 * One line a request: method, path, status, time. The query string is dropped and secret-
 * looking path segments redacted: either may carry a token.
 */
function requestLogger(log: (line: string) => void): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // originalUrl: mounted middleware (static files) rewrites req.url.
    const pathname = redactPath(req.originalUrl.split("?")[0] ?? "/");
    res.on("finish", () => {
      if (/^\/(assets|@|node_modules|app\/)/.test(pathname) || res.statusCode === 304) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(`${req.method} ${pathname} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
    next();
  };
}
