import type { Page } from 'playwright-core';

/** What the wait reads of the page's document (this Node-side file is compiled without the DOM's types). */
interface AnimatedDocument {
  getAnimations(): Array<{ playState: string; effect: { getComputedTiming(): { iterations?: number } } | null }>;
}

/**
 * Resolves once every finite CSS transition and animation of the page has finished (a hover
 * fading, a dialog sliding in): the moment a screenshot or an axe run sees the page as it rests.
 * Endless ones (a spinner, the live dot's pulse) never finish and are not waited for. A function,
 * not a string: the pages' content security policy refuses a string evaluated in them.
 */
export async function pageAtRest(page: Page, timeoutMs = 10_000): Promise<void> {
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { document: AnimatedDocument }).document
        .getAnimations()
        .every((animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().iterations === Infinity),
    undefined,
    { timeout: timeoutMs },
  );
}
