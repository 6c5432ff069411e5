import fs from "node:fs/promises";

/**
 * A failure to start Nettle that the person running it can fix. The start script prints
 * it with `formatStartupError` and no stack trace: the message says what went wrong, the
 * hint says what to do, and the log tail shows what the server itself said.
 */
export class StartupError extends Error {
  override name = "StartupError";
  readonly hint: string | undefined;
  readonly logTail: string | undefined;
  readonly logFile: string | undefined;

  constructor(message: string, details: { hint?: string; logTail?: string; logFile?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.hint = details.hint;
    this.logTail = details.logTail;
    this.logFile = details.logFile;
  }
}

export function isStartupError(error: unknown): error is StartupError {
  return error instanceof StartupError;
}

/** The text a person sees: message, then the server's last log lines, then what to do. */
export function formatStartupError(error: StartupError): string {
  const parts = [error.message];
  if (error.logTail) {
    const where = error.logFile ? ` (full log: ${error.logFile})` : "";
    parts.push(`Last lines of the log${where}:\n${indent(error.logTail)}`);
  }
  if (error.hint) parts.push(`What to do: ${error.hint}`);
  return parts.join("\n\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  | ${line}`)
    .join("\n");
}

// Colour codes make a tail unreadable once it is printed inside another message.
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\u001b\[[0-9;]*[A-Za-z]/g;

/**
 * The last `lines` non-empty lines of a log file, without colour codes; "" when the file
 * does not exist. Reads only the end of the file: server logs can grow large.
 */
export async function readLogTail(file: string, lines = 20): Promise<string> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, "r");
    const { size } = await handle.stat();
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer
      .toString("utf8")
      .replace(ANSI_ESCAPE, "")
      .split(/\r?\n/)
      .filter((line) => line.trim() !== "")
      .slice(-lines)
      .join("\n");
  } catch {
    return "";
  } finally {
    await handle?.close();
  }
}

/** How a child process ended, as both embedded servers report it. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

export function describeExit(exit: ChildExit): string {
  if (exit.error) return exit.error.message;
  return exit.signal ? `it was stopped by ${exit.signal}` : `it exited with code ${exit.code}`;
}
