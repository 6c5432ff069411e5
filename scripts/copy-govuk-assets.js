#!/usr/bin/env node
// Copies the GOV.UK Frontend files Nettle serves itself into public/assets/ (gitignored).
// Run after every install (postinstall) so the copies always match the installed version.
// Fonts are deliberately left out: GDS Transport is licensed for GOV.UK services only.
import { cp, mkdir, readdir, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const target = join(root, "public", "assets");

async function main() {
  await mkdir(target, { recursive: true });

  // Replace rather than merge, so images dropped by a govuk-frontend upgrade do not linger.
  await rm(join(target, "images"), { recursive: true, force: true });
  await cp(join(govuk, "assets", "images"), join(target, "images"), { recursive: true });

  for (const file of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
    await cp(join(govuk, file), join(target, file));
  }

  // A fonts folder left by an older set-up would be served; make sure it is gone.
  const entries = await readdir(target);
  if (entries.includes("fonts")) await rm(join(target, "fonts"), { recursive: true, force: true });
}

main().catch((error) => {
  console.error(`copy-govuk-assets: ${error instanceof Error ? error.message : String(error)}`);
  console.error("Is govuk-frontend installed? Run `npm install` first.");
  process.exitCode = 1;
});
