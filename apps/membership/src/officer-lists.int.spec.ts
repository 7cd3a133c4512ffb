import { randomUUID } from 'node:crypto';
import { eventually, walkKeysetPages } from '@ws/testing';
import { captureProcessOutput } from './testing/log-capture';
import { applicationFor, type MembershipHarness, startMembership } from './testing/membership-harness';
import { syntheticPerson } from './demo/synthetic-people';

/**
 * The officers' lists of the membership service: redemptions at the points shop and erasure
 * requests, server-paged (keyset `next`), deny by default, members by masked card number only.
 */
describe('officer lists: redemptions and erasure requests (real Postgres and NATS)', () => {
  const capture = captureProcessOutput();
  let service: MembershipHarness;
  let district: string;
  let unionId: string;
  let next = 3000;
  const STATION = randomUUID();

  const join = async () => {
    const index = next++;
    const submitted = (await service.request('POST', '/applications', applicationFor(index, unionId))).json();
    const approved = (await service.request('POST', `/applications/${submitted.applicationId}/approve`, undefined, district)).json();
    return { index, membershipId: approved.membershipId as string, cardNumber: approved.cardNumber as string, personId: '' };
  };
  const get = (url: string, token?: string) => service.request('GET', url, undefined, token);

  beforeAll(async () => {
    service = await startMembership({ logLevel: 'info' });
    district = await service.officer('district_officer');
    unionId = await service.createUnion(district, { name: '新业态联合工会', streetCode: '330802001' });
  });

  afterAll(async () => {
    capture.stop();
    await service?.close();
  });

  it('lists redemptions newest first in keyset pages: item, time, station, state, masked card; officers only', async () => {
    const member = await join();
    await service.request('POST', `/members/${member.membershipId}/points/credits`, { entryId: randomUUID(), points: 500, reason: '活动奖励' }, district);
    const item = (await service.request('POST', '/shop/items', { name: '清凉礼包', points: 10, stock: 50 }, district)).json();
    const manager = await service.officer('station_manager', { station: STATION });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const redemptionId = randomUUID();
      const token = i < 3 ? manager : district;
      const answer = await service.request('POST', '/shop/redemptions', { redemptionId, cardNumber: member.cardNumber, itemId: item.itemId, quantity: 1 }, token);
      expect(answer.statusCode).toBe(200);
      made.push(redemptionId);
    }

    // A read model: poll until all five are listed.
    let listed: any;
    await eventually(async () => {
      listed = (await get('/shop/redemptions?limit=50', district)).json();
      return listed.items?.length === 5;
    }, { what: 'five redemptions listed' });
    const [newest] = listed.items;
    expect(newest).toMatchObject({ itemId: item.itemId, itemName: '清凉礼包', quantity: 1, points: 10, state: 'redeemed', stationId: null, handedOverBy: 'officer' });
    expect(newest.member.cardNumber).toMatch(/^\w{4}\*+\w{4}$/);
    expect(newest.member.cardNumber).not.toBe(member.cardNumber);
    expect(newest.member.cardNumber.slice(-4)).toBe(member.cardNumber.slice(-4));
    const atStation = listed.items.filter((r: { stationId: string | null }) => r.stationId === STATION);
    expect(atStation).toHaveLength(3);
    expect(atStation.every((r: { handedOverBy: string }) => r.handedOverBy === 'station')).toBe(true);
    const times = listed.items.map((r: { redeemedAt: string }) => r.redeemedAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(JSON.stringify(listed)).not.toContain(member.cardNumber);
    expect(JSON.stringify(listed)).not.toContain(syntheticPerson(member.index).name);

    // Pages of 2: every redemption once, in the same order; the station filter narrows the list.
    const walked = await walkKeysetPages(async (q) => {
      const r = await get(`/shop/redemptions?${q}`, district);
      return { status: r.statusCode, body: r.json(), headers: new Headers() };
    }, 2, (r) => r.redemptionId);
    expect(walked).toEqual(listed.items.map((r: { redemptionId: string }) => r.redemptionId));
    expect(new Set(walked)).toEqual(new Set(made));
    expect((await get(`/shop/redemptions?stationId=${STATION}`, district)).json().items).toHaveLength(3);
    expect((await get('/shop/redemptions?after=nonsense', district)).statusCode).toBe(400);

    // Officers of the node and above may; nobody else (deny by default).
    expect((await get('/shop/redemptions', await service.officer('city_officer'))).statusCode).toBe(200);
    expect((await get('/shop/redemptions', await service.officer('province_officer'))).statusCode).toBe(200);
    expect((await get('/shop/redemptions')).statusCode).toBe(401);
    expect((await get('/shop/redemptions', manager)).statusCode).toBe(403);
    expect((await get('/shop/redemptions', await service.officer('street_officer', { street: '330802001' }))).statusCode).toBe(403);
    expect((await get('/shop/redemptions', await service.officer('ops_admin'))).statusCode).toBe(403);
    // A node outside the caller's: refused, not an empty list.
    expect((await get('/shop/redemptions?nodeCode=3399', district)).statusCode).toBe(403);
  });

  it('records, refuses and completes erasure requests; lists them with who handled them and when', async () => {
    const [a, b, c] = [await join(), await join(), await join()];
    // The member cards are a read model: poll until each shows its person.
    for (const m of [a, b, c]) {
      await eventually(async () => {
        m.personId = (await get(`/members/${m.membershipId}`, district)).json().personId ?? '';
        return m.personId.length === 36;
      }, { what: 'the member card showing its person' });
    }

    // a: requested, then refused with a reason; b: requested, then erased; c: erased with no request recorded.
    const requestA = randomUUID();
    const requestB = randomUUID();
    expect((await service.request('POST', `/persons/${a.personId}/erasure-requests`, { requestId: requestA }, district)).statusCode).toBe(200);
    expect((await service.request('POST', `/persons/${a.personId}/erasure-requests`, { requestId: requestA }, district)).statusCode).toBe(200);
    expect((await service.request('POST', `/persons/${a.personId}/erasure-requests`, { requestId: randomUUID() }, district)).json()).toMatchObject({ code: 'erasure_already_requested' });
    const withMobile = await service.request('POST', `/persons/${a.personId}/erasure-requests/${requestA}/refusal`, { reason: '请致电 13800138000' }, district);
    expect(withMobile.statusCode).toBe(422);
    expect(withMobile.json()).toMatchObject({ code: 'personal_data_in_text' });
    const refused = await service.request('POST', `/persons/${a.personId}/erasure-requests/${requestA}/refusal`, { reason: '会籍转移尚未办结，办结后再申请' }, district);
    expect(refused.statusCode).toBe(200);
    expect((await service.request('POST', `/persons/${b.personId}/erasure-requests`, { requestId: requestB }, district)).statusCode).toBe(200);
    expect((await service.request('POST', `/persons/${b.personId}/erasure`, undefined, district)).statusCode).toBe(200);
    expect((await service.request('POST', `/persons/${b.personId}/erasure-requests/${requestB}/refusal`, { reason: '迟到的拒绝' }, district)).json()).toMatchObject({ code: 'erasure_request_settled' });
    expect((await service.request('POST', `/persons/${c.personId}/erasure`, undefined, district)).statusCode).toBe(200);

    let rows: any[] = [];
    await eventually(async () => {
      rows = (await get('/erasure-requests', district)).json().items ?? [];
      return rows.length === 3 && rows.every((r) => r.status !== 'requested');
    }, { what: 'three erasure requests settled' });
    const byPerson = Object.fromEntries(rows.map((r) => [r.personId, r]));
    expect(byPerson[a.personId]).toMatchObject({ requestId: requestA, status: 'refused', reason: '会籍转移尚未办结，办结后再申请', requestedBy: expect.stringMatching(/^district_officer:/), handledBy: expect.stringMatching(/^district_officer:/) });
    expect(byPerson[b.personId]).toMatchObject({ requestId: requestB, status: 'erased', reason: null });
    expect(byPerson[c.personId]).toMatchObject({ status: 'erased' });
    expect(byPerson[c.personId].requestedAt).toBe(byPerson[c.personId].handledAt);
    for (const r of rows) {
      expect(new Date(r.handledAt).getTime()).toBeGreaterThanOrEqual(new Date(r.requestedAt).getTime());
      expect(r.cardNumber).toMatch(/^\w{4}\*+\w{4}$/);
    }
    // Filters and pages.
    expect((await get('/erasure-requests?status=refused', district)).json().items.map((r: { personId: string }) => r.personId)).toEqual([a.personId]);
    const walked = await walkKeysetPages(async (q) => {
      const r = await get(`/erasure-requests?${q}`, district);
      return { status: r.statusCode, body: r.json(), headers: new Headers() };
    }, 2, (r) => r.requestId);
    expect(walked).toEqual(rows.map((r) => r.requestId));

    // Deny by default: only the district union records and refuses; officers of the node and above read.
    const street = await service.officer('street_officer', { street: '330802001' });
    const city = await service.officer('city_officer');
    expect((await service.request('POST', `/persons/${a.personId}/erasure-requests`, { requestId: randomUUID() }, street)).statusCode).toBe(403);
    expect((await service.request('POST', `/persons/${a.personId}/erasure-requests`, { requestId: randomUUID() }, city)).statusCode).toBe(403);
    expect((await service.request('POST', `/persons/${a.personId}/erasure-requests/${requestA}/refusal`, { reason: '理由' })).statusCode).toBe(401);
    expect((await get('/erasure-requests', city)).statusCode).toBe(200);
    expect((await get('/erasure-requests', street)).statusCode).toBe(403);
    expect((await get('/erasure-requests', await service.officer('station_manager', { station: STATION }))).statusCode).toBe(403);
    expect((await get('/erasure-requests')).statusCode).toBe(401);
  });

  it('pages transfers, redemptions and erasure requests to the microsecond: rows within one millisecond are each listed once', async () => {
    // The redemptions and erasure requests the tests above made, and two transfers in flight (the
    // projection's own rows; no member needs to move for the list).
    for (let i = 0; i < 2; i++) {
      await service.raw(`insert into transfers (transfer_id, membership_id, from_union_id, to_union_id, from_node, to_node, status, requested_at)
        values ('${randomUUID()}', '${randomUUID()}', '${unionId}', '${randomUUID()}', '330802', '330802', 'requested', now())`);
    }
    // Times a JS Date cannot tell apart (the same millisecond, microseconds apart), the greatest id the
    // oldest: a cursor cut to the millisecond repeats or skips rows, an order by time alone shows.
    const withinOneMillisecond = (table: string, column: string, id: string) => service.raw(
      `update ${table} t set ${column} = '2026-01-01T00:00:00.000Z'::timestamptz + make_interval(secs => r.rank / 1e6)
       from (select ${id}, row_number() over (order by ${id} desc) as rank from ${table}) r where t.${id} = r.${id}`,
    );
    await withinOneMillisecond('transfers', 'requested_at', 'transfer_id');
    await withinOneMillisecond('shop_redemptions', 'redeemed_at', 'redemption_id');
    await withinOneMillisecond('erasure_requests', 'requested_at', 'request_id');
    const lists = [['/transfers', 'transferId'], ['/shop/redemptions', 'redemptionId'], ['/erasure-requests', 'requestId']] as const;
    for (const [path, idField] of lists) {
      const whole = (await get(`${path}?limit=200`, district)).json() as { items: Array<Record<string, string>>; next: string | null };
      expect(whole.next).toBeNull();
      expect(whole.items.length).toBeGreaterThanOrEqual(2);
      const walked = await walkKeysetPages(async (q) => {
        const r = await get(`${path}?${q}`, district);
        return { status: r.statusCode, body: r.json(), headers: new Headers() };
      }, 1, (item) => item[idField]);
      expect({ path, walked }).toEqual({ path, walked: whole.items.map((item) => item[idField]) });
    }
  });

  it('keeps members\' names out of every log line', () => {
    const logs = capture.text();
    for (const i of [3000, 3001, 3002, 3003]) expect(logs).not.toContain(syntheticPerson(i).name);
  });
});
