import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

// Every page a journey visits is scanned with axe for WCAG 2.2 A/AA; any violation fails it.

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  expect(summary, `axe found accessibility problems on ${page.url()}`).toEqual([]);
}

export const test = base.extend<{ page: Page }>({
  page: async ({ page }, use) => {
    const scanned = new Set<string>();
    const pending: Promise<void>[] = [];
    page.on("load", () => {
      const url = page.url();
      if (scanned.has(url)) return;
      scanned.add(url);
      pending.push(expectNoAxeViolations(page));
    });
    await use(page);
    // Scan the final state too (client-side navigations do not fire "load").
    if (!scanned.has(page.url()) && !page.isClosed()) pending.push(expectNoAxeViolations(page));
    await Promise.all(pending);
  },
});

export { expect };
