import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually } from '@ws/testing';
import { seriousAxeViolations } from './axe';
import { launchChromium } from './chromium';
import { launchFederation, type LaunchedFederation } from './launched-federation';
import { pageAtRest } from './page-at-rest';

/** Where the console's screenshots are kept (docs/screenshots/console-*.png). */
export const CONSOLE_SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'screenshots');

export interface PrintedOfficer {
  userName: string;
  password: string;
  totpSecret: string;
}

/** The demo officer of a role at a node as the launcher printed it (user name, password, TOTP secret). */
export function printedOfficer(output: string, role: string, node?: string): PrintedOfficer {
  const pattern = new RegExp(`登录 ${role}\\s+用户名 (\\S+${node ? `_${node}` : ''})\\s+密码 (\\S+)\\s+TOTP 密钥 ([A-Z2-7]+)`);
  const line = pattern.exec(output);
  if (!line) throw new Error(`the launcher printed no ${role} login${node ? ` at ${node}` : ''}:\n${output}`);
  return { userName: line[1]!, password: line[2]!, totpSecret: line[3]! };
}

/** The page as it rests (away from the button just clicked): no serious axe violation, then its screenshot. */
export async function checkConsolePage(page: Page, name: string): Promise<void> {
  await page.mouse.move(1, 1);
  await pageAtRest(page);
  // The page as it rests: a toast (3 s) fades out while axe runs, and half transparent it fails contrast.
  await page.waitForSelector('.el-message, [class*="-enter-active"], [class*="-leave-active"]', { state: 'detached', timeout: 10_000 });
  expect({ page: name, violations: await seriousAxeViolations(page) }).toEqual({ page: name, violations: [] });
  mkdirSync(CONSOLE_SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(CONSOLE_SCREENSHOTS, `console-${name}.png`), fullPage: true });
}

/** The identity service's pages: user name and password, then the authenticator's current code; back in the console at `front`. */
/** The codes each secret last signed in with: identity refuses a TOTP code used once already. */
const lastCodes = new Map<string, string>();

/** The authenticator's current code, waiting for the next 30-s step when this one was just used (an officer signing in twice in a test). */
async function unusedTotpCode(secret: string): Promise<string> {
  const code = await eventually(
    () => {
      const current = generateSync({ secret });
      return current !== lastCodes.get(secret) && current;
    },
    { what: 'the next TOTP code', timeoutMs: 31_000, everyMs: 1_000 },
  );
  lastCodes.set(secret, code);
  return code;
}

