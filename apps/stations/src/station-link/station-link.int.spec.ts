import { randomUUID } from 'node:crypto';
import { Kysely, sql } from 'kysely';
import QRCode from 'qrcode';
import { DIRECTIVE_KINDS, HONOUR_LEVELS, REVIEW_CRITERIA, STANDARD_CODES, STATION_HOSTS, STATION_STATUSES, STATION_TIERS } from '@ws/contracts';
import { DB } from '@ws/platform';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import type { StationsDatabase } from '../db/database';
import { unicodeOf } from '../print/testing/pdf-unicode';
import { StationsModule } from '../stations.module';
import { signStationLink } from './station-link';

/** The station code end to end: an officer's signed link opens the landing card; a forged one opens nothing. */
describe('station code and landing card (real Postgres and NATS)', () => {
  const secret = 'station-link-test-secret-0123456789abcdef';
  let service: ServiceHarness;
  let officer: string;
  let stationId: string;

  const get = (url: string, token?: string, headers: Record<string, string> = {}) =>
    service.app.inject({ method: 'GET', url, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

  beforeAll(async () => {
    service = await startService('stations', (config) => StationsModule.forRoot({ config, stationLink: { secret } }));
    officer = await service.token('district_officer');
    const created = await service.app.inject({
      method: 'POST',
      url: '/stations',
      headers: { authorization: `Bearer ${officer}` },
      payload: {
        name: '文昌社区工会驿站',
        kind: 'station',
        tier: 'community',
        host: 'community_centre',
        streetCode: '330802001',
        communityCode: '330802001001',
        address: '衢州市柯城区文昌路1号',
        location: { lng: 118.873, lat: 28.936 },
        hours: { open24h: true },
        seats: 12,
        contactPhone: '0570-8888123',
        facilities: ['microwave', 'charging'],
      },
    });
    expect(created.statusCode).toBe(201);
    stationId = created.json().stationId;
    await service.settle();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('gives officers the signed landing URL at the origin the front was reached at, and its QR code as PNG', async () => {
    const code = await get(`/stations/${stationId}/code`, officer, { 'x-forwarded-proto': 'http', 'x-forwarded-host': '192.168.1.20:4400' });
    expect(code.statusCode).toBe(200);
    const url = code.json().url as string;
    expect(url).toBe(`http://192.168.1.20:4400/h5/s/${stationId}?k=${signStationLink(secret, service.config.node.code, stationId)}`);

    // A small size: encoding a PNG runs slowly inside jest's module sandbox (the service's default is 600 px).
    const png = await get(`/stations/${stationId}/code.png?size=120`, officer, { 'x-forwarded-host': '192.168.1.20:4400' });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.equals(await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', width: 120, margin: 2 }))).toBe(true);
    expect((await get(`/stations/${stationId}/code.png?size=5000`, officer)).json()).toMatchObject({ code: 'validation_failed', field: 'size' });

    expect((await get(`/stations/${stationId}/code`)).statusCode).toBe(401);
    const otherManager = await service.token('station_manager', { station: randomUUID() });
    expect((await get(`/stations/${stationId}/code.png?size=120`, otherManager)).statusCode).toBe(403);
    const ownManager = await service.token('station_manager', { station: stationId });
    expect((await get(`/stations/${stationId}/code`, ownManager)).statusCode).toBe(200);
  });

  it('prints the poster as a PDF with the same code, for the same people', async () => {
    const poster = await get(`/stations/${stationId}/poster.pdf`, officer, { 'x-forwarded-host': '192.168.1.20:4400' });
    expect(poster.statusCode).toBe(200);
    expect(poster.headers['content-type']).toBe('application/pdf');
    expect(poster.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(poster.rawPayload.toString('latin1')).toContain('NotoSansSC');
    expect(poster.rawPayload.length).toBeLessThan(300_000);
    const otherManager = await service.token('station_manager', { station: randomUUID() });
    expect((await get(`/stations/${stationId}/poster.pdf`, otherManager)).statusCode).toBe(403);
  });

  it('answers the landing card for a signed link: open, facilities and occupations with their labels, today’s visits', async () => {
    const k = signStationLink(secret, service.config.node.code, stationId);
    const before = await get(`/stations/${stationId}/landing?k=${k}`);
    expect(before.statusCode).toBe(200);
    const card = before.json();
    expect(card).toMatchObject({
      id: stationId,
      name: '文昌社区工会驿站',
      status: 'active',
      open: { now: true, open24h: true },
      facilities: [{ code: 'microwave', label: '微波炉' }, { code: 'charging', label: '充电/排插' }],
      notice: { hotline: '0570-8888123' },
      kind: { code: 'station', label: '工会驿站' },
    });
    expect(card.occupations).toContainEqual({ code: 'rider', label: '外卖骑手' });
    expect(card.occupations).toContainEqual({ code: 'taxi_driver', label: '出租车司机' });

    const checkin = await service.app.inject({ method: 'POST', url: `/stations/${stationId}/checkins`, payload: { key: randomUUID(), occupation: 'rider' } });
    expect(checkin.statusCode).toBe(201);
    await service.settle();
    const after = await get(`/stations/${stationId}/landing?k=${k}`);
    expect(after.json().today.visits).toBe(card.today.visits + 1);
  });

  it('shows the public notice (公示) and the class on the landing card and in the directory; the manager’s name never in an event', async () => {
    const post = (url: string, payload: object) => service.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${officer}` }, payload });
    const notice = {
      pledge: '热情接待、免费开放、文明使用、共同维护', services: '休息、饮水、热饭、充电、如厕', hours: '全天24小时开放', managerName: '王丽',
      hotline: '0570-8888000', partners: [{ kind: 'traffic_police', name: '柯城交警大队' }, { kind: 'charity', name: '衢州义工联' }],
    };
    // Before a notice: the directory's short notice has the station's public number and no hours or class.
    const listed = async () => (await get('/stations')).json().items.find((s: { id: string }) => s.id === stationId);
    expect((await listed()).notice).toEqual({ stationClass: null, hotline: '0570-8888123', hours: null });
    const refused = await post(`/stations/${stationId}/notice`, { ...notice, hotline: '13912345678' });
    expect([refused.statusCode, refused.json().code, refused.json().field]).toEqual([422, 'hotline_is_mobile', 'hotline']);
    expect(refused.json().detail).toContain('个人手机');
    const first = await post(`/stations/${stationId}/notice`, notice);
    expect(first.json()).toMatchObject({ events: ['StationNoticePublished'] });
    expect((await post(`/stations/${stationId}/notice`, notice)).json()).toMatchObject({ events: [] });
    expect((await post(`/stations/${stationId}/class`, { stationClass: 'flagship' })).json()).toMatchObject({ events: ['StationClassified'] });
    await service.settle();

    const shown = {
      stationClass: { code: 'flagship', label: '旗舰型' }, hotline: '0570-8888000', pledge: notice.pledge, services: notice.services, hours: notice.hours, managerName: '王丽',
      partners: [{ kind: 'traffic_police', label: '交警', name: '柯城交警大队' }, { kind: 'charity', label: '公益伙伴', name: '衢州义工联' }],
    };
    const k = signStationLink(secret, service.config.node.code, stationId);
    expect((await get(`/stations/${stationId}/landing?k=${k}`)).json().notice).toEqual(shown);
    expect((await get(`/stations/${stationId}`)).json()).toMatchObject({ notice: shown, stationClass: 'flagship' });
    expect((await get('/stations?stationClass=flagship')).json().items.map((s: { id: string }) => s.id)).toEqual([stationId]);
    expect((await get('/stations?stationClass=standard')).json().items).toEqual([]);
    // The directory's list carries the short notice (class, hotline, hours), never the manager's name or the pledge.
    const entry = await listed();
    expect(entry.notice).toEqual({ stationClass: shown.stationClass, hotline: '0570-8888000', hours: '全天24小时开放' });
    expect(JSON.stringify(entry)).not.toContain('王丽');

    // The poster prints the same notice, the manager's name and the partners in the bundled font.
    const poster = await get(`/stations/${stationId}/poster.pdf`, officer);
    expect(poster.statusCode).toBe(200);
    const printed = unicodeOf(poster.rawPayload);
    for (const text of ['服务公约', notice.pledge, '管理人员', '王丽', '进驻单位', '柯城交警大队', '衢州义工联', '公益伙伴']) {
      expect({ text, missing: [...text].filter((char) => !printed.has(char)) }).toEqual({ text, missing: [] });
    }

    const db = service.app.get<Kysely<StationsDatabase>>(DB);
    const { rows } = await sql<{ n: string }>`select count(*) as n from events where data::text like ${'%王丽%'}`.execute(db);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('refuses a guessed id, a forged or another node’s signature, and a missing one, all alike', async () => {
    const own = signStationLink(secret, service.config.node.code, stationId);
    for (const url of [
      `/stations/${randomUUID()}/landing?k=${own}`,
      `/stations/${stationId}/landing?k=${own.slice(0, 15)}${own.endsWith('A') ? 'B' : 'A'}`,
      `/stations/${stationId}/landing?k=${signStationLink(secret, '330424', stationId)}`,
      `/stations/${stationId}/landing?k=${signStationLink('another-secret-of-another-node-000000', service.config.node.code, stationId)}`,
      `/stations/${stationId}/landing`,
    ]) {
      const refused = await get(url);
      expect(refused.statusCode).toBe(404);
      expect(refused.json()).toMatchObject({ code: 'station_link_invalid', field: 'k' });
      expect(refused.json().detail ?? refused.json().title).toMatch(/驿站码无效/);
    }
  });

  it('lists the streets with stations, with a centre to search from', async () => {
    const streets = (await get('/streets')).json();
    expect(streets.items).toEqual([{ code: '330802001', name: expect.any(String), stations: 1, center: { lng: 118.873, lat: 28.936 } }]);
  });

  it('finds it nearby with the 24 h and kind filters', async () => {
    const near = '/nearest?lng=118.87&lat=28.94&k=3';
    expect((await get(`${near}&open24h=true`)).json()).toEqual([expect.objectContaining({ id: stationId, open24h: true, facilities: ['microwave', 'charging'] })]);
    // The nearest stations carry the directory's short notice (published by the test above) for the worker pages.
    expect((await get(near)).json()[0].notice).toEqual({ stationClass: { code: 'flagship', label: '旗舰型' }, hotline: '0570-8888000', hours: '全天24小时开放' });
    expect((await get(`${near}&open24h=true&facility=microwave`)).json()).toHaveLength(1);
    expect((await get(`${near}&open24h=true&facility=shower`)).json()).toEqual([]);
    expect((await get(`${near}&kind=driver_home`)).json()).toEqual([]);
    expect((await get(`${near}&kind=station`)).json()).toHaveLength(1);
  });

  it('names the codes for the pages', async () => {
    const labels = (await get('/labels')).json();
    expect(labels.occupations).toContainEqual({ code: 'courier', label: '快递员' });
    expect(labels.facilities).toContainEqual({ code: 'microwave', label: '微波炉' });
    expect(labels.kinds).toContainEqual({ code: 'driver_home', label: '司机之家' });
    expect(labels.tiers.map((t: { code: string }) => t.code)).toEqual([...STATION_TIERS]);
    expect(labels.hosts.map((h: { code: string }) => h.code)).toEqual([...STATION_HOSTS]);
    expect(labels.hosts).toContainEqual({ code: 'gas_station', label: '加油站' });
    expect(labels.directiveKinds.map((k: { code: string }) => k.code)).toEqual([...DIRECTIVE_KINDS]);
    expect(labels.directiveKinds).toContainEqual({ code: 'review_campaign', label: '年度星级评定' });
    expect(labels.directiveStatuses).toContainEqual({ code: 'overdue', label: '已逾期' });
    expect(labels.statuses.map((s: { code: string }) => s.code)).toEqual([...STATION_STATUSES]);
    expect(labels.statuses).toContainEqual({ code: 'suspended', label: '暂停服务' });
    expect(labels.standards.map((s: { code: string }) => s.code)).toEqual([...STANDARD_CODES]);
    expect(labels.standards).toContainEqual({ code: 'ba_you', label: '八有' });
    expect(labels.spendingCategories).toContainEqual({ code: 'books', label: '书籍报刊' });
    expect(labels.legalCaseKinds).toContainEqual({ code: 'wage_arrears', label: '欠薪' });
    expect(labels.legalCaseStates.map((s: { code: string }) => s.code)).toEqual(['received', 'mediating', 'settled', 'referred', 'closed']);
    expect(labels.legalReferralPartners).toContainEqual({ code: 'shared_court', label: '共享法庭（人民法院）' });
    expect(labels.legalCaseOutcomes).toContainEqual({ code: 'agreement', label: '达成调解协议' });
    expect(labels.classes).toContainEqual({ code: 'flagship', label: '旗舰型' });
    expect(labels.honourLevels.map((l: { code: string }) => l.code)).toEqual([...HONOUR_LEVELS]);
    expect(labels.criteria.map((c: { code: string }) => c.code)).toEqual([...REVIEW_CRITERIA]);
    expect(labels.criteria).toContainEqual({ code: 'satisfaction', label: '劳动者满意度' });
    expect(labels.programmeKinds).toContainEqual({ code: 'summer_childcare', label: '爱心托班' });
    expect(labels.partnerKinds).toContainEqual({ code: 'traffic_police', label: '交警' });
    expect(labels.directiveKinds).toContainEqual({ code: 'programme_target', label: '民生实事项目目标' });
  });
});
