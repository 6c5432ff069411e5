import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";

// Every page a journey visits is scanned with axe for WCAG 2.2 A/AA; any violation fails it.
// Scans start when a page loads. When the journey moves on before a scan finishes, the page is
// opened again in a background tab of the same browser context (same sign-in) and scanned
// there: pages are GET requests, and GET never changes data in Nettle.

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  expect(summary, `axe found accessibility problems on ${page.url()}`).toEqual([]);
}

// "reading 'utils'": axe's script was injected into a document that has since been replaced.
const NAVIGATION_RACE =
  /Execution context was destroyed|navigat|Target page, context or browser has been closed|frame was detached|reading 'utils'/i;

async function scanInBackground(context: BrowserContext, url: string) {
  const tab = await context.newPage();
  try {
    await tab.goto(url);
    await expectNoAxeViolations(tab);
  } finally {
    await tab.close();
  }
}

interface Watcher {
  page: Page;
  scanned: Set<string>;
  pending: Promise<void>[];
}

const watchers = new Map<Page, Watcher>();

/** Scans every page `page` loads from now on; settle with settleAccessibility(). */
export function watchAccessibility(page: Page) {
  const watcher: Watcher = { page, scanned: new Set(), pending: [] };
  watchers.set(page, watcher);
  page.on("load", () => {
    const url = page.url();
    if (watcher.scanned.has(url) || url === "about:blank") return;
    watcher.scanned.add(url);
    const context = page.context();
    watcher.pending.push(
      expectNoAxeViolations(page).catch(async (error: unknown) => {
        if (error instanceof Error && NAVIGATION_RACE.test(error.message)) return scanInBackground(context, url);
        throw error;
      }),
    );
  });
  return page;
}

/** Waits for the scans of `page` started so far, so the next navigation cuts none short. */
export async function scansDone(page: Page) {
  const watcher = watchers.get(page);
  if (watcher) await Promise.all(watcher.pending);
}

/** Waits for every scan of `page`, and scans its final state if that was not scanned yet. */
export async function settleAccessibility(page: Page) {
  const watcher = watchers.get(page);
  if (!watcher) return;
  watchers.delete(page);
  if (!page.isClosed() && !watcher.scanned.has(page.url()) && page.url() !== "about:blank") {
    watcher.pending.push(expectNoAxeViolations(page));
  }
  await Promise.all(watcher.pending);
}

/** Settles the scans of a page opened with its own context, then closes that context. */
export async function closeWatched(page: Page) {
  await settleAccessibility(page);
  await page.context().close();
}

export const test = base.extend<{ page: Page }>({
  page: async ({ page }, use) => {
    watchAccessibility(page);
    await use(page);
    // This page, and any other page the journey opened and left open.
    await Promise.all([...watchers.keys()].map((p) => settleAccessibility(p)));
  },
});

export { expect };
