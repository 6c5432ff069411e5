import { hash, verify } from "@node-rs/argon2";
import pLimit from "p-limit";

// Passwords are hashed with argon2id (memory-hard) at OWASP's recommended cost:
// 19 MiB of memory, 2 iterations, 1 lane. Which passwords are acceptable is the accounts
// domain's rule (app/models/accounts/password-rules.server.ts).
const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// Each hash holds 19 MiB outside the JavaScript heap, on one of libuv's threads (shared with
// file, DNS and compression work). Two at a time keep two cores busy; more would only add
// memory (and take threads from other work), so a burst of sign-ins waits its turn instead.
const ARGON2_AT_ONCE = 2;
const argon2Turn = pLimit(ARGON2_AT_ONCE);

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
