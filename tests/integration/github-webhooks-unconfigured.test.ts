import { expect, test } from "vitest";
import { action } from "~/routes/webhooks.github";
import { context } from "../support/http";

// Without GITHUB_WEBHOOK_SECRET (this file's Nettle has none) deliveries cannot be checked, so
// none is accepted: GitHub's log says why.
test("with no webhook secret configured, deliveries are answered 503 saying webhooks are not configured", async () => {
  delete process.env.GITHUB_WEBHOOK_SECRET;
  const response = await action({
    request: new Request("http://localhost/webhooks/github", {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "ping", "x-github-delivery": "d1", "x-hub-signature-256": "sha256=00" },
      body: "{}",
    }),
    params: {},
    context,
  });
  expect(response.status).toBe(503);
  expect(((await response.json()) as { error: string }).error).toMatch(/not configured/);
});
