import path from "node:path";
import { ESLint } from "eslint";
import { expect, test } from "vitest";

// Equality is never a pattern match: eslint.config.js refuses the Prisma filters that become
// unescaped LIKE / ILIKE anywhere in app/, so the "_ictim@…" takeover cannot come back.

const ROOT = path.resolve(import.meta.dirname, "..", "..");
// The project's own config, without type information: building the TypeScript program takes
// tens of seconds on a busy machine, and these rules only read the syntax.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: { "@typescript-eslint/no-floating-promises": "off" },
  },
});

async function patternProblems(code: string, file = "app/models/accounts/privacy.server.ts") {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  // A parsing error would hide every rule.
  expect(result!.messages.filter((m) => m.ruleId === null)).toEqual([]);
  return result!.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

test("equals with mode insensitive, or any insensitive mode or bare contains, is refused in app/", async () => {
  expect(
    await patternProblems(`export const where = (email: string) => ({ to: { equals: email, mode: "insensitive" } });\n`),
  ).toEqual([expect.stringMatching(/^Equality is never a pattern match/), expect.stringMatching(/^mode: "insensitive"/)]);
  expect(
    await patternProblems(`export const where = (q: string) => ({ name: { contains: q, mode: "insensitive" as const } });\n`),
  ).toEqual([expect.stringMatching(/escape % and _ in contains/), expect.stringMatching(/^mode: "insensitive"/)]);
  expect(
    await patternProblems(
      `import { Prisma } from "~/generated/prisma/client";\nexport const where = (q: string) => ({ name: { startsWith: q, mode: Prisma.QueryMode.insensitive } });\n`,
      "app/routes/about.tsx",
    ),
  ).toHaveLength(2);
});

test("plain equality on a normalised value and containsText() pass", async () => {
  expect(
    await patternProblems(
      `import { containsText } from "~/services/db.server";\nexport const a = (email: string) => ({ to: email });\nexport const b = (q: string) => ({ name: containsText(q) });\n`,
    ),
  ).toEqual([]);
});
