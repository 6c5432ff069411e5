// Loads reference data (councils from the register, the skill taxonomy) and, unless
// --no-demo is given, the demo data. Safe to run any number of times.
import { connectToRunningServices } from "../server/runtime";

const problem = connectToRunningServices();
if (problem) {
  console.error(problem);
  process.exit(1);
}
const { seedReferenceData, seedDemoData } = await import("~/models/seed.server");
const { prisma } = await import("~/services/db.server");

await seedReferenceData((line) => console.log(line));
if (!process.argv.includes("--no-demo")) await seedDemoData((line) => console.log(line));
console.log("Search indexes update in the background (the worker drains the search outbox).");
await prisma.$disconnect();