export async function signInConsole(page: Page, front: string, officer: PrintedOfficer): Promise<void> {
  await page.waitForSelector('#userName');
  expect(new URL(page.url()).pathname).toMatch(/^\/oidc\/interaction\//);
  await page.fill('#userName', officer.userName);
  await page.fill('#password', officer.password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  await page.waitForSelector('#code');
  await page.fill('#code', await unusedTotpCode(officer.totpSecret));
  await Promise.all([page.waitForURL(`${front}/console/**`), page.click('button[type=submit]')]);
}

/** A browser context of its own (cookies, sessionStorage) with the officer signed in at `front`, on `path`. */
export async function consoleAs(browser: Browser, front: string, officer: PrintedOfficer, path: string, log?: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  if (log) page.on('console', (message) => log.push(`${officer.userName} ${message.type()}: ${message.text()}`));
  await page.goto(`${front}/console${path}`);
  await signInConsole(page, front, officer);
  return { context, page };
}

export const consoleMenu = (page: Page) => page.$$eval('[data-menu]', (items) => items.map((item) => item.textContent?.trim()));

/** A call to the node's services with the token the page holds (what another tab of the same officer would send). */
export function callAsPage(page: Page, path: string, init: { method?: string; json?: unknown } = {}): Promise<{ status: number; body: any }> {
  return page.evaluate(
    async ({ path, init }) => {
      // Run in the page (this file is compiled without the DOM's types).
      const storage = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage;
      const key = Object.keys(storage).find((name) => name.startsWith('oidc.user:'))!;
      const token = (JSON.parse(storage.getItem(key)!) as { access_token: string }).access_token;
      const response = await fetch(path, {
        method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
        headers: { authorization: `Bearer ${token}`, ...(init.json === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    { path, init },
  );
}

/** A downloaded file's name and size. */
export async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: number }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: statSync(path).size };
}

/** The text box of a form field (data-field lands on the <input> of an el-input, on the wrapper of the others). */
/**
 * Chooses `option` (or the first option, answering its label) in the el-select `select` (a selector
 * of the .el-select itself), again until the select shows it and its list has faded out: a click on an option while
 * the list is still fading in or re-rendering is lost, and an axe check during the fade-out finds
 * the list scrollable and unfocusable.
 */
export async function chooseOption(page: Page, select: string, option?: string): Promise<string> {
  return eventually(
    async () => {
      if (!(await page.$('.el-select-dropdown:visible'))) await page.click(`${select} .el-select__wrapper`);
      const items = page.locator('.el-select-dropdown:visible .el-select-dropdown__item');
      const item = option === undefined ? items.first() : items.filter({ has: page.getByText(option, { exact: true }) }).first();
      const label = option ?? (await item.textContent({ timeout: 5_000 }).catch(() => null))?.trim();
      await item.click({ timeout: 5_000 }).catch(() => undefined);
      await page.locator('.el-select-dropdown:visible').first().waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
      const shown = await page.textContent(`${select} .el-select__selection`);
      return label && shown?.includes(label) && !(await page.$('.el-select-dropdown:visible')) ? label : undefined;
    },
    { what: `${option ?? 'the first option'} chosen in ${select}`, timeoutMs: 30_000 },
  );
}

/** The el-select of the open dialog whose input is named `label` (its aria-label). */
export const dialogSelect = (label: string) => `.el-dialog:visible .el-select:has(input[aria-label="${label}"])`;

export const field = (name: string) => `input[data-field="${name}"], [data-field="${name}"] input`;

/** The district node the console specs drive. */
export const CONSOLE_NODE = '330802';

/**
 * 柯城 alone as `npm start` launches it, with a small demo, ready; its web front's address (the
 * console is under /console/). A machine busy with other test runs can take more than the
 * default 3 s to hand out a database connection.
 */
export async function launchConsoleNode(): Promise<{ federation: LaunchedFederation; front: string }> {
  const federation = await launchFederation(
    { PG_CONNECT_TIMEOUT_MS: '20000', DEMO_VISITS_SCALE: '0.02', DEMO_MEMBERS_SCALE: '0.05', DEMO_WISHES_SCALE: '0.2', DEMO_VOLUNTEERS_SCALE: '0.1' },
    'district',
  );
  // A node started while other runs load the machine may take minutes; one that never gets ready is stopped, not left behind.
  try {
    // 就绪 comes before the year of work and 零工之家 (the console shows them), and the wish →
    // dispatch loop, which moderates wishes and decides demand lists, plays after both: a journey
    // deciding a group while the loop still accepts wishes into it would race it.
    await federation.waitForDemo(300_000);
  } catch (error) {
    await stopConsoleNode(federation);
    throw error;
  }
  return { federation, front: federation.url(CONSOLE_NODE, 'dashboard') };
}

/** Stops the launched node and removes what it wrote. */
export async function stopConsoleNode(federation: LaunchedFederation | undefined): Promise<void> {
  if (!federation) return;
  await federation.interrupt(30_000).catch(() => undefined);
  await federation.remove();
}

/** 柯城 launched (launchConsoleNode) and its district officer signed in on the home screen, in a Chromium of its own. */
export interface DistrictConsole {
  federation: LaunchedFederation;
  front: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** What the page logged, and its uncaught errors as `pageerror: …`. */
  consoleLines: string[];
}

/** The set-up of the district officer's journeys; a failed one leaves no browser nor node behind. */
export async function openDistrictConsole(): Promise<DistrictConsole> {
  const browser = await launchChromium();
  let federation: LaunchedFederation | undefined;
  try {
    let front: string;
    ({ federation, front } = await launchConsoleNode());
    const consoleLines: string[] = [];
    const { context, page } = await consoleAs(browser, front, printedOfficer(federation.output(), 'district_officer'), '/', consoleLines);
    page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
    await page.waitForSelector('[data-page="home"]');
    return { federation, front, browser, context, page, consoleLines };
  } catch (error) {
    await browser.close();
    await stopConsoleNode(federation);
    throw error;
  }
}

export async function closeDistrictConsole(session: DistrictConsole | undefined): Promise<void> {
  if (!session) return;
  await session.context.close();
  await session.browser.close();
  await stopConsoleNode(session.federation);
}
