import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager, JetStreamManager } from '@ws/testing/nats';
import { connect, NatsConnection } from '@ws/testing/nats';
import type { Browser, Page } from 'playwright-core';
import { nodeRef, subtreeEventFilter } from '@ws/contracts';
import { NATS_URL, testNodeCode, uniqueSuffix } from '@ws/testing';
import { CANNED_FUNDS, CANNED_LABELS, CANNED_WORK, cannedNode, CannedNodeData, stationsRoutes } from '../apps/dashboard/testing/canned-stations';
import { launchChromium } from '../apps/dashboard/testing/chromium';
import { RunningDashboard, startDashboard, testDashboardConfig } from '../apps/dashboard/testing/dashboard-app';
import { publishVisits } from '../apps/dashboard/testing/events';
import { FakeUpstream, startFakeUpstream } from '../apps/dashboard/testing/fake-upstream';
import { leavingTheMachine, recordRequests } from '../apps/dashboard/testing/page-requests';

/**
 * The dashboard page in headless Chromium against a fake stations API (and no other service)
 * and real JetStream: the sections of missing services degrade to 暂无数据, the rest is drawn
 * from what the API answers, and events arrive over SSE within 2 s. The real federation, with
 * every service, is dashboard-federation.browser.spec.ts.
 */
const LIVE_DEADLINE_MS = 2_000;
const SCREENSHOTS = join(__dirname, '..', 'docs', 'screenshots');

/** The names an ECharts chart on the page draws (its series' data), read from the chart itself. */
function chartNames(page: Page, id: string): Promise<string[]> {
  return page.evaluate((elementId) => {
    // Run in the page (this file is compiled without the DOM's types).
    const { echarts, document } = globalThis as unknown as { echarts: { getInstanceByDom(e: unknown): { getOption(): any } | undefined }; document: { getElementById(id: string): unknown } };
    const chart = echarts.getInstanceByDom(document.getElementById(elementId));
    const series = chart?.getOption().series?.[0];
    const axis = chart?.getOption().yAxis?.[0]?.data as string[] | undefined;
    return axis ?? (series?.data ?? []).map((d: { name: string }) => d.name);
  }, id);
}

async function tile(page: Page, name: string): Promise<{ text: string; value: string | null }> {
  const element = page.locator(`[data-tile="${name}"]`).first();
  return { text: (await element.textContent())?.trim() ?? '', value: await element.getAttribute('data-value') };
}

async function openDashboard(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('body[data-loaded="true"]', { timeout: 20_000 });
  await page.waitForSelector('#live-state[data-state="open"]', { timeout: 20_000 });
}

function waitForTodayVisits(page: Page, visits: number, timeout: number) {
  return page.waitForSelector(`[data-tile="visits-today"][data-value="${visits}"]`, { state: 'attached', timeout });
}

function expectedFigures(data: CannedNodeData) {
  return {
    total: data.stations.length,
    active: data.stations.filter((s) => s.status === 'active').length,
    open24h: data.stations.filter((s) => s.open24h && s.status !== 'closed').length,
    visits30d: data.visitsByDay.reduce((sum, day) => sum + day.visits, 0),
  };
}

