import { isIP } from "node:net";
import { Transform } from "node:stream";
import type { ErrorRequestHandler, Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";

// What every request passes before any route sees it. Each class of bad input is answered here
// once, with a 4xx and a plain explanation, so no route can forget it and answer 500:
// unknown methods, unreadable addresses, control characters, oversized bodies.

/** Methods Nettle answers. Browsers' forms only send GET and POST. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST"] as const;
const allowHeader = ALLOWED_METHODS.join(", ");

/** Bytes a request body may have; the longest matching path prefix wins. */
export type BodyLimits = Record<string, number>;
export const DEFAULT_BODY_LIMITS: BodyLimits = {
  "/": 1024 * 1024,
  // GitHub sends webhook payloads of up to 25 MB.
  "/webhooks/github": 25 * 1024 * 1024,
};

/**
 * A page (or, under /api/, a JSON body) saying why the request was refused. Written by hand
 * because it answers before Remix, often for requests Remix itself could not represent.
 */
export function refuse(req: ExpressRequest, res: ExpressResponse, status: number, title: string, message: string) {
  if (res.headersSent) return;
  // Machines read these: an API client, or GitHub's log of webhook deliveries.
  if (req.path.startsWith("/api/") || req.path.startsWith("/webhooks/")) {
    res.status(status).json({ error: message });
    return;
  }
  const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  res
    .status(status)
    .type("html")
    .send(
      `<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escape(title)} – Nettle</title></head><body><main><h1>${escape(title)}</h1><p>${escape(message)}</p>` +
        `<p><a href="/">Go to the Nettle home page</a></p></main></body></html>\n`,
    );
}

/**
 * Answers methods Nettle does not use before Remix: Node's Request refuses some (TRACE), so
 * they would otherwise end in a 500. OPTIONS says what is allowed.
 */
export function methodGuard(): RequestHandler {
  const allowed = new Set<string>(ALLOWED_METHODS);
  return (req, res, next) => {
    if (allowed.has(req.method)) return next();
    res.setHeader("Allow", allowHeader);
    if (req.method === "OPTIONS") {
      res.status(204).end();
      return;
    }
    refuse(req, res, 405, "Nettle does not accept this kind of request", `Only ${allowHeader} requests are answered here.`);
  };
}

// C0 control characters except tab, line feed and carriage return. PostgreSQL refuses NUL in
// text; the others have no business in an address or a form.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** The path and query parts, percent-decoded strictly (invalid UTF-8 throws). */
function decodeTarget(url: string): string[] {
  const [pathname = "", ...rest] = url.split("?");
  const query = rest.join("?");
  const parts = [decodeURIComponent(pathname)];
  for (const pair of query.split("&")) {
    for (const piece of pair.split("=")) parts.push(decodeURIComponent(piece.replace(/\+/g, " ")));
  }
  return parts;
}

/**
 * Refuses addresses no route can use: malformed percent-encoding or invalid UTF-8, control
 * characters, backslashes in the path (browsers read `\` as `/`, so `/\evil.example` is a
 * link to another site, and the router cannot build a URL from it), and Host headers that
 * are not a host name.
 */
export function requestTarget(): RequestHandler {
  return (req, res, next) => {
    // Remix builds the request's URL from these; one that is not a host name would throw.
    const hosts = [req.get("host"), req.hostname].filter((host): host is string => !!host);
    if (hosts.some((host) => !URL.canParse(`http://${host}/`))) {
      return refuse(req, res, 400, "Nettle could not use this address", "The request named a host that is not a host name.");
    }
    let parts: string[];
    try {
      parts = decodeTarget(req.originalUrl);
    } catch {
      return refuse(req, res, 400, "Nettle could not use this address", "The web address has characters in it that Nettle cannot read. Check you copied the whole address.");
    }
    const [pathname = ""] = parts;
    if (parts.some((part) => CONTROL_CHARACTERS.test(part)) || pathname.includes("\\") || req.originalUrl.split("?")[0]!.includes("\\")) {
      return refuse(req, res, 400, "Nettle could not use this address", "The web address has characters in it that Nettle cannot read. Check you copied the whole address.");
    }
    next();
  };
}

export function bodyLimitFor(limits: BodyLimits, path: string): number {
  let best = "";
  for (const prefix of Object.keys(limits)) {
    if (path.startsWith(prefix) && prefix.length > best.length) best = prefix;
  }
  return limits[best] ?? DEFAULT_BODY_LIMITS["/"]!;
}

function tooLarge(req: ExpressRequest, res: ExpressResponse) {
  // Close the connection rather than read (and discard) the rest of what is being sent.
  res.setHeader("Connection", "close");
  refuse(req, res, 413, "What was sent is too large", "Nettle stopped reading it. Send something smaller.");
}

/** Refuses a body whose declared length is over the limit before reading any of it. */
export function declaredBodyLimit(limits: BodyLimits): RequestHandler {
  return (req, res, next) => {
    const declared = Number(req.get("content-length") ?? 0);
    if (Number.isFinite(declared) && declared > bodyLimitFor(limits, req.path)) return tooLarge(req, res);
    next();
  };
}

/**
 * The request body as a stream that stops at the limit: the moment more arrives, Nettle
 * answers 413 and closes the connection, so a chunked body without a length cannot make the
 * process read (or hold) more than the limit.
 */
export function limitedBody(req: ExpressRequest, res: ExpressResponse, limit: number, onStop: () => void) {
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > limit) {
        req.unpipe(counter);
        tooLarge(req, res);
        onStop();
        callback(Object.assign(new Error("request body over the limit"), { status: 413 }));
        return;
      }
      callback(null, chunk);
    },
  });
  req.on("error", (error) => counter.destroy(error));
  req.pipe(counter);
  return counter;
}

