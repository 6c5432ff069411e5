import { PrismaPg } from "@prisma/adapter-pg";
import type { Transaction } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "~/generated/prisma/client";

// One client per process; in development Vite re-imports modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { __nettlePrisma?: PrismaClient };

/**
 * An interactive transaction holds one connection, which answers one query at a time. Prisma
 * 7.10's query interpreter still sends the queries of a read that loads several relations
 * all at once on it (prisma/orm#29468): pg queues them but warns "Calling client.query() when
 * the client is already executing a query", and pg 9 will refuse. So each transaction's
 * queries take turns here. Commit and rollback wait their turn too, so the connection is never
 * handed back to the pool while a query on it is still running. Remove once adapter-pg does this.
 */
function oneQueryAtATime(tx: Transaction): Transaction {
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const result = last.then(work);
    last = result.catch(() => undefined);
    return result;
  };
  const { queryRaw, executeRaw, commit, rollback } = tx;
  // Savepoint methods call this.executeRaw, so they queue through it as well.
  tx.queryRaw = (query) => inTurn(() => queryRaw.call(tx, query));
  tx.executeRaw = (query) => inTurn(() => executeRaw.call(tx, query));
  tx.commit = () => inTurn(() => commit.call(tx));
  tx.rollback = () => inTurn(() => rollback.call(tx));
  return tx;
}

class PrismaPgOneQueryPerTransaction extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => oneQueryAtATime(await startTransaction(isolationLevel));
    return adapter;
  }
}

function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set. Start Nettle with `npm start`, which provides one.");
  }
  const adapter = new PrismaPgOneQueryPerTransaction({
    connectionString,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
  });
  // A burst of writes (a hack-day room signing up at once) queues for the pool's connections;
  // Prisma's default of 2 s to get one would turn a short queue into errors.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
}

export const prisma: PrismaClient = (globalForPrisma.__nettlePrisma ??= createClient());

/** `text` with LIKE's wildcards escaped, so it matches only itself (PostgreSQL escapes with \). */
export function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, "\\$&");
}

/**
 * A Prisma filter for fields containing `text`, ignoring case. Prisma 7.10 turns `contains`
 * into ILIKE '%text%' without escaping (measured: a search for "%" or "_" matched every row,
 * and "\" matched nothing), so every substring search goes through here; eslint refuses a
 * bare `contains` or `mode: "insensitive"` anywhere else in app/.
 */
export function containsText(text: string) {
  return { contains: escapeLike(text), mode: "insensitive" as const };
}
