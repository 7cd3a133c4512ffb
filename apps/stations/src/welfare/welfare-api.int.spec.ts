import { Kysely, sql } from 'kysely';
import { shanghaiToday } from '@ws/contracts';
import { deriveKey, newDataKey, newId, seal } from '@ws/kernel';
import { DB } from '@ws/platform';
import { KEYSET_REFUSED, keysetRefusals, walkKeysetPages } from '@ws/testing';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import type { StationsDatabase } from '../db/database';
import { StationsModule } from '../stations.module';
import { LEGAL_AID_VAULT_KEY } from '../legal-aid/legal-aid-vault';
import { WelfareCardVault } from './welfare-card-vault';

/** Welfare end to end in one process: HTTP → holder stream → outbox → JetStream → welfare read model, its stock and its figures. */
describe('welfare API (real Postgres and NATS)', () => {
  let service: ServiceHarness;
  let officer: string;
  let stationId: string;
  const today = shanghaiToday(new Date());
  const tomorrow = shanghaiToday(new Date(Date.now() + 86_400_000));

  const inject = (method: 'GET' | 'POST', url: string, payload?: unknown, token?: string) =>
    service.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });

  const handout = (overrides: Record<string, unknown> = {}) => ({
    stationId, occasion: 'summer_cool', kind: 'cool_pack', quantity: 120, peopleReached: 120, newFormPeople: 100,
    occupations: [{ occupation: 'rider', people: 80 }, { occupation: 'courier', people: 20 }], costFen: 600_000, handedOn: today, ...overrides,
  });

  beforeAll(async () => {
    service = await startService('stations', (config) => StationsModule.forRoot({ config }));
    officer = await service.token('district_officer');
    const registered = await inject('POST', '/stations', {
      name: '新享驿站', kind: 'station', tier: 'community', host: 'enterprise', streetCode: '330502001', communityCode: null,
      address: '爱山街道衣裳街1号', location: { lng: 120.09, lat: 30.87 }, hours: { open24h: true }, seats: 8,
    }, officer);
    expect(registered.statusCode).toBe(201);
    stationId = registered.json().stationId;
  });

  afterAll(async () => {
    await service?.close();
  });

  it('receives stock, hands it out, keeps the balance, and sums the handouts by kind and occasion', async () => {
    const stock = await inject('POST', '/welfare/stock', { stationId, kind: 'cool_pack', quantity: 200, costFen: 1_000_000, receivedOn: today, source: '吴兴区总工会采购' }, officer);
    expect(stock.statusCode).toBe(201);
    expect(stock.json()).toMatchObject({ holderId: stationId, version: 1, events: ['WelfareStockReceived'], stock: { cool_pack: 200 } });
    expect((await inject('POST', '/welfare/handouts', handout(), officer)).json()).toMatchObject({ events: ['WelfareHandedOut'], stock: { cool_pack: 80 } });
    // 送饺子 in a street, cooked on the day: not from stock.
    const dumplings = await inject('POST', '/welfare/handouts', handout({ stationId: null, streetCode: '330502003', occasion: 'festival', kind: 'meal', quantity: 600, peopleReached: 300, newFormPeople: 200, occupations: [], costFen: 450_000, fromStock: false }), officer);
    expect(dumplings.json()).toMatchObject({ holderId: 'street-330502003', events: ['WelfareHandedOut'] });

    await service.settle();
    const figures = (await inject('GET', `/welfare/figures?from=${today}&to=${today}`)).json();
    expect(figures).toMatchObject({ handouts: 2, quantity: 720, peopleReached: 420, newFormPeople: 300, membersReached: 0, costFen: 1_050_000 });
    expect(figures.rows).toEqual([
      { key: 'meal', label: '餐食（饺子、腊八粥、火锅宴…）', handouts: 1, quantity: 600, peopleReached: 300, newFormPeople: 200, membersReached: 0, costFen: 450_000 },
      { key: 'cool_pack', label: '清凉礼包', handouts: 1, quantity: 120, peopleReached: 120, newFormPeople: 100, membersReached: 0, costFen: 600_000 },
    ]);
    expect((await inject('GET', `/welfare/figures?from=${today}&to=${today}&by=occasion&stationId=${stationId}`)).json())
      .toMatchObject({ handouts: 1, rows: [{ key: 'summer_cool', label: '夏送清凉', peopleReached: 120 }] });
    expect((await inject('GET', `/welfare/stock?stationId=${stationId}`)).json()).toEqual({
      items: [{ holderId: stationId, districtCode: service.config.node.code, stationId, streetCode: '330502001', kind: 'cool_pack', kindLabel: '清凉礼包', received: 200, handedOut: 120, inStock: 80, receivedCostFen: 1_000_000 }],
      next: null,
    });
  });

  it('refuses a handout over the stock and other bad input, each with its code and field, and records nothing', async () => {
    const refusals: Array<[string, unknown, number, string, string]> = [
      ['/welfare/handouts', handout({ quantity: 81, peopleReached: 81, newFormPeople: 0, occupations: [] }), 409, 'welfare_stock_insufficient', 'quantity'],
      ['/welfare/handouts', handout({ kind: 'warm_pack' }), 409, 'welfare_stock_insufficient', 'quantity'],
      ['/welfare/handouts', handout({ costFen: 1.5 }), 400, 'validation_failed', 'costFen'],
      ['/welfare/handouts', handout({ handedOn: tomorrow }), 422, 'welfare_date_in_future', 'handedOn'],
      ['/welfare/handouts', handout({ newFormPeople: 121 }), 422, 'new_form_exceeds_participants', 'newFormPeople'],
      ['/welfare/stock', { stationId, kind: 'cool_pack', quantity: -5, costFen: 0, receivedOn: today, source: '捐赠' }, 422, 'invalid_quantity', 'quantity'],
      ['/welfare/stock', { stationId: null, streetCode: null, kind: 'cool_pack', quantity: 5, costFen: 0, receivedOn: today, source: '捐赠' }, 422, 'invalid_street_code', 'streetCode'],
    ];
    for (const [url, body, status, code, field] of refusals) {
      const answer = await inject('POST', url, body, officer);
      expect({ url, code, status: answer.statusCode, type: answer.headers['content-type'] }).toEqual({ url, code, status, type: expect.stringContaining('application/problem+json') });
      expect(answer.json()).toMatchObject({ code, field });
    }
    const insufficient = await inject('POST', '/welfare/handouts', handout({ quantity: 81, peopleReached: 81, newFormPeople: 0, occupations: [] }), officer);
    expect(insufficient.json().detail).toContain('库存 80');
    await service.settle();
    expect((await inject('GET', `/welfare/stock?stationId=${stationId}`)).json().items[0]).toMatchObject({ inStock: 80 });

    expect((await inject('POST', '/welfare/handouts', handout())).json().code).toBe('unauthenticated');
    const elsewhere = await service.token('station_manager', { station: '0196f000-0000-7000-8000-000000009999' });
    expect((await inject('POST', '/welfare/handouts', handout(), elsewhere)).json().code).toBe('out_of_scope');
  });

  it('counts the member cards shown at a handout; the cards only sealed in this node\'s vault, read back by its officers and logged', async () => {
    const db = service.app.get<Kysely<StationsDatabase>>(DB);
    const drinks = (overrides: Record<string, unknown> = {}) =>
      handout({ kind: 'drink', quantity: 40, peopleReached: 40, newFormPeople: 10, occupations: [], costFen: 8_000, fromStock: false, ...overrides });
    const withCards = await inject('POST', '/welfare/handouts', drinks({ memberCards: [' kc00000001 ', 'KC00000002'] }), officer);
    expect(withCards.json()).toMatchObject({ events: ['WelfareHandedOut'] });
    const { handoutId } = withCards.json();
    const { rows: [event] } = await sql<{ data: Record<string, unknown> }>`select data from events where stream_id = ${`welfare-${stationId}`} and data->>'handoutId' = ${handoutId}`.execute(db);
    expect(event!.data).toMatchObject({ membersReached: 2 });
    const { rows: [leaks] } = await sql<{ n: string }>`select count(*) as n from events where data::text ilike ${'%KC0000000%'}`.execute(db);
    expect(Number(leaks!.n)).toBe(0);

    for (const [cards, code] of [[['KC00000003', 'kc00000003'], 'invalid_member_cards'], [['KC-1'], 'invalid_member_card']] as const) {
      const refused = await inject('POST', '/welfare/handouts', drinks({ memberCards: cards }), officer);
      expect([refused.statusCode, refused.json().code, refused.json().field]).toEqual([422, code, 'memberCards']);
      expect(JSON.stringify(refused.json())).not.toMatch(/KC/i);
    }
    const tooMany = await inject('POST', '/welfare/handouts', drinks({ peopleReached: 1, quantity: 1, newFormPeople: 0, memberCards: ['KC00000004', 'KC00000005'] }), officer);
    expect([tooMany.statusCode, tooMany.json().code, tooMany.json().field]).toEqual([422, 'invalid_member_cards', 'memberCards']);
    const withoutCards = (await inject('POST', '/welfare/handouts', drinks(), officer)).json().handoutId as string;

    await service.settle();
    expect((await inject('GET', `/welfare/figures?from=${today}&to=${today}&by=kind`)).json().rows).toContainEqual(expect.objectContaining({ key: 'drink', handouts: 2, peopleReached: 80, membersReached: 2 }));
    const opened = await inject('GET', `/welfare/handouts/${handoutId}/member-cards`, undefined, officer);
    expect(opened.json()).toEqual({ handoutId, memberCards: ['KC00000001', 'KC00000002'] });
    const { rows: logged } = await sql<{ actor: string }>`select actor from welfare_member_card_access_log where handout_id = ${handoutId}`.execute(db);
    expect(logged).toHaveLength(1);
    const elsewhere = await service.token('station_manager', { station: '0196f000-0000-7000-8000-000000009999' });
    expect((await inject('GET', `/welfare/handouts/${handoutId}/member-cards`, undefined, elsewhere)).json().code).toBe('out_of_scope');
    expect((await inject('GET', `/welfare/handouts/${withoutCards}/member-cards`, undefined, officer)).json()).toMatchObject({ code: 'welfare_cards_not_here' });
    expect((await inject('GET', '/welfare/handouts/0196f000-0000-7000-8000-000000009999/member-cards', undefined, officer)).json()).toMatchObject({ code: 'welfare_handout_not_found' });
  });

  it('opens member cards sealed as the first release wrote them (JSON under the handout\'s own key, sealed under the master key beside it), logging the reading', async () => {
    const db = service.app.get<Kysely<StationsDatabase>>(DB);
    const [handoutId, dataKey] = [newId(), newDataKey()];
    const masterKey = deriveKey(service.app.get<string>(LEGAL_AID_VAULT_KEY), 'welfare-member-cards');
    await db.insertInto('welfare_member_cards').values({ handout_id: handoutId, sealed: seal(dataKey, `welfare-cards:${handoutId}`, Buffer.from(JSON.stringify(['KC00000009']), 'utf8')) }).execute();
    await db.insertInto('welfare_member_card_keys').values({ handout_id: handoutId, wrapped_key: seal(masterKey, `welfare-cards-key:${handoutId}`, dataKey) }).execute();

    expect(await service.app.get(WelfareCardVault).open(handoutId, 'officer-vault-spec')).toEqual(['KC00000009']);
    expect(await db.selectFrom('welfare_member_card_access_log').select('actor').where('handout_id', '=', handoutId).execute()).toEqual([{ actor: 'officer-vault-spec' }]);
  });

  it('lists the handouts latest day first, paged by the service, with counts and no card, and names the kinds and occasions in its labels', async () => {
    const yesterday = shanghaiToday(new Date(Date.now() - 86_400_000));
    const earlier = (await inject('POST', '/welfare/handouts', handout({ kind: 'drink', quantity: 30, peopleReached: 30, newFormPeople: 0, occupations: [], costFen: 0, fromStock: false, handedOn: yesterday, occasion: 'condolence' }), officer)).json().handoutId as string;
    await service.settle();
    const get = (query: string) => inject('GET', `/welfare/handouts?${query}`).then((a) => ({ status: a.statusCode, body: a.json(), headers: new Headers(Object.entries(a.headers).map(([name, value]) => [name, String(value)])) }));
    const all = (await get('limit=200')).body as { items: Array<Record<string, unknown>>; next: string | null };
    expect(all.next).toBeNull();
    expect(all.items.at(-1)).toMatchObject({ handoutId: earlier, handedOn: yesterday, occasion: 'condolence', occasionLabel: '日常慰问', kind: 'drink', kindLabel: '饮品（绿豆汤、姜茶…）', peopleReached: 30 });
    const days = all.items.map((h) => String(h.handedOn));
    expect(days).toEqual([...days].sort().reverse());
    expect(all.items).toContainEqual(expect.objectContaining({ kind: 'drink', membersReached: 2, peopleReached: 40 }));
    expect(JSON.stringify(all.items)).not.toMatch(/KC0000/i);
    expect(await walkKeysetPages(get, 2, (h) => h.handoutId)).toEqual(all.items.map((h) => h.handoutId));
    expect(await keysetRefusals(get)).toEqual(KEYSET_REFUSED);
    expect((await get(`occasion=condolence&stationId=${stationId}`)).body.items.map((h: { handoutId: string }) => h.handoutId)).toEqual([earlier]);
    expect((await get('occasion=birthday')).body).toMatchObject({ code: 'validation_failed', field: 'occasion' });

    const labels = (await inject('GET', '/labels')).json();
    expect(labels.welfareKinds).toContainEqual({ code: 'battery_swap_pack', label: '换电礼包' });
    expect(labels.welfareOccasions).toContainEqual({ code: 'winter_warmth', label: '冬送温暖' });
  });

  it('keeps no person in a welfare event, and rebuilds the read model to the same answers', async () => {
    const db = service.app.get<Kysely<StationsDatabase>>(DB);
    const { rows } = await sql<{ data: Record<string, unknown> }>`select data from events where stream_id like 'welfare-%'`.execute(db);
    expect(rows.length).toBeGreaterThan(1);
    for (const { data } of rows) expect(Object.keys(data).filter((key) => /name|phone|card|mobile/i.test(key))).toEqual([]);
    await service.settle();
    const figures = (await inject('GET', `/welfare/figures?from=${today}&to=${today}&by=station`)).json();
    const stock = (await inject('GET', '/welfare/stock')).json();
    expect((await inject('POST', '/admin/projections/stations.welfare/rebuild', undefined, officer)).statusCode).toBe(202);
    await service.settle();
    expect((await inject('GET', `/welfare/figures?from=${today}&to=${today}&by=station`)).json()).toEqual(figures);
    expect((await inject('GET', '/welfare/stock')).json()).toEqual(stock);
  });
});
