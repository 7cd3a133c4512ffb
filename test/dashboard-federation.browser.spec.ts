import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { allKeysetPages, keysetPagePath, shanghaiToday } from '@ws/contracts';
import { eventually } from '@ws/testing';
import { launchChromium } from '../apps/dashboard/testing/chromium';
import { leavingTheMachine, recordRequests } from '../apps/dashboard/testing/page-requests';
import { LaunchedFederation, launchFederation } from '../apps/dashboard/testing/launched-federation';

/**
 * The charts' entrance animations are over: the base layer of every chart (ECharts draws each
 * zlevel on a canvas of its own) looks the same in two pictures in a row. The map's ripples
 * (zlevel 1) never stop and are left out.
 */
async function chartsDrawn(page: Page): Promise<void> {
  let previous: string[] = [];
  await eventually(
    async () => {
      const pictures = await page.$$eval('canvas[data-zr-dom-id^="zr_0"]', (canvases) => canvases.map((canvas) => (canvas as HTMLCanvasElement).toDataURL()));
      const still = pictures.length > 0 && pictures.join() === previous.join();
      previous = pictures;
      return still;
    },
    { what: 'the charts drawn to the end of their animations', timeoutMs: 15_000, everyMs: 200 },
  );
}

/**
 * npm start's own launcher (tools/start.ts) brings up a real three-level federation — a
 * nats-server per node with leafnode links, the stations, membership, wishes and dispatch
 * services and the dashboard at 浙江, 衢州 and 柯城, demo data — and the pages are driven in
 * headless Chromium: nothing leaves the machine, every figure is the node's read model, a
 * check-in at the district reaches the province page within 2 s, the drill-down works, and
 * Ctrl-C leaves nothing running.
 */
const SCREENSHOTS = join(__dirname, '..', 'docs', 'screenshots');
const LIVE_DEADLINE_MS = 2_000;
const LEVELS = [
  { level: 'province', code: '33', name: '浙江省' },
  { level: 'city', code: '3308', name: '衢州市' },
  { level: 'district', code: '330802', name: '柯城区' },
] as const;

