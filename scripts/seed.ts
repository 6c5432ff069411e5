// Loads reference data (councils from the register, the skill taxonomy) and the demo data
// when start-up would (NETTLE_DEMO_DATA, else only on the embedded database), unless --no-demo
// is given. Safe to run any number of times.
import { connectToRunningServices, demoPassword } from "../server/runtime";

const embeddedDatabase = !process.env.DATABASE_URL;
const problem = connectToRunningServices();
if (problem) {
  console.error(problem);
  process.exit(1);
}
const { seedReferenceData, seedDemoData, demoDataWanted } = await import("~/models/platform/seed.server");
const { prisma } = await import("~/services/db.server");

await seedReferenceData((line) => console.log(line));
if (!process.argv.includes("--no-demo") && demoDataWanted(process.env.NETTLE_DEMO_DATA, embeddedDatabase)) {
  await seedDemoData((line) => console.log(line), { password: demoPassword() });
}
console.log("Search indexes update in the background (the worker drains the search outbox).");
await prisma.$disconnect();
