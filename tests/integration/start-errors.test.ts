import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import net from "node:net";
import getPort from "get-port";
import { expect, test } from "vitest";

// `npm start` explains what is wrong, and how to fix it, instead of printing a stack trace.

function start(env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: {
        ...process.env,
        NETTLE_DATA_DIR: mkdtempSync(path.join(tmpdir(), "nettle-start-")),
        ...env,
        DATABASE_URL: env.DATABASE_URL ?? "",
        MEILI_URL: env.MEILI_URL ?? "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

test("a web port already in use is named, with the command to use another", async () => {
  const port = await getPort();
  const blocker = net.createServer().listen(port, "127.0.0.1");
  try {
    const { code, output } = await start({ PORT: String(port) });
    expect(code).toBe(1);
    expect(output).toContain(`Port ${port} is already in use`);
    expect(output).toContain(`PORT=${port + 1} npm start`);
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  } finally {
    blocker.close();
  }
});

test("an unreachable DATABASE_URL is named without its password", async () => {
  const closed = await getPort();
  const { code, output } = await start({
    PORT: String(await getPort()),
    DATABASE_URL: `postgresql://nettle:Sup3r-Secret@127.0.0.1:${closed}/nettle`,
  });
  expect(code).toBe(1);
  expect(output).toContain(`Could not reach the PostgreSQL server at 127.0.0.1:${closed} given by DATABASE_URL`);
  expect(output).toContain("unset DATABASE_URL so that Nettle starts its own PostgreSQL");
  expect(output).not.toContain("Sup3r-Secret");
});
