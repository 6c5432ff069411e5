import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-response CSP nonce set by the Express server (server/app.ts). */
    cspNonce: string;
    /** The client's address (honours X-Forwarded-For only with TRUST_PROXY=true). */
    clientIp: string;
  }
}
