import { readFileSync } from "node:fs";
import path from "node:path";
import { hash, verify } from "@node-rs/argon2";
import { PASSWORD_EXAMPLE } from "~/models/platform/fields";
import pLimit from "p-limit";

// Passwords are hashed with argon2id (memory-hard) at OWASP's recommended cost:
// 19 MiB of memory, 2 iterations, 1 lane.
const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// Each hash holds 19 MiB outside the JavaScript heap, on one of libuv's threads (shared with
// file, DNS and compression work). Two at a time keep two cores busy; more would only add
// memory (and take threads from other work), so a burst of sign-ins waits its turn instead.
const ARGON2_AT_ONCE = 2;
const argon2Turn = pLimit(ARGON2_AT_ONCE);

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export function hashPassword(password: string) {
  return argon2Turn(() => hash(password, ARGON2));
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await argon2Turn(() => verify(passwordHash, password));
  } catch {
    return false;
  }
}

/** Password hashes running and waiting, for the memory benchmark and tests. */
export function argon2Load() {
  return { running: argon2Turn.activeCount, waiting: argon2Turn.pendingCount };
}

// Checked against when an email is unknown, so a sign-in takes as long for every address.
let dummyHash: Promise<string> | undefined;
export async function spendPasswordCheckTime(password: string) {
  dummyHash ??= hashPassword("nettle-timing-equaliser");
  await verifyPassword(await dummyHash, password);
}

let common: Set<string> | undefined;
function commonPasswords() {
  if (!common) {
    const file = path.resolve(process.cwd(), "prisma/data/common-passwords.txt");
    common = new Set(
      readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line && !line.startsWith("#"))
        .map((line) => line.toLowerCase()),
    );
  }
  return common;
}

/** Why a new password is not acceptable, in words for the person choosing it; null if fine. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `Password must be ${PASSWORD_MIN_LENGTH} characters or more – three random words work well`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) return `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return "That password is too common and easy to guess – choose another";
  if (lower.replace(/[^a-z]/g, "") === PASSWORD_EXAMPLE.replace(/[^a-z]/g, "")) {
    return "That is the example from the hint, so others know it – choose your own words";
  }
  if (/^(.)\1+$/.test(password)) return "Password must not be one character repeated";
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return "Password must not contain your email address";
  if (context.name && context.name.length >= 4 && lower.includes(context.name.toLowerCase())) {
    return "Password must not contain your name";
  }
  return null;
}
