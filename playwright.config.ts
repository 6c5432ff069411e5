import { defineConfig } from "@playwright/test";

// Browser journeys against a real Nettle (embedded PostgreSQL and Meilisearch in a throwaway
// data folder) started by scripts/test.ts, which picks the port and sets E2E_BASE_URL. Run
// alone, `npx playwright test` starts one itself on E2E_PORT (default 3900).
const port = Number(process.env.E2E_PORT ?? 3900);
const baseURL = process.env.E2E_BASE_URL ?? `http://localhost:${port}`;
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
// The fake GitHub API a journey serves, and the webhook secret (scripts/test.ts picks both).
const githubPort = Number(process.env.E2E_GITHUB_PORT ?? port + 51);
process.env.E2E_GITHUB_PORT ??= String(githubPort);
process.env.E2E_WEBHOOK_SECRET ??= "e2e-webhook-secret";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  timeout: 30_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: "tsx scripts/start.ts",
        url: `${baseURL}/healthz`,
        timeout: 180_000,
        reuseExistingServer: false,
        // Ctrl-C, as a person stops it: Nettle then stops its PostgreSQL and Meilisearch too
        // (Playwright's default kill left them running).
        gracefulShutdown: { signal: "SIGINT", timeout: 20_000 },
        env: {
          PORT: String(port),
          NETTLE_DATA_DIR: process.env.E2E_DATA_DIR ?? ".data/e2e",
          LOG_LEVEL: "warn",
          NETTLE_DEMO_DATA: "true",
          GITHUB_API_URL: `http://127.0.0.1:${githubPort}`,
          GITHUB_WEBHOOK_SECRET: process.env.E2E_WEBHOOK_SECRET,
        },
      },
});