/**
 * The client's address: Express's answer (which follows X-Forwarded-For only as far as
 * TRUST_PROXY allows) if it is an IP address, otherwise the socket's. A forwarded header may
 * carry anything, and these addresses become rate-limit keys.
 */
export function clientAddress(req: ExpressRequest): string {
  const normalise = (address: string | undefined) => {
    if (!address || !isIP(address)) return undefined;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    return mapped ? mapped[1]! : address.toLowerCase();
  };
  return normalise(req.ip) ?? normalise(req.socket.remoteAddress) ?? "unknown";
}

/**
 * A path segment that looks like a secret: long and random rather than words joined by
 * hyphens (a slug). Tokens in links (email confirmation, password reset, invitations, and any
 * route added later) match, so the request log never holds one.
 */
export function looksSecret(segment: string): boolean {
  if (segment.length < 16 || !/^[A-Za-z0-9_~.%-]+$/.test(segment)) return false;
  const slug = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/.test(segment) && segment.split(/[-.]/).every((word) => word.length <= 15);
  return !slug;
}

export function redactPath(pathname: string): string {
  const segments = pathname.split("/");
  // A ticket code is short, so it does not look secret, but it is one: it follows "check-in".
  return segments.map((segment, i) => (looksSecret(segment) || (i > 0 && segments[i - 1] === "check-in" && segment) ? "[redacted]" : segment)).join("/");
}

/**
 * Last resort for errors that escaped everything else: a 4xx someone set on purpose keeps its
 * status, anything else is a 500 page without details (they go to the log).
 */
export function errorPages(): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
    if (typeof status === "number" && status >= 400 && status < 500) {
      return refuse(req, res, status, "Nettle could not use this request", "Check what you sent and try again.");
    }
    console.error(error);
    if (res.headersSent) {
      // Part of the answer is out: end the connection so the client sees it is incomplete.
      if (!res.writableEnded) res.destroy();
      return;
    }
    refuse(req, res, 500, "Sorry, there is a problem with the service", "Try again later.");
  };
}
