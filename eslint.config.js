import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const focusedOrSkippedTests = [
  { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(test|it|describe)$/]", message: "Focused tests must not be committed." },
  { selector: "CallExpression[callee.property.name='skip'][callee.object.name=/^(test|it|describe)$/]", message: "Skipped tests must not be committed." },
];

// Prisma turns `mode: "insensitive"` into ILIKE and `contains` / `startsWith` / `endsWith` into
// LIKE patterns without escaping, so "_" and "%" in what someone typed become wildcards
// (an address "_ictim@…" matched "victim@…"). Equality compares a stored normalised value;
// substring search goes through containsText() in app/services/db.server.ts, which escapes.
export const patternMatchRules = [
  {
    selector: "ObjectExpression:has(> Property[key.name='equals']):has(> Property[key.name='mode'])",
    message: "Equality is never a pattern match: store a normalised copy (lower-cased, trimmed) and compare it with plain equals.",
  },
  {
    selector: "Property[key.name='mode'] Literal[value='insensitive'], MemberExpression[property.name='insensitive']",
    message: "mode: \"insensitive\" is an unescaped ILIKE. Compare a normalised column, or search with containsText() from ~/services/db.server.",
  },
  {
    selector: "Property[key.name=/^(contains|startsWith|endsWith)$/]",
    message: "Prisma does not escape % and _ in contains/startsWith/endsWith. Search with containsText() from ~/services/db.server.",
  },
];

// The layers (docs/architecture.md): routes are thin and never touch the database; a route
// imports a domain's public modules, never its internals; services know nothing of the
// domains; models take typed input, never FormData.
const layerRules = {
  routes: {
    paths: [{ name: "~/services/db.server", message: "Routes never touch the database: read and write through a model function in app/models/<domain>/." }],
    patterns: [{ group: ["~/models/*/internal/*"], message: "A route imports a domain's public modules, not its internals." }],
  },
  services: {
    patterns: [
      {
        group: ["~/models/*", "!~/models/platform", "~/models/platform/*", "!~/models/platform/actor", "!~/models/platform/errors"],
        message: "Services are adapters that know nothing of the domains: take what you need as arguments.",
      },
    ],
  },
};

// Files still being brought into this shape (issue 8). Each domain's conversion removes its own.
const notYetConverted = [
];

export default tseslint.config(
  { ignores: ["build/", "app/generated/", "public/assets/", "test-results/", "playwright-report/", ".data/", "node_modules/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "no-restricted-syntax": ["error", ...focusedOrSkippedTests],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/services/db.server.ts"],
    rules: { "no-restricted-syntax": ["error", ...focusedOrSkippedTests, ...patternMatchRules] },
  },
  {
    files: ["app/routes/**/*.{ts,tsx}", "app/components/**/*.{ts,tsx}"],
    ignores: notYetConverted,
    rules: { "no-restricted-imports": ["error", layerRules.routes] },
  },
  {
    files: ["app/services/**/*.{ts,tsx}"],
    ignores: notYetConverted,
    rules: { "no-restricted-imports": ["error", layerRules.services] },
  },
  {
    files: ["app/models/**/*.{ts,tsx}"],
    ignores: notYetConverted,
    rules: {
      "no-restricted-syntax": [
        "error",
        ...focusedOrSkippedTests,
        ...patternMatchRules,
        { selector: "Identifier[name='FormData']", message: "Models take typed input (parsed by the route's zod schema), never FormData." },
      ],
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["prisma/engine/**"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { "@typescript-eslint/no-floating-promises": "error" },
  },
);
