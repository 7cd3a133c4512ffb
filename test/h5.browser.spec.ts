import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import gcoord from 'gcoord';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { shanghaiDayAndHour } from '@ws/contracts';
import { hasGpsExif, phonePhotoWithGps } from '@ws/testing/photos';
import { eventually } from '@ws/testing';
import type { LaunchedFederation } from '../apps/dashboard/testing/launched-federation';
import { leavingTheMachine, recordRequests } from '../apps/dashboard/testing/page-requests';
import { PhoneName, phoneContext } from '../apps/dashboard/testing/phones';
import { asOfficer, checkPage, getJson, H5_NODE as NODE, startH5Node, stopH5Node } from './h5-pages';

/**
 * The worker pages (职工端) on phones against a real node: npm start's launcher runs 柯城 alone
 * (nats-server, the four services, the web front, demo stations) and Chromium plays a rider on
 * an iPhone and on a 360×640 Android through every journey of issue 11's first part, checking
 * each against the services' read models. Every page is checked with axe-core and saved to
 * docs/screenshots/h5-*.png.
 */

let federation: LaunchedFederation | undefined;
let browser: Browser;
let front: string;
let landingPath: string;
let stationId: string;

const api = (service: 'stations' | 'wishes', path: string) => `${federation!.url(NODE, service)}${path}`;

/** Today's visits at the station by occupation, from the visits read model. */
async function visitsToday(station: string): Promise<Record<string, number>> {
  const { day } = shanghaiDayAndHour(new Date());
  const answer = await getJson(api('stations', `/visits?from=${day}&to=${day}&by=occupation&stationId=${station}`));
  return Object.fromEntries((answer.rows as Array<{ key: string; visits: number }>).map((row) => [row.key, row.visits]));
}

const photoFolder = () => join(federation!.runDir, 'photos', `${federation!.databasePrefix}n${NODE}_wishes`);
const storedPhotos = () => {
  try {
    return readdirSync(photoFolder()).filter((name) => name.endsWith('.jpg') && !name.startsWith('.'));
  } catch {
    return [];
  }
};

async function phone(name: PhoneName, options: Parameters<typeof phoneContext>[2] = {}): Promise<{ context: BrowserContext; page: Page; requests: ReturnType<typeof recordRequests> }> {
  const context = await phoneContext(browser, name, options);
  const page = await context.newPage();
  return { context, page, requests: recordRequests(page) };
}

