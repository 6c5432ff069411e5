import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { prisma } from "~/services/db.server";

// Keys Nettle makes for itself: a random value per purpose, stored in PostgreSQL on first use
// (every app and worker process then reads the same one), so signed links work without anyone
// configuring a secret and survive restarts. A key never leaves this module: callers get
// signatures, not keys, and nothing here logs.

const cache = new Map<string, Promise<Buffer>>();

async function key(name: string): Promise<Buffer> {
  let pending = cache.get(name);
  if (!pending) {
    pending = (async () => {
      // Two processes starting at once both insert; the first wins and both read its value.
      await prisma.$executeRaw`INSERT INTO app_secrets (name, value) VALUES (${name}, ${randomBytes(32).toString("base64url")}) ON CONFLICT (name) DO NOTHING`;
      const row = await prisma.appSecret.findUniqueOrThrow({ where: { name }, select: { value: true } });
      return Buffer.from(row.value, "base64url");
    })();
    pending.catch(() => cache.delete(name));
    cache.set(name, pending);
  }
  return pending;
}

/** HMAC-SHA256 of `message` under the key for `purpose`, base64url. */
export async function sign(purpose: string, message: string) {
  return createHmac("sha256", await key(purpose))
    .update(message)
    .digest("base64url");
}

/** Whether `signature` is `sign(purpose, message)`, compared in constant time. */
export async function verify(purpose: string, message: string, signature: string) {
  const expected = Buffer.from(await sign(purpose, message));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