describe('dashboard page (shared NATS, a test district)', () => {
  const code = testNodeCode();
  const node = nodeRef(code);
  const stream = `DASH_${uniqueSuffix()}`;
  const data = cannedNode([{ code, center: [118.87, 28.94], stations: 23, seed: 7 }]);
  // A name typed by an officer is data, never markup: every station carries an attempt at script.
  const HOSTILE = '<img src=x onerror="window.__injected=1">';
  for (const station of data.stations) station.name = `${HOSTILE}${station.name}`;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let upstream: FakeUpstream;
  let dashboard: RunningDashboard;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    nc = await connect({ servers: NATS_URL });
    jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: stream, subjects: [subtreeEventFilter(node)] });
    await publishVisits(nc, node, ['rider', 'rider']);
    await publishVisits(nc, node, ['courier']);
    upstream = await startFakeUpstream(stationsRoutes(data, { total: 3 }, ['/coverage']));
    dashboard = await startDashboard(testDashboardConfig({ node, natsUrl: NATS_URL, evtStream: stream, upstreams: { stations: upstream.url } }));
  });

  afterAll(async () => {
    await browser?.close();
    await dashboard?.close();
    await upstream?.close();
    await jsm?.streams.delete(stream).catch(() => undefined);
    await nc?.close();
  });

  it('shows the API numbers, the stream counters, and 暂无数据 where a service does not answer, without leaving the machine', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const requests = recordRequests(page);
    await openDashboard(page, dashboard.url);
    await waitForTodayVisits(page, 3, 10_000);

    const expected = expectedFigures(data);
    expect(await tile(page, 'stations-total')).toEqual({ text: expected.total.toLocaleString('zh-CN'), value: String(expected.total) });
    expect((await tile(page, 'stations-active')).value).toBe(String(expected.active));
    expect((await tile(page, 'stations-24h')).value).toBe(String(expected.open24h));
    expect(await tile(page, 'compliance-rate')).toEqual({ text: `${(data.compliance.share * 100).toFixed(1)}%`, value: String(data.compliance.share) });
    expect((await tile(page, 'compliance-detail')).text).toBe(`对照「八有」 达标 ${data.compliance.compliant} / ${data.compliance.total}`);
    expect((await tile(page, 'visits-30d')).value).toBe(String(expected.visits30d));
    expect((await tile(page, 'events-today')).value).toBe('2');

    // No coverage endpoint and no membership/wishes/dispatch/directives services: 暂无数据, the rest still drawn.
    expect(await page.locator('#coverage-summary').textContent()).toContain('暂无数据');
    for (const section of ['#directives', '#figures-membership', '#figures-wishes', '#figures-dispatch']) {
      expect(await page.locator(section).textContent()).toContain('暂无数据');
    }
    expect(await page.locator('#chart-tiers canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#chart-map canvas').count()).toBeGreaterThan(0);

    // The year's work, from 1 January to today, as the stations service's figures answer it.
    const work = Object.fromEntries(await page.locator('#figures-work [data-figure]').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-figure'), n.getAttribute('data-value')])));
    expect(work).toEqual({
      'work.activitiesHeld': String(CANNED_WORK.activities.held), 'work.activityPeople': String(CANNED_WORK.activities.participants),
      'work.welfarePeople': String(CANNED_WORK.welfare.peopleReached), 'work.healthChecks': String(CANNED_WORK.programmes.healthChecks.people),
      'work.healthNewFormShare': String(CANNED_WORK.programmes.healthChecks.newFormSharePercent), 'work.childcare': String(CANNED_WORK.programmes.childcare.people),
    });
    expect(await page.locator('#figures-work').textContent()).toContain('50.6%');
    expect(upstream.requests.some((path) => new RegExp(`^/activities/figures\\?from=\\d{4}-01-01&to=`).test(path))).toBe(true);

    expect(upstream.requests.some((path) => path.startsWith('/stations?'))).toBe(true);
    expect(requests.length).toBeGreaterThan(5);
    expect(leavingTheMachine(requests)).toEqual([]);
    await page.close();
  });

  it('shows the year\'s funds and legal aid, amounts in 元/万元 and kinds named by the service; screenshots in docs/screenshots', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await openDashboard(page, dashboard.url);
    await page.waitForSelector('#chart-legal-kind canvas');

    const shown = await page.locator('#figures-funds [data-figure]').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-figure'), n.getAttribute('data-value'), n.textContent]));
    const { funds, legalAid } = CANNED_FUNDS;
    expect(shown).toEqual([
      ['funds.budget', String(funds.budgets.amountFen), '12万元'],
      ['funds.spent', String(funds.spentFen), '4.94万元'],
      ['funds.balance', String(funds.budgets.balanceFen), '7.06万元'],
      ['legalAid.cases', String(legalAid.cases), '18'],
      ['legalAid.settled', String(legalAid.settled), '11'],
      ['legalAid.recovered', String(legalAid.recoveredFen), '36.52万元'],
    ]);
    // Both for the year so far, as the other figures of the year.
    for (const path of ['/funds/figures', '/legal-aid/figures']) {
      expect(upstream.requests.some((asked) => new RegExp(`^${path}\\?from=\\d{4}-01-01&to=\\d{4}-\\d{2}-\\d{2}$`).test(asked))).toBe(true);
    }
    // The charts draw the service's labels (no copy in the page), the empty rows left out, the most cases on top.
    expect((await chartNames(page, 'chart-funds-category')).sort()).toEqual(funds.byCategory.filter((c) => c.spentFen > 0).map((c) => c.label).sort());
    expect(await chartNames(page, 'chart-legal-kind')).toEqual(['工伤', '法律咨询', '欠薪']);

    await page.waitForTimeout(800); // chart animations settle before the picture
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator('[data-panel="funds"]').screenshot({ path: join(SCREENSHOTS, 'dashboard-funds.png') });
    await page.locator('#figures-work').locator('xpath=..').screenshot({ path: join(SCREENSHOTS, 'dashboard-work.png') });
    await page.close();
  });

  it('serves the page under a content security policy without violating it, and shows hostile names as text', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto(dashboard.url);
    const headers = response!.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(headers['x-content-type-options']).toBe('nosniff');
    await page.waitForSelector('body[data-loaded="true"]', { timeout: 20_000 });
    await page.waitForSelector('#children button[data-station]', { timeout: 10_000 });

    const listed = await page.locator('#children li:has(button[data-station])').first().textContent();
    expect(listed).toContain(HOSTILE);
    // its tier is named as the stations service names it (GET /labels), not by a copy in the page
    const shown = data.stations.find((s) => listed!.startsWith(s.name))!;
    const tierName = CANNED_LABELS.tiers.find((t) => t.code === shown.tier)!.label;
    expect(listed).toContain(tierName);
    await page.locator('#children button[data-station]').first().click();
    await page.waitForSelector('#station-card h4');
    expect(await page.locator('#station-card h4').textContent()).toContain(HOSTILE);
    expect(await page.locator('#station-card').textContent()).toContain(tierName);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __injected?: number }).__injected)).toBeUndefined();
    expect(violations).toEqual([]);
    await page.close();
  });

  it('shows an event published to the stream within 2 s (SSE)', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const requests = recordRequests(page);
    await openDashboard(page, dashboard.url);
    await waitForTodayVisits(page, 3, 10_000);

    await publishVisits(nc, node, ['truck_driver', 'sanitation']);
    await waitForTodayVisits(page, 5, LIVE_DEADLINE_MS);
    expect((await tile(page, 'latest-event')).text).toBe('打卡到访 ×2');
    expect(await page.locator('#feed li').first().textContent()).toContain('打卡到访 ×2');
    expect(leavingTheMachine(requests)).toEqual([]);
    await page.close();
  });
});
