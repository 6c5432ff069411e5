import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-response CSP nonce set by the Express server (server/app.ts). */
    cspNonce: string;
    /** The client's IP address (follows X-Forwarded-For only as far as TRUST_PROXY allows). */
    clientIp: string;
  }
}