async function getJson(url: string): Promise<any> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} → ${response.status}: ${await response.text()}`);
  return response.json();
}

const figure = (stats: { figures: Array<{ key: string; value: number }> }, key: string) => stats.figures.find((f) => f.key === key)?.value;

/** What the node's read models say, through the services' own APIs (not the dashboard's proxy). */
async function readModels(federation: LaunchedFederation, code: string) {
  const stations = federation.url(code, 'stations');
  // The year so far, as the page asks for it.
  const day = shanghaiToday(new Date());
  const year = `from=${day.slice(0, 4)}-01-01&to=${day}`;
  const [directory, compliance, today, membership, wishes, directives, received, funds, legalAid] = await Promise.all([
    allKeysetPages<{ open24h: boolean; status: string }>((after) => getJson(keysetPagePath(`${stations}/stations`, after))),
    getJson(`${stations}/compliance`),
    getJson(`${stations}/visits/today`),
    getJson(`${federation.url(code, 'membership')}/stats`),
    getJson(`${federation.url(code, 'wishes')}/stats`),
    getJson(`${stations}/directives`),
    getJson(`${stations}/directives/received`),
    getJson(`${stations}/funds/figures?${year}`),
    getJson(`${stations}/legal-aid/figures?${year}`),
  ]);
  return {
    stations: directory.length,
    open24h: directory.filter((s) => s.open24h && s.status !== 'closed').length,
    compliance: compliance.share as number,
    visitsToday: today.total as number,
    members: figure(membership, 'members'),
    openWishes: figure(wishes, 'open'),
    wishes: figure(wishes, 'total'),
    directives: (directives.items as Array<{ id: string; progress: number }>).map((d) => ({ id: d.id, progress: d.progress })),
    received: (received.items as Array<{ id: string; acknowledged: boolean; status: string }>).filter((d) => d.status !== 'withdrawn'),
    fundsSpent: funds.spentFen as number,
    budget: funds.budgets.amountFen as number,
    legalCases: legalAid.cases as number,
    recovered: legalAid.recoveredFen as number,
  };
}

/**
 * The demo is written at the district; the city and the province fold the same events a moment
 * later. Waits until every level shows the district's figures and they hold still.
 */
async function settle(federation: LaunchedFederation, timeoutMs: number): Promise<void> {
  let previous = '';
  await eventually(async () => {
    const levels = await Promise.all(LEVELS.map(({ code }) => readModels(federation, code)));
    const subtree = levels.map(({ stations, visitsToday, members, wishes, fundsSpent, legalCases }) => JSON.stringify({ stations, visitsToday, members, wishes, fundsSpent, legalCases }));
    const now = JSON.stringify(levels);
    const still = now === previous;
    previous = now;
    // Thrown, not returned: the timeout error then shows where each level stood.
    if (new Set(subtree).size !== 1 || !still) throw new Error(`the levels: ${subtree.join(' | ')}`);
    return true;
  }, { what: 'every level showing the same figures, twice in a row', timeoutMs, everyMs: 1_500 });
}

async function value(page: Page, selector: string): Promise<string | null> {
  return page.locator(selector).first().getAttribute('data-value');
}

async function openDashboard(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('body[data-loaded="true"]', { timeout: 30_000 });
  await page.waitForSelector('#live-state[data-state="open"]', { timeout: 30_000 });
}

describe("npm start's federation (浙江 ← 衢州 ← 柯城) in headless Chromium", () => {
  let federation: LaunchedFederation | undefined;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    federation = await launchFederation({ DEMO_WISHES_SCALE: '0.1', DEMO_VOLUNTEERS_SCALE: '0.1' });
    await federation.waitForDemo(180_000);
    await settle(federation, 60_000);
  }, 440_000);

  afterAll(async () => {
    await browser?.close();
    await federation?.remove();
  });

  it.each(LEVELS)('the $level page ($code) shows its read models, loads nothing from outside; screenshot in docs/screenshots', async ({ level, code, name }) => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const requests = recordRequests(page);
    await openDashboard(page, `${federation!.url(code, 'dashboard')}/`);
    const models = await readModels(federation!, code);
    // Live today's visits come from the stream, the rest from the read models: wait for the stream's catch-up.
    await page.waitForSelector(`[data-tile="visits-today"][data-value="${models.visitsToday}"]`, { state: 'attached', timeout: 10_000 });

    expect(await page.locator('#node-name').textContent()).toBe(name);
    expect(models.stations).toBeGreaterThan(0);
    expect(await value(page, '[data-tile="stations-total"]')).toBe(String(models.stations));
    expect(await value(page, '[data-tile="stations-24h"]')).toBe(String(models.open24h));
    expect(Number(await value(page, '[data-tile="compliance-rate"]'))).toBe(models.compliance);
    expect(await value(page, '[data-tile="membership-total"]')).toBe(String(models.members));
    expect(models.members).toBeGreaterThan(0);
    expect(await value(page, '[data-tile="wishes-open"]')).toBe(String(models.openWishes));
    expect(await value(page, '[data-figure="wishes.total"]')).toBe(String(models.wishes));
    expect(Number(await value(page, '[data-tile="coverage-share"]'))).toBeGreaterThan(0);
    for (const directive of models.directives) {
      expect(Number(await value(page, `[data-directive-progress="${directive.id}"]`))).toBe(directive.progress);
    }
    if (level !== 'district') expect(models.directives.length).toBeGreaterThan(0);
    for (const directive of models.received) {
      expect(await value(page, `[data-received="${directive.id}"]`)).toBe(String(directive.acknowledged));
    }
    if (level !== 'province') expect(models.received.length).toBeGreaterThan(0);
    // 经费与法律援助: the district's year, summed upward, as each level's read models hold it.
    await page.waitForSelector('[data-figure="legalAid.cases"]', { state: 'attached' });
    expect(models.fundsSpent).toBeGreaterThan(0);
    expect(models.legalCases).toBeGreaterThan(0);
    expect(await value(page, '[data-figure="funds.spent"]')).toBe(String(models.fundsSpent));
    expect(await value(page, '[data-figure="funds.budget"]')).toBe(String(models.budget));
    expect(await value(page, '[data-figure="legalAid.cases"]')).toBe(String(models.legalCases));
    expect(await value(page, '[data-figure="legalAid.recovered"]')).toBe(String(models.recovered));
    expect(await page.locator('#chart-map canvas').count()).toBeGreaterThan(0);
    expect(requests.length).toBeGreaterThan(10);
    expect(leavingTheMachine(requests)).toEqual([]);

    await chartsDrawn(page);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `dashboard-${level}.png`), fullPage: true });
    await page.close();
  });

  it('shows a check-in posted at the district on the province page within 2 s (SSE)', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await openDashboard(page, `${federation!.url('33', 'dashboard')}/`);
    const before = Number(await value(page, '[data-tile="visits-today"]'));
    const [station] = (await getJson(`${federation!.url('330802', 'stations')}/stations?limit=1`)).items;

    const posted = await fetch(`${federation!.url('330802', 'stations')}/stations/${station.id}/checkins`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: randomUUID(), occupation: 'courier' }),
    });
    expect(posted.status).toBeLessThan(300);
    const sent = Date.now();
    await page.waitForSelector(`[data-tile="visits-today"][data-value="${before + 1}"]`, { state: 'attached', timeout: LIVE_DEADLINE_MS });
    expect(Date.now() - sent).toBeLessThan(LIVE_DEADLINE_MS);
    expect(await page.locator('#feed li').first().textContent()).toContain('柯城区');
    await page.close();
  });

  it('drills down province → city → district → station', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await openDashboard(page, `${federation!.url('33', 'dashboard')}/`);
    await Promise.all([page.waitForURL(`${federation!.url('3308', 'dashboard')}/`), page.click('a[data-child="3308"]')]);
    await page.waitForSelector('body[data-loaded="true"]');
    expect(await page.locator('#node-name').textContent()).toBe('衢州市');
    expect(await page.locator('#crumbs a').textContent()).toContain('浙江省');

    await Promise.all([page.waitForURL(`${federation!.url('330802', 'dashboard')}/`), page.click('a[data-child="330802"]')]);
    await page.waitForSelector('body[data-loaded="true"]');
    expect(await page.locator('#node-name').textContent()).toBe('柯城区');

    const first = page.locator('#children button[data-station]').first();
    const stationName = await first.textContent();
    await first.click();
    await page.waitForSelector('#station-card[data-detail="loaded"]');
    expect(await page.locator('#station-card h4').textContent()).toBe(stationName);
    // The card's history is GET /stations/:id's: registered first, so the oldest entry shown is a label, not a code.
    expect(await page.locator('#station-card .history li').count()).toBeGreaterThan(0);
    expect(await page.locator('#station-card .history').textContent()).toContain('新驿站登记');
    await page.close();
  });

  it('stops on Ctrl-C with nothing left running', async () => {
    expect(await federation!.interrupt(30_000)).toBe(0);
    expect(federation!.output()).toMatch(/已停止 stopped \(\d+ processes\)/);
    expect(await federation!.leftovers()).toEqual({ processes: [], ports: [] });
  });
});
