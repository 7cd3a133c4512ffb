import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { jetstream, jetstreamManager, JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import type { Browser, Page } from 'playwright-core';
import { nodeFromCode, nodeRef, NodeRef, subtreeEventFilter } from '@ws/contracts';
import { freePort, NatsProcess, startNatsServer } from '@ws/messaging';
import { NATS_URL, testNodeCode, uniqueSuffix } from '@ws/testing';
import { cannedNode, CannedNodeData, DistrictSpec, stationsRoutes } from '../apps/dashboard/testing/canned-stations';
import { launchChromium } from '../apps/dashboard/testing/chromium';
import { RunningDashboard, startDashboard, testDashboardConfig } from '../apps/dashboard/testing/dashboard-app';
import { publishEvent, publishVisits } from '../apps/dashboard/testing/events';
import { FakeUpstream, startFakeUpstream } from '../apps/dashboard/testing/fake-upstream';

/**
 * The dashboard page in headless Chromium against a fake stations API and real JetStream:
 * nothing leaves the machine, the numbers are the API's, events arrive over SSE within 2 s.
 */
const SCREENSHOTS = join(__dirname, '..', 'docs', 'screenshots');
const LIVE_DEADLINE_MS = 2_000;

function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

function leavingTheMachine(urls: string[]): string[] {
  return urls.filter((url) => {
    const { protocol, hostname } = new URL(url);
    return protocol !== 'data:' && hostname !== '127.0.0.1';
  });
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

function waitForTileAtLeast(page: Page, name: string, minimum: number, timeout: number) {
  return page.waitForFunction(`Number(document.querySelector('[data-tile="${name}"]')?.getAttribute('data-value')) >= ${minimum}`, null, { timeout });
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
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let upstream: FakeUpstream;
  let dashboard: RunningDashboard;
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    nc = await connect({ servers: NATS_URL });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: stream, subjects: [subtreeEventFilter(node)] });
    await publishVisits(js, node, ['rider', 'rider']);
    await publishVisits(js, node, ['courier']);
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

    expect(upstream.requests.some((path) => path.startsWith('/stations?'))).toBe(true);
    expect(requests.length).toBeGreaterThan(5);
    expect(leavingTheMachine(requests)).toEqual([]);
    await page.close();
  });

  it('shows an event published to the stream within 2 s (SSE)', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const requests = recordRequests(page);
    await openDashboard(page, dashboard.url);
    await waitForTodayVisits(page, 3, 10_000);

    await publishVisits(js, node, ['truck_driver', 'sanitation']);
    await waitForTodayVisits(page, 5, LIVE_DEADLINE_MS);
    expect((await tile(page, 'latest-event')).text).toBe('打卡到访 ×2');
    expect(await page.locator('#feed li').first().textContent()).toContain('打卡到访 ×2');
    expect(leavingTheMachine(requests)).toEqual([]);
    await page.close();
  });
});

