import { expect, test } from "vitest";
import { argon2Load, hashPassword, verifyPassword } from "~/services/password.server";

// Each argon2id hash holds 19 MiB outside the JavaScript heap: a burst of sign-ins must not run
// them all at once (memory is measured by scripts/bench/memory.ts).
test("at most two password hashes run at once; the rest wait their turn and all finish", async () => {
  const hashes = Array.from({ length: 6 }, (_, i) => hashPassword(`kettle orbit meadow ${i}`));
  await new Promise((resolve) => setImmediate(resolve));
  expect(argon2Load()).toEqual({ running: 2, waiting: 4 });
  const done = await Promise.all(hashes);
  expect(argon2Load()).toEqual({ running: 0, waiting: 0 });
  expect(await verifyPassword(done[5]!, "kettle orbit meadow 5")).toBe(true);
  expect(await verifyPassword(done[5]!, "kettle orbit meadow 4")).toBe(false);
});
