import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { deriveReservedSlugs, RESERVED_SLUGS_FILE, renderReservedSlugs } from "./reserved-slugs";

// The reserved words come from the routes: app/models/platform/reserved-slugs.ts must match them, and a
// route added later is covered as soon as the file is written again.

const app = path.resolve(import.meta.dirname, "..", "app");
const scratch = mkdtempSync(path.join(tmpdir(), "nettle-routes-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test("app/models/platform/reserved-slugs.ts matches the app's routes (run `npx tsx scripts/reserved-slugs.ts` if not)", () => {
  expect(readFileSync(RESERVED_SLUGS_FILE, "utf8")).toBe(renderReservedSlugs(deriveReservedSlugs()));
  expect(deriveReservedSlugs().challenges).toEqual(["applications", "delete", "edit", "history", "interest", "invite", "new", "review"]);
});

test("a new route beside a slug reserves its word; a new route taking a :slug must say whose it is", () => {
  const copy = path.join(scratch, "app");
  cpSync(path.join(app, "routes"), path.join(copy, "routes"), { recursive: true });
  cpSync(path.join(app, "root.tsx"), path.join(copy, "root.tsx"));
  writeFileSync(path.join(copy, "routes", "challenges.archive.tsx"), "export default function Archive() { return null; }\n");
  writeFileSync(path.join(copy, "routes", "feeds.themes.all[.]atom.ts"), "export function loader() { return null; }\n");
  expect(deriveReservedSlugs(copy)).toMatchObject({ challenges: ["applications", "archive", "delete", "edit", "history", "interest", "invite", "new", "review"], themes: ["all"] });

  writeFileSync(path.join(copy, "routes", "skills.$slug.tsx"), "export default function Skill() { return null; }\n");
  expect(() => deriveReservedSlugs(copy)).toThrow(/routes\/skills\.\$slug takes a :slug/);
});