describe('dashboards of three levels (a private nats-server, province ← cities ← districts)', () => {
  const province = nodeFromCode('33');
  const quzhou = nodeFromCode('3308');
  const jiaxing = nodeFromCode('3304');
  const kecheng = nodeFromCode('330802');
  const qujiang = nodeFromCode('330803');
  const nanhu = nodeFromCode('330402');
  const DISTRICTS: Record<string, DistrictSpec> = {
    '330802': { code: '330802', center: [118.87, 28.95], stations: 38, seed: 11 },
    '330803': { code: '330803', center: [118.98, 28.9], stations: 26, seed: 12 },
    '330402': { code: '330402', center: [120.77, 30.76], stations: 31, seed: 13 },
  };
  const streamOf = (n: NodeRef) => `EVT_${n.code}`;
  let nats: NatsProcess;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let browser: Browser;
  const upstreams: FakeUpstream[] = [];
  const dashboards = new Map<string, RunningDashboard>();
  const urls = new Map<string, string>();
  const data = new Map<string, CannedNodeData>();

  beforeAll(async () => {
    browser = await launchChromium();
    nats = await startNatsServer({ node: province });
    nc = await connect({ servers: nats.url });
    js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    // One server standing in for the federation: each parent's EVT holds its own subjects and sources its children's.
    for (const district of [kecheng, qujiang, nanhu]) await jsm.streams.add({ name: streamOf(district), subjects: [subtreeEventFilter(district)] });
    await jsm.streams.add({ name: streamOf(quzhou), subjects: ['evt.33.3308._.>'], sources: [{ name: streamOf(kecheng) }, { name: streamOf(qujiang) }] });
    await jsm.streams.add({ name: streamOf(jiaxing), subjects: ['evt.33.3304._.>'], sources: [{ name: streamOf(nanhu) }] });
    await jsm.streams.add({ name: streamOf(province), subjects: ['evt.33._._.>'], sources: [{ name: streamOf(quzhou) }, { name: streamOf(jiaxing) }] });

    const occupations = ['rider', 'rider', 'courier', 'ride_hail_driver', 'truck_driver', 'sanitation', 'rider', 'courier'];
    for (const [district, batches] of [[kecheng, 9], [qujiang, 5], [nanhu, 7]] as const) {
      for (let batch = 0; batch < batches; batch += 1) {
        const at = new Date(Date.now() - batch * 17 * 60_000);
        await publishVisits(js, district, occupations.slice(0, 1 + ((batch * 3) % occupations.length)), at);
      }
      await publishEvent(js, district, 'stations', 'station', 'StationRegistered', { name: '新驿站' });
    }
    await publishEvent(js, kecheng, 'stations', 'station', 'StationReviewed', { stars: 5 });
    await publishEvent(js, quzhou, 'stations', 'standard', 'StandardAdopted', { standard: '八有' });

    const ports = new Map<string, number>();
    for (const n of [province, quzhou, kecheng]) {
      ports.set(n.code, await freePort());
      urls.set(n.code, `http://127.0.0.1:${ports.get(n.code)}`);
    }
    const subtree: Record<string, DistrictSpec[]> = {
      '33': Object.values(DISTRICTS),
      '3308': [DISTRICTS['330802']!, DISTRICTS['330803']!],
      '330802': [DISTRICTS['330802']!],
    };
    const links: Record<string, { parent?: string; children: string[] }> = {
      '33': { children: ['3308'] },
      '3308': { parent: '33', children: ['330802'] },
      '330802': { parent: '3308', children: [] },
    };
    for (const n of [province, quzhou, kecheng]) {
      const canned = cannedNode(subtree[n.code]!);
      data.set(n.code, canned);
      const upstream = await startFakeUpstream(stationsRoutes(canned, { total: 0 }));
      upstreams.push(upstream);
      const { parent, children } = links[n.code]!;
      const link = (code: string) => ({ code, name: nodeFromCode(code).name, url: urls.get(code)! });
      dashboards.set(
        n.code,
        await startDashboard(
          testDashboardConfig({
            node: n,
            natsUrl: nats.url,
            evtStream: streamOf(n),
            http: { port: ports.get(n.code)!, host: '127.0.0.1' },
            upstreams: { stations: upstream.url },
            children: children.map(link),
            ...(parent ? { parent: link(parent) } : {}),
          }),
        ),
      );
    }
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    for (const dashboard of dashboards.values()) await dashboard.close();
    for (const upstream of upstreams) await upstream.close();
    await nc?.close();
    await nats?.remove();
  });

  it.each([
    ['province', '33', '浙江省', 9 + 5 + 7],
    ['city', '3308', '衢州市', 9 + 5],
    ['district', '330802', '柯城区', 9],
  ])('the %s page (%s) shows its subtree; screenshot in docs/screenshots', async (level, code, name, minimumEvents) => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const requests = recordRequests(page);
    await openDashboard(page, urls.get(code)!);
    await waitForTileAtLeast(page, 'events-today', minimumEvents, 10_000);
    expect(await page.locator('#node-name').textContent()).toBe(name);
    const expected = expectedFigures(data.get(code)!);
    expect((await tile(page, 'stations-total')).value).toBe(String(expected.total));
    expect((await tile(page, 'stations-24h')).value).toBe(String(expected.open24h));
    expect((await tile(page, 'coverage-share')).text).toBe(`${(data.get(code)!.coverage.share * 100).toFixed(1)}%`);
    expect(leavingTheMachine(requests)).toEqual([]);

    await page.waitForTimeout(800); // chart animations settle before the picture
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `dashboard-${level}.png`), fullPage: true });
    await page.close();
  });

  it('shows a visit recorded at a district on the province page within 2 s', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await openDashboard(page, urls.get('33')!);
    await waitForTileAtLeast(page, 'visits-today', 1, 10_000);
    const before = Number((await tile(page, 'visits-today')).value);

    await publishVisits(js, kecheng, ['rider', 'courier', 'sanitation']);
    await waitForTodayVisits(page, before + 3, LIVE_DEADLINE_MS);
    expect(await page.locator('#feed li').first().textContent()).toContain('柯城区');
    await page.close();
  });

  it('drills down province → city → district → station', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await openDashboard(page, urls.get('33')!);
    await Promise.all([page.waitForURL(`${urls.get('3308')}/`), page.click('a[data-child="3308"]')]);
    await page.waitForSelector('body[data-loaded="true"]');
    expect(await page.locator('#node-name').textContent()).toBe('衢州市');
    expect(await page.locator('#crumbs a').textContent()).toContain('浙江省');

    await Promise.all([page.waitForURL(`${urls.get('330802')}/`), page.click('a[data-child="330802"]')]);
    await page.waitForSelector('body[data-loaded="true"]');
    expect(await page.locator('#node-name').textContent()).toBe('柯城区');

    const first = page.locator('#children button[data-station]').first();
    const stationName = await first.textContent();
    await first.click();
    await page.waitForSelector('#station-card:not([hidden])');
    expect(await page.locator('#station-card h4').textContent()).toBe(stationName);
    await page.close();
  });
});
