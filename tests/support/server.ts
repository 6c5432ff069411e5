import http from "node:http";
import type { AddressInfo } from "node:net";
import { createApp, type AppOptions } from "../../server/app";

// The real HTTP server (server/app.ts: Express + Remix in development mode, compiled on demand
// by Vite) on a free port, so tests exercise the boundary exactly as a browser or a script
// would, and a raw client that sends paths, methods and bytes exactly as given (fetch would
// normalise them first).

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  cookie?: string;
}

export async function startTestServer(options: Partial<AppOptions> = {}) {
  const lines: string[] = [];
  const { app, close } = await createApp({ mode: "development", log: (line) => lines.push(line), ...options });
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

  function send(path: string, request: RawRequest = {}): Promise<RawResponse> {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.cookie) headers.cookie = request.cookie;
    if (request.body !== undefined) {
      headers["content-type"] ??= "application/x-www-form-urlencoded";
      headers["content-length"] ??= Buffer.byteLength(request.body);
    }
    return new Promise((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, method: request.method ?? "GET", path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(request.body);
    });
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    /** Request log lines written so far. */
    log: lines,
    send,
    /** A urlencoded form body from [name, already-encoded value] pairs, sent as given. */
    post(path: string, fields: [string, string][], request: RawRequest = {}) {
      const body = Buffer.from(fields.map(([name, value]) => `${encodeURIComponent(name)}=${value}`).join("&"), "latin1");
      return send(path, { ...request, method: "POST", body });
    },
    async stop() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await close();
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;
