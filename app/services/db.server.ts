import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";

// One client per process; in development Vite re-imports modules, so keep it on globalThis.
const globalForPrisma = globalThis as unknown as { __nettlePrisma?: PrismaClient };

function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set. Start Nettle with `npm start`, which provides one.");
  }
  const adapter = new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  return new PrismaClient({ adapter });
}

export const prisma: PrismaClient = (globalForPrisma.__nettlePrisma ??= createClient());