describe('职工端 (apps/h5) on phones against a running node', () => {
  beforeAll(async () => {
    ({ federation, browser, front } = await startH5Node({ DEMO_VISITS_SCALE: '0.02', DEMO_MEMBERS_SCALE: '0.02', DEMO_WISHES_SCALE: '0.1', DEMO_VOLUNTEERS_SCALE: '0.1' }));
    const printed = /扫码打卡 landing (\S+)/.exec(federation.output());
    if (!printed) throw new Error(`the launcher printed no landing URL:\n${federation.output()}`);
    const landing = new URL(printed[1]!);
    expect(`${landing.protocol}//${landing.host}`).toBe(front);
    expect(federation.output()).toContain(`职工端 h5        ${front}/h5/`);
    landingPath = `${landing.pathname}${landing.search}`;
    stationId = landing.pathname.split('/').pop()!;
  }, 420_000);

  afterAll(() => stopH5Node(federation, browser));

  it('scan → check in (Android 360×640): the thank-you shows the read model’s count; a second tap is the same visit; the occupation is remembered', async () => {
    const { context, page, requests } = await phone('android');
    const before = await visitsToday(stationId);
    await page.goto(`${front}${landingPath}`);
    await page.waitForSelector('[data-page="landing"]');
    // The card's answer was preloaded with the page (the front's Link header) and used: asked once.
    expect(requests.filter((url) => url.includes('/landing?')).length).toBe(1);
    await checkPage(page, 'landing');
    await page.click('[data-checkin]');
    expect(await page.textContent('.field-error')).toBe('请先选择您的职业');
    await page.click('[data-occupation="courier"]');
    await page.click('text=有工会会员卡？填卡号（可不填）');
    await page.fill('#member-card', '12');
    await page.click('[data-checkin]');
    expect(await page.textContent('#member-card-error')).toBe('会员卡号应为 6–20 位字母或数字');
    await page.fill('#member-card', '');
    await page.click('[data-checkin]');
    await page.waitForSelector('[data-page="checkin-done"]');
    const after = await eventually(async () => {
      const now = await visitsToday(stationId);
      return (now['courier'] ?? 0) === (before['courier'] ?? 0) + 1 ? now : undefined;
    }, { what: 'the check-in in the visits read model' });
    const total = Object.values(after).reduce((sum, n) => sum + n, 0);
    await page.waitForSelector(`[data-today-visits][data-value="${total}"]`);
    await checkPage(page, 'checkin-done');

    // Back to the code a minute later: the same visit, counted once; the chip remembered.
    await page.goto(`${front}${landingPath}`);
    await page.waitForSelector('[data-page="landing"]');
    expect(await page.getAttribute('[data-occupation="courier"]', 'aria-pressed')).toBe('true');
    await page.click('[data-checkin]');
    await page.waitForSelector('text=这是同一次到访');
    // Nothing may be counted during this second: the duplicate must not reach the read model.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await visitsToday(stationId))['courier']).toBe(after['courier']);
    expect(leavingTheMachine(requests)).toEqual([]);
    await context.close();
  });

  it('a check-in made offline (iPhone) is kept on the phone and sent when the network is back, counted once', async () => {
    const { context, page } = await phone('iphone');
    await page.goto(`${front}${landingPath}`);
    await page.waitForSelector('[data-page="landing"]');
    const before = (await visitsToday(stationId))['sanitation'] ?? 0;
    await context.setOffline(true);
    await page.click('[data-occupation="sanitation"]');
    await page.click('[data-checkin]');
    await page.waitForSelector('text=已保存，联网后自动打卡');
    const kept = await page.evaluate<Array<{ key: string; at: string }>>(`JSON.parse(localStorage.getItem('ws.checkins.pending'))`);
    expect(kept).toHaveLength(1);
    // Nothing may be counted during this second: the phone is offline.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await visitsToday(stationId))['sanitation'] ?? 0).toBe(before);

    await context.setOffline(false); // the page hears `online` and sends what it kept
    await eventually(async () => ((await visitsToday(stationId))['sanitation'] ?? 0) === before + 1, { what: 'the kept check-in in the read model' });
    await eventually(async () => (await page.evaluate<unknown[]>(`JSON.parse(localStorage.getItem('ws.checkins.pending'))`)).length === 0, { what: 'the queue emptied' });
    // Sent again with its key (a retry after a lost answer): the same visit.
    const again = await fetch(`${front}/api/stations/stations/${stationId}/checkins`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: kept[0]!.key, at: kept[0]!.at, occupation: 'sanitation' }),
    });
    expect(((await again.json()) as { status: string }).status).toBe('duplicate');
    await page.reload();
    await page.waitForSelector('[data-page="landing"]');
    // Nothing may be counted during this second: the reloaded page must not send the check-in again.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await visitsToday(stationId))['sanitation']).toBe(before + 1);
    await context.close();
  });

  it('refuses a forged or guessed station link', async () => {
    const { context, page } = await phone('android');
    const signature = new URL(`${front}${landingPath}`).searchParams.get('k')!;
    const tampered = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    for (const path of [`/h5/s/${randomUUID()}?k=${signature}`, `/h5/s/${stationId}?k=${tampered}`, `/h5/s/${stationId}`]) {
      await page.goto(`${front}${path}`);
      await page.waitForSelector('[data-page="landing-error"]');
      expect(await page.textContent('h1')).toBe('驿站码无效');
      expect(await page.textContent('[role="alert"]')).toContain('请扫描驿站张贴的二维码');
      expect(await page.locator('[data-checkin]').count()).toBe(0);
    }
    await checkPage(page, 'landing-forged');
    await context.close();
  });

  it('nearest stations from a mocked location (iPhone): the read model’s order, filters, and 导航 links in GCJ-02', async () => {
    const here = { longitude: 118.87, latitude: 28.94 };
    // The nearest station publishes its notice (公示) and is classed 旗舰型, as its officer would in the console.
    const nearest = ((await getJson(api('stations', `/nearest?lng=${here.longitude}&lat=${here.latitude}&k=1&maxKm=30`))) as Array<{ id: string }>)[0]!;
    const notice = { pledge: '热情接待、免费开放', services: '休息、饮水、热饭、充电', hours: '每天 7:00–21:00', hotline: '0570-8012351', managerName: '周站长' };
    await asOfficer('POST', api('stations', `/stations/${nearest.id}/notice`), notice);
    await asOfficer('POST', api('stations', `/stations/${nearest.id}/class`), { stationClass: 'flagship' });
    await eventually(async () => {
      const [first] = (await getJson(api('stations', `/nearest?lng=${here.longitude}&lat=${here.latitude}&k=1&maxKm=30`))) as Array<{ notice: { hotline: string | null; stationClass: unknown } }>;
      return first?.notice.hotline === notice.hotline && first.notice.stationClass !== null ? true : undefined;
    }, { what: 'the notice in the nearest stations' });
    const { context, page, requests } = await phone('iphone', { geolocation: here, permissions: ['geolocation'] });
    await page.goto(`${front}/h5/nearby`);
    await page.waitForSelector('[data-page="nearby"] li');
    const expected = (await getJson(api('stations', `/nearest?lng=${here.longitude}&lat=${here.latitude}&k=10&maxKm=30`))) as Array<{ id: string; lng: number; lat: number; name: string }>;
    expect(expected.length).toBeGreaterThan(0);
    expect(await page.locator('[data-page="nearby"] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-station')))).toEqual(expected.map((s) => s.id));
    expect(await page.locator('[data-station-map] [data-pin]').count()).toBe(expected.length);

    const first = expected[0]!;
    const [gcjLng, gcjLat] = gcoord.transform([first.lng, first.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const amap = new URL((await page.getAttribute(`[data-station="${first.id}"] [data-nav="amap"]`, 'href'))!);
    const [lng, lat] = amap.searchParams.get('to')!.split(',').map(Number);
    expect(Math.abs(lng! - gcjLng)).toBeLessThan(2e-6);
    expect(Math.abs(lat! - gcjLat)).toBeLessThan(2e-6);
    expect(Math.abs(lng! - first.lng) + Math.abs(lat! - first.lat)).toBeGreaterThan(0.003); // not the stored WGS-84
    expect(amap.searchParams.get('coordinate')).toBe('gaode');
    expect(await page.getAttribute(`[data-station="${first.id}"] [data-nav="baidu"]`, 'href')).toContain('coord_type=gcj02');
    expect(await page.getAttribute(`[data-station="${first.id}"] [data-nav="tencent"]`, 'href')).toMatch(/^qqmap:\/\/map\/routeplan\?/);
    // The short notice: hours, a hotline to tap, the class; never the manager's name.
    expect(first.id).toBe(nearest.id);
    expect(await page.textContent(`[data-station="${first.id}"] [data-notice-hours]`)).toContain('每天 7:00–21:00');
    expect(await page.getAttribute(`[data-station="${first.id}"] [data-notice-hotline]`, 'href')).toBe('tel:0570-8012351');
    expect(await page.textContent(`[data-station="${first.id}"] [data-station-class]`)).toBe('旗舰型');
    expect(await page.textContent('[data-page="nearby"]')).not.toContain('周站长');
    await checkPage(page, 'nearby');

    await page.click('[data-filter="open24h"]');
    const open24h = (await getJson(api('stations', `/nearest?lng=${here.longitude}&lat=${here.latitude}&k=10&maxKm=30&open24h=true`))) as Array<{ id: string }>;
    await eventually(async () => {
      const shown = await page.locator('[data-page="nearby"] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-station')));
      return JSON.stringify(shown) === JSON.stringify(open24h.map((s) => s.id));
    }, { what: 'the 24 h list' });
    expect(leavingTheMachine(requests)).toEqual([]);
    await context.close();
  });

  it('with the location refused, lets the rider pick a street (Android)', async () => {
    const { context, page } = await phone('android'); // no geolocation permission: the browser refuses
    await page.goto(`${front}/h5/nearby`);
    await page.waitForSelector('[data-page="pick-street"] [data-street]');
    await checkPage(page, 'nearby-pick-street');
    const streets = (await getJson(api('stations', '/streets'))).items as Array<{ code: string }>;
    await page.click(`[data-street="${streets[0]!.code}"]`);
    await page.waitForSelector('[data-page="nearby"] li, [data-empty]');
    await context.close();
  });

  it('wish with a photo → an officer accepts and answers through the API → timeline → the author confirms and rates; 附议 once per phone', async () => {
    const { context, page } = await phone('android');
    await page.goto(`${front}${landingPath}`);
    await page.waitForSelector('[data-page="landing"]');
    await page.click('text=许个心愿');
    await page.waitForSelector('[data-page="wish-post"] [data-category]');
    await page.click('[data-submit-wish]');
    expect(await page.textContent('[data-field-error="category"]')).toBe('请选择心愿类别');
    expect(await page.textContent('[data-field-error="text"]')).toBe('请写下您的心愿或建议');
    await checkPage(page, 'wish-post-errors');

    await page.click('[data-category="facilities"]');
    await page.fill('[data-field="text"]', '希望驿站增加一个电动车充电柜');
    const photos = storedPhotos().length;
    await page.setInputFiles('[data-photo-input]', { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await phonePhotoWithGps() });
    await page.waitForSelector('[data-photo-preview]');
    expect(storedPhotos()).toHaveLength(photos + 1);
    const [posted] = await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/api/wishes/wishes') && response.request().method() === 'POST'),
      page.click('[data-submit-wish]'),
    ]);
    const { wishId, wishNo } = (await posted.json()) as { wishId: string; wishNo: string };
    await page.waitForSelector('[data-page="wish-status"][data-status="submitted"]');
    await checkPage(page, 'wish-status');
    const status = await getJson(api('wishes', `/wishes/no/${wishNo}`));
    expect(status.photoRefs).toHaveLength(1);
    expect(await hasGpsExif(readFileSync(join(photoFolder(), `${status.photoRefs[0]}.jpg`)))).toBe(false);

    // The officer moves it on: accepted onto the wall, then answered from the street's demand list.
    await asOfficer('POST', api('wishes', `/wishes/${wishId}/accept`));
    // Another phone seconds it, once.
    const other = await phone('iphone');
    await other.page.goto(`${front}/h5/wishes/${wishNo}`);
    await other.page.waitForSelector('[data-page="wish-status"][data-status="accepted"]', { timeout: 15_000 }).catch(async () => {
      await other.page.reload();
      await other.page.waitForSelector('[data-page="wish-status"][data-status="accepted"]');
    });
    await other.page.click('text=我也需要（附议）');
    await other.page.waitForSelector('text=已附议');
    await other.page.reload();
    await other.page.waitForSelector('text=已附议');
    const seconderKey = await other.page.evaluate<string>(`JSON.parse(localStorage.getItem('ws.device'))`);
    const repeat = await fetch(`${front}/api/wishes/wishes/no/${wishNo}/seconds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconderKey }) });
    expect(repeat.status).toBe(409);
    expect(((await repeat.json()) as { code: string }).code).toBe('already_seconded');
    await other.context.close();

    const street = status.streetCode as string;
    await asOfficer('POST', api('wishes', `/streets/${street}/decisions`), { category: 'facilities', mode: 'answer_only', wishIds: [wishId], answer: '下周在驿站安装充电柜' });
    await eventually(async () => (await getJson(api('wishes', `/wishes/no/${wishNo}`))).status === 'completed', { what: 'the wish completed' });

    await page.goto(`${front}/h5/wishes`);
    await page.waitForSelector(`[data-my-wish="${wishNo}"]`);
    await checkPage(page, 'my-wishes');
    await page.click(`[data-my-wish="${wishNo}"]`);
    await page.waitForSelector('[data-page="wish-status"][data-status="completed"] [data-confirm]');
    expect(await page.locator('[data-timeline] [data-step]').evaluateAll((steps) => steps.map((s) => s.getAttribute('data-step')))).toEqual(['submitted', 'accepted', 'completed']);
    await page.click('[data-confirm-wish]');
    expect(await page.textContent('[data-confirm] .field-error')).toBe('请给这次服务打分（1–5 星）');
    await checkPage(page, 'wish-confirm');
    await page.click('[data-rating="5"]');
    await page.click('[data-confirm-wish]');
    await page.waitForSelector('[data-page="wish-status"][data-status="closed"]');
    const closed = await getJson(api('wishes', `/wishes/no/${wishNo}`));
    expect(closed).toMatchObject({ status: 'closed', rating: 5, seconds: 1 });
    await context.close();
  });

  it('the author reopens an answer that did not solve it (iPhone): the reason asked for at the field, the wish back on the street’s list', async () => {
    // Posted earlier from this phone (its number and key kept), accepted and answered by the street.
    const posted = await (await fetch(`${front}/api/wishes/wishes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ stationId, category: 'legal_advice', text: '想咨询工伤认定' }),
    })).json() as { wishId: string; wishNo: string; authorKey: string };
    await eventually(async () => (await fetch(api('wishes', `/wishes/no/${posted.wishNo}`))).ok, { what: 'the wish on its status page' });
    await asOfficer('POST', api('wishes', `/wishes/${posted.wishId}/accept`));
    const street = (await getJson(api('wishes', `/wishes/no/${posted.wishNo}`))).streetCode as string;
    await asOfficer('POST', api('wishes', `/streets/${street}/decisions`), { category: 'legal_advice', mode: 'answer_only', wishIds: [posted.wishId], answer: '每周三驿站有律师坐班' });
    await eventually(async () => (await getJson(api('wishes', `/wishes/no/${posted.wishNo}`))).status === 'completed', { what: 'the wish answered' });

    const { context, page } = await phone('iphone');
    await page.goto(`${front}/h5/`);
    const kept = JSON.stringify([{ wishNo: posted.wishNo, authorKey: posted.authorKey, stationName: '驿站', categoryLabel: '法律咨询', postedAt: new Date().toISOString() }]);
    await page.evaluate(`localStorage.setItem('ws.wishes.mine', ${JSON.stringify(kept)})`);
    await page.goto(`${front}/h5/wishes/${posted.wishNo}`);
    await page.waitForSelector('[data-page="wish-status"][data-status="completed"] [data-confirm]');
    expect(await page.textContent('.banner.ok')).toContain('每周三驿站有律师坐班');
    await page.click('text=没有解决，重新打开');
    await page.click('[data-reopen-wish]');
    expect(await page.textContent('#reopen-error')).toBe('请说明还有什么没解决');
    await page.fill('#reopen-reason', '周三要上班去不了，希望周末也有');
    await page.click('[data-reopen-wish]');
    await page.waitForSelector('[data-page="wish-status"][data-status="accepted"]');
    expect(await page.locator('[data-timeline] [data-step]').evaluateAll((steps) => steps.map((s) => s.getAttribute('data-step')))).toEqual(['submitted', 'accepted', 'completed', 'accepted']);
    expect((await getJson(api('wishes', `/wishes/no/${posted.wishNo}`))).status).toBe('accepted');
    await context.close();
  });

  it('随手拍 (iPhone): a JPEG with GPS EXIF is stored without it; a file that is not an image or is broken is refused at the field and stores nothing', async () => {
    const here = { longitude: 118.873, latitude: 28.936 };
    const { context, page } = await phone('iphone', { geolocation: here, permissions: ['geolocation'] });
    await page.goto(`${front}/h5/report`);
    await page.waitForSelector('[data-page="report"] [data-place]');
    const before = storedPhotos();

    await page.setInputFiles('[data-photo-input]', { name: 'note.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is a text file, not a photo') });
    await page.waitForSelector('[data-field-error="photo"]');
    expect(await page.textContent('[data-field-error="photo"]')).toContain('只能上传 JPG、PNG 或 WebP');
    await page.setInputFiles('[data-photo-input]', { name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 3)]) });
    await page.waitForSelector('[data-field-error="photo"]:has-text("损坏")');
    await page.setInputFiles('[data-photo-input]', { name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(11 * 1024 * 1024, 1) });
    await page.waitForSelector('[data-field-error="photo"]:has-text("不能超过 10 MB")');
    expect(storedPhotos()).toEqual(before);

    await page.click('[data-submit-report]');
    expect(await page.textContent('[data-field-error="text"]')).toBe('请写一句说明：拍的是什么问题');
    await checkPage(page, 'report-errors');
    await page.setInputFiles('[data-photo-input]', { name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: await phonePhotoWithGps() });
    await page.waitForSelector('[data-photo-preview]');
    await page.fill('[data-field="text"]', '文昌路口井盖缺失，电动车容易摔');
    await page.click('[data-submit-report]');
    await page.waitForSelector('[data-page="report-done"]');
    await checkPage(page, 'report-done');
    const reportId = (await page.textContent('[data-report-id]'))!.trim();
    const report = await eventually(async () => getJson(api('wishes', `/reports/${reportId}`)), { what: 'the report in the read model' });
    expect(report.location).toEqual({ lng: here.longitude, lat: here.latitude });
    expect(report.photoRefs).toHaveLength(1);
    const file = readFileSync(join(photoFolder(), `${report.photoRefs[0]}.jpg`));
    expect(await hasGpsExif(file)).toBe(false);
    expect(file.includes(Buffer.from('TestPhone'))).toBe(false);
    expect(storedPhotos()).toHaveLength(before.length + 1);
    // Its link works through the front for 10 minutes; the bare reference does not.
    expect((await fetch(`${front}/api/wishes/${report.photos[0].url}`)).status).toBe(200);
    expect((await fetch(`${front}/api/wishes/photos/${report.photoRefs[0]}.jpg`)).status).toBe(403);
    await context.close();
  });

  it('活动报名: from the station page, the home page and the nearby list — a place, then the waiting list on a second phone, a withdrawal hands the place on; the phone key never in an address', async () => {
    const tomorrow = shanghaiDayAndHour(new Date(Date.now() + 86_400_000)).day;
    const { activityId } = await asOfficer('POST', api('stations', '/activities'), {
      stationId, kind: 'first_aid_training', title: '急救包扎培训（报名测试）', organiser: '柯城区总工会', plannedOn: tomorrow, places: 1,
    });
    await eventually(async () => {
      const open = await getJson(api('stations', `/activities?stationId=${stationId}&signUpOpen=true&limit=50`));
      return (open.items as Array<{ activityId: string }>).some((a) => a.activityId === activityId) || undefined;
    }, { what: 'the activity open for sign-up in the read model' });
    const card = `[data-activity="${activityId}"]`;
    const counts = () => getJson(api('stations', `/activities/${activityId}`)) as Promise<{ confirmed: number; waitlisted: number }>;

    // The first phone signs up on the station's page and takes the one place.
    const first = await phone('android');
    await first.page.goto(`${front}${landingPath}`);
    await first.page.waitForSelector(`[data-station-activities] ${card}`);
    expect(await first.page.textContent(`${card} [data-places-left]`)).toBe('1');
    await first.page.click(`${card} [data-sign-up]`);
    await first.page.waitForSelector(`${card} [data-standing="confirmed"]`);
    await first.page.waitForSelector(`${card} [data-places-left]:text-is("0")`, { timeout: 60_000 });
    expect(await counts()).toMatchObject({ confirmed: 1, waitlisted: 0 });

    // The second comes from the home page: the place is taken, it waits first in line.
    const second = await phone('iphone');
    await second.page.goto(`${front}/h5/`);
    await second.page.click('[data-tile="activities"]');
    await second.page.waitForSelector(`[data-page="activities"] ${card}`);
    expect((await second.page.textContent(`${card} [data-sign-up]`))?.trim()).toBe('名额已满，候补报名');
    await second.page.click(`${card} [data-sign-up]`);
    await second.page.waitForSelector(`${card} [data-standing="waitlisted"]:has-text("候补第 1 位")`);
    await second.page.waitForSelector(`${card} [data-waitlisted]:text-is("1")`, { timeout: 60_000 });
    await checkPage(second.page, 'activities');

    // The first withdraws: the place goes to the second, who sees it on coming back (asked of the service, not kept on the phone).
    await first.page.click(`${card} [data-withdraw]`);
    await first.page.waitForSelector(`${card} [data-sign-up]`).catch(async (error: Error) => {
      throw new Error(`${error.message}\nthe card shows: ${await first.page.textContent(card)}`);
    });
    await eventually(async () => ((await counts()).waitlisted === 0 ? true : undefined), { what: 'the place handed on' });
    expect(await counts()).toMatchObject({ confirmed: 1, waitlisted: 0 });
    await second.page.reload();
    await second.page.waitForSelector(`${card} [data-standing="confirmed"]`);

    // From the nearby list (only stations open now are listed): the first one's activities, as the read model has them.
    const station = await getJson(api('stations', `/stations/${stationId}`));
    const nearby = await phone('android', { geolocation: { longitude: station.lng, latitude: station.lat }, permissions: ['geolocation'] });
    await nearby.page.goto(`${front}/h5/nearby`);
    const link = nearby.page.locator('[data-station-activities-link]').first();
    const nearest = (await link.getAttribute('data-station-activities-link'))!;
    await link.click();
    await nearby.page.waitForSelector('[data-page="activities"] [data-activities], [data-page="activities"] [data-empty]');
    const expected = (await getJson(api('stations', `/activities?stationId=${nearest}&signUpOpen=true&limit=10`))).items as Array<{ activityId: string }>;
    expect(await nearby.page.$$eval('[data-page="activities"] [data-activity]', (cards) => cards.map((c) => c.getAttribute('data-activity')))).toEqual(expected.map((a) => a.activityId));
    expect(new URL(nearby.page.url()).searchParams.get('station')).toBe(nearest);

    for (const { page, requests } of [first, second, nearby]) {
      const key = await page.evaluate<string>(`JSON.parse(localStorage.getItem('ws.device'))`);
      expect(requests.filter((url) => key && url.includes(key))).toEqual([]);
      expect(leavingTheMachine(requests)).toEqual([]);
    }
    for (const { context } of [first, second, nearby]) await context.close();
  });

  it('works under a strict Content-Security-Policy (no inline script or style)', async () => {
    const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; base-uri 'self'; form-action 'self'";
    const { context, page } = await phone('android', { geolocation: { longitude: 118.87, latitude: 28.94 }, permissions: ['geolocation'] });
    // The faults stream sets the node's headers; here the entry page gets the strictest one this app can live with.
    await context.route(`${front}/h5/**`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
    });
    await context.addInitScript(`window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));`);
    const violations = () => page.evaluate<string[]>('window.__violations');
    await page.goto(`${front}${landingPath}`);
    await page.waitForSelector('[data-page="landing"]');
    await page.click('text=许个心愿');
    await page.waitForSelector('[data-page="wish-post"] [data-category]');
    await page.click('[data-submit-wish]');
    await page.waitForSelector('[data-field-error="text"]');
    await page.goto(`${front}/h5/nearby`);
    await page.waitForSelector('[data-page="nearby"] li');
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it('serves the home and not-found pages; every request stays on the node', async () => {
    const { context, page, requests } = await phone('android');
    await page.goto(`${front}/h5/`);
    await page.waitForSelector('.tile-grid');
    await checkPage(page, 'home');
    await page.goto(`${front}/h5/no/such/page`);
    await page.waitForSelector('text=页面不存在');
    await checkPage(page, 'not-found');
    expect(leavingTheMachine(requests)).toEqual([]);
    await context.close();
  });
});
