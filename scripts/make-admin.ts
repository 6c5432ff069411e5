// Makes an existing account a platform administrator. The first administrator can only be
// made this way, by someone with access to the server; it is recorded in the audit log.
//   tsx scripts/make-admin.ts person@example.org
import { connectToRunningServices } from "../server/runtime";

const [email, ...extra] = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
if (!email || extra.length > 0) {
  console.error("Usage: tsx scripts/make-admin.ts <email>\nThe person must have signed up first.");
  process.exit(2);
}

const problem = connectToRunningServices();
if (problem) {
  console.error(problem);
  process.exit(1);
}

const { makePlatformAdmin } = await import("~/models/organisations/membership.server");
const { DomainError } = await import("~/models/platform/errors");
const { prisma } = await import("~/services/db.server");

let code = 0;
try {
  const result = await makePlatformAdmin(email);
  console.log(
    result.changed
      ? `${result.displayName} (${email.trim().toLowerCase()}) is now a platform administrator. Recorded in the audit log.`
      : `${result.displayName} (${email.trim().toLowerCase()}) is already a platform administrator. Nothing changed.`,
  );
} catch (error) {
  if (!DomainError.is(error)) throw error;
  console.error(error.message);
  code = 1;
} finally {
  await prisma.$disconnect();
}
process.exit(code);
