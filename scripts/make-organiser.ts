// Makes an existing account an organiser (owner) of a data hub, for setting up a hub before
// anyone there can invite others. Recorded in the audit log.
//   tsx scripts/make-organiser.ts person@example.org demo-pennine-data-hub
import { connectToRunningServices } from "../server/runtime";

const [email, hubSlug, ...extra] = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
if (!email || !hubSlug || extra.length > 0) {
  console.error("Usage: tsx scripts/make-organiser.ts <email> <hub-slug>\nThe person must have signed up first.");
  process.exit(2);
}

const problem = connectToRunningServices();
if (problem) {
  console.error(problem);
  process.exit(1);
}

const { addHubOrganiser } = await import("~/models/organisations/hub.server");
const { DomainError } = await import("~/models/platform/errors");
const { prisma } = await import("~/services/db.server");

let code = 0;
try {
  const result = await addHubOrganiser(email, hubSlug);
  console.log(
    result.changed
      ? `${result.displayName} is now an organiser (owner) of ${result.hubName}. Recorded in the audit log.`
      : `${result.displayName} is already ${result.role === "owner" ? "an owner" : "a member"} of ${result.hubName}. Nothing changed.`,
  );
} catch (error) {
  if (!DomainError.is(error)) throw error;
  console.error(error.message);
  code = 1;
} finally {
  await prisma.$disconnect();
}
process.exit(code);
