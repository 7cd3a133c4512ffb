import type { Page } from 'playwright-core';

/**
 * Resolves once every finite CSS transition and animation of the page has finished (a hover
 * fading, a dialog sliding in): the moment a screenshot or an axe run sees the page as it rests.
 * Endless ones (a spinner, the live dot's pulse) never finish and are not waited for.
 */
export async function pageAtRest(page: Page, timeoutMs = 10_000): Promise<void> {
  // A string, so this Node-side file needs no DOM types: it runs in the page.
  await page.waitForFunction(
    `document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)`,
    undefined,
    { timeout: timeoutMs },
  );
}
