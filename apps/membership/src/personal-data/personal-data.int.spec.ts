import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@ws/testing/nats';
import { connect } from '@ws/testing/nats';
import { eventually, NATS_URL } from '@ws/testing';
import { syntheticIdNumber, syntheticMobile } from '../demo/synthetic-people';
import { captureProcessOutput } from '../testing/log-capture';
import { MembershipHarness, startMembership } from '../testing/membership-harness';

/**
 * The personal-data guarantees, proven against real Postgres and NATS: hostile input answered
 * item by item, masking by role, erasure by key destruction, and no name, mobile or ID number
 * anywhere outside the vault — events, headers, the bus, the logs.
 */
describe('personal data (PIPL)', () => {
  const capture = captureProcessOutput();
  let service: MembershipHarness;
  let district: string;
  let unionId: string;
  const STREET = '330802001';

  // Distinctive values, so a match in the scans below can only be a leak.
  const people = ['欧阳娜娜', '司马相如', '诸葛明远', '上官婉儿', '慕容复'].map((name, i) => ({
    name,
    mobile: syntheticMobile(700_000_000 + 31_337 * (i + 1)),
    idNumber: syntheticIdNumber(900_000 + i * 7919),
  }));
  const applicant = (i: number, extra: Record<string, unknown> = {}) => ({ ...people[i]!, occupation: 'rider', employer: '美团', unionId, streetCode: STREET, ...extra });
  /** Values that were typed in but refused: they must not leak either. */
  const refused = { sqlName: "'); DROP TABLE person_data;--", emojiName: '李逍遥😀', badId: `${people[0]!.idNumber.slice(0, 17)}${people[0]!.idNumber.endsWith('1') ? '2' : '1'}` };
  const memberOf: Record<number, { membershipId: string; personId: string; applicationId: string; applicationNumber: string }> = {};

  beforeAll(async () => {
    service = await startMembership({ logLevel: 'trace' });
    district = await service.officer('district_officer');
    unionId = await service.createUnion(district, { name: '新业态联合工会', streetCode: STREET });
  });

  afterAll(async () => {
    capture.stop();
    await service?.close();
  });

  it('answers a bulk with hostile items one by one and loses none of the good ones', async () => {
    const items: unknown[] = [
      applicant(0),
      applicant(1, { idNumber: refused.badId }),
      applicant(1, { name: 'x'.repeat(10_240) }),
      applicant(1, { name: refused.emojiName }),
      applicant(1, { name: refused.sqlName }),
      applicant(1, { employer: "x'); DROP TABLE events;--" }),
      applicant(3, { unionId: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b' }),
      'not an application',
      applicant(2, { colour: 'red' }),
      applicant(0, { mobile: people[3]!.mobile }),
      applicant(4, { employer: `骑手站 ${people[3]!.mobile}` }),
      applicant(2),
    ];
    const response = await service.request('POST', '/applications/bulk', { items }, district);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const outcome = (i: number) => body.results[i];
    expect(body.results.map((r: { index: number }) => r.index)).toEqual(items.map((_, i) => i));
    expect(outcome(0).status).toBe('accepted');
    expect(outcome(1).error).toMatchObject({ code: 'id_number_bad_checksum', field: 'idNumber' });
    expect(outcome(2).error).toMatchObject({ code: 'name_too_long', field: 'name' });
    expect(outcome(3).error).toMatchObject({ code: 'name_has_emoji', field: 'name' });
    expect(outcome(4).error).toMatchObject({ code: 'name_invalid_characters', field: 'name' });
    expect(outcome(5).status).toBe('accepted'); // SQL-looking text in a free field is data, stored as typed
    expect(outcome(6).error).toMatchObject({ code: 'union_not_found', field: 'unionId' });
    expect(outcome(7).error).toMatchObject({ code: 'malformed_item' });
    expect(outcome(8).error).toMatchObject({ code: 'unknown_field', field: 'colour' });
    expect(outcome(9).error).toMatchObject({ code: 'duplicate_in_request', field: 'idNumber' });
    expect(outcome(10).error).toMatchObject({ code: 'personal_data_in_text', field: 'employer' });
    expect(outcome(11).status).toBe('accepted');
    expect(body).toMatchObject({ accepted: 3, rejected: 9, existing: 0 });
    // No answer repeats a refused value back.
    expect(response.body).not.toContain(refused.badId);
    expect(response.body).not.toContain('x'.repeat(100));

    const { rows } = await service.raw<{ type: string; n: number }>(`select type, count(*)::int as n from events group by type`);
    expect(rows).toContainEqual({ type: 'ApplicationSubmitted', n: 3 });
    const stored = await service.raw<{ employer: string }>(`select data->>'employer' as employer from events where type = 'ApplicationSubmitted' and data->>'employer' like 'x%'`);
    expect(stored.rows).toEqual([{ employer: "x'); DROP TABLE events;--" }]);

    const approved = await service.request('POST', '/applications/approvals', { applicationIds: [0, 5, 11].map((i) => outcome(i).applicationId) }, district);
    expect(approved.json()).toMatchObject({ approved: 3, refused: 0 });
    await service.settle();
    for (const i of [0, 5, 11]) {
      const result = approved.json().results.find((r: { applicationId: string }) => r.applicationId === outcome(i).applicationId);
      const { rows } = await service.raw<{ person_id: string }>(`select person_id from membership_registry where membership_id = '${result.membershipId}'`);
      memberOf[i] = { membershipId: result.membershipId, personId: rows[0]!.person_id, applicationId: outcome(i).applicationId, applicationNumber: outcome(i).applicationNumber };
    }
  });

  it('refuses a bulk over 500 items as a whole, with problem+json', async () => {
    const tooMany = await service.request('POST', '/applications/bulk', { items: Array.from({ length: 501 }, () => ({})) }, district);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.headers['content-type']).toContain('application/problem+json');
    expect(tooMany.json()).toMatchObject({ code: 'validation_failed', field: 'items' });
  });

  it('shows name, mobile and ID number unmasked only to the officers of the member’s own union', async () => {
    const { membershipId, personId } = memberOf[0]!;
    const node = service.config.node.code;
    const viewers = {
      district: district,
      sameStreet: await service.officer('street_officer', { street: STREET }),
      otherStreet: await service.officer('street_officer', { street: '330802002' }),
      city: await service.officer('city_officer', { node: node.slice(0, 4) }),
      province: await service.officer('province_officer', { node: node.slice(0, 2) }),
      stationManager: await service.officer('station_manager', { station: randomUUID() }),
    };
    const seen: Record<string, { name: string; mobile: string; idNumber: string; disclosure: string }> = {};
    for (const [who, token] of Object.entries(viewers)) {
      const response = await service.request('GET', `/members/${membershipId}`, undefined, token);
      expect(response.statusCode).toBe(200);
      seen[who] = response.json().person;
    }
    const person = people[0]!;
    for (const who of ['district', 'sameStreet']) expect(seen[who]).toEqual({ ...person, disclosure: 'unmasked' });
    for (const who of ['otherStreet', 'city', 'province', 'stationManager']) {
      expect(seen[who]).toEqual({
        name: `${person.name[0]}***`,
        mobile: `${person.mobile.slice(0, 3)}****${person.mobile.slice(-4)}`,
        idNumber: `${person.idNumber.slice(0, 3)}***********${person.idNumber.slice(-4)}`,
        disclosure: 'masked',
      });
    }
    const list = await service.request('GET', `/members?unionId=${unionId}`, undefined, viewers.otherStreet);
    expect(list.json().items.every((m: { person: { disclosure: string } }) => m.person.disclosure === 'masked')).toBe(true);
    const application = await service.request('GET', `/applications/${memberOf[0]!.applicationId}`, undefined, viewers.city);
    expect(application.json().person).toMatchObject({ disclosure: 'masked', mobile: expect.stringContaining('****') });

    const audit = await service.raw<{ actor: string; n: number }>(`select actor, count(*)::int as n from pii_access_log where person_id = '${personId}' group by actor order by actor`);
    expect(audit.rows).toEqual([
      { actor: 'district_officer:test-district_officer', n: 1 },
      { actor: 'street_officer:test-street_officer', n: 1 },
    ]);
  });

  it('erases a person by destroying their key: 已注销 everywhere, events kept, nothing readable or matchable', async () => {
    const { membershipId, personId, applicationNumber } = memberOf[0]!;
    const erased = await service.request('POST', `/persons/${personId}/erasure`, undefined, district);
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ status: 'erased', alreadyErased: false, membershipEnded: true });
    const again = await service.request('POST', `/persons/${personId}/erasure`, undefined, district);
    expect(again.json()).toMatchObject({ alreadyErased: true });

    const vault = await service.raw<{ keys: number; data: number; hmacs: number }>(`
      select (select count(*) from person_keys where person_id = '${personId}')::int as keys,
             (select count(*) from person_data where person_id = '${personId}')::int as data,
             (select count(*) from persons where person_id = '${personId}' and (id_number_hmac is not null or mobile_hmac is not null))::int as hmacs`);
    expect(vault.rows[0]).toEqual({ keys: 0, data: 0, hmacs: 0 });

    await service.settle();
    const card = (await service.request('GET', `/members/${membershipId}`, undefined, district)).json();
    expect(card).toMatchObject({ status: 'left', person: { name: '已注销', mobile: null, idNumber: null, disclosure: 'erased' } });
    const lookup = await service.request('POST', '/applications/lookup', { number: applicationNumber, mobile: people[0]!.mobile });
    expect(lookup.statusCode).toBe(404);

    const events = await service.raw<{ type: string; data: unknown }>(`select type, data from events where stream_id = 'person-${personId}'`);
    expect(events.rows).toEqual([{ type: 'PersonErased', data: { personId } }]);
    const history = await service.raw<{ n: number }>(`select count(*)::int as n from events where data->>'personId' = '${personId}'`);
    expect(history.rows[0]!.n).toBeGreaterThanOrEqual(3); // submitted, activated, erased: the log is intact

    // The same ID number can no longer be matched: it comes back as a new person.
    const rejoin = await service.request('POST', '/applications', applicant(0));
    expect(rejoin.statusCode).toBe(201);
  });

  it('a wrong role cannot erase', async () => {
    const street = await service.officer('street_officer', { street: STREET });
    const refusedErasure = await service.request('POST', `/persons/${memberOf[5]!.personId}/erasure`, undefined, street);
    expect(refusedErasure.statusCode).toBe(403);
  });

  it('finds no name, mobile or ID number in any event payload, header, bus message or log line', async () => {
    // Look-ups with the mobile in the URL, failing ones included, and refused applications.
    await service.request('GET', `/applications/lookup?number=RH000000AAAAAAAAAA&mobile=${people[1]!.mobile}`);
    await service.request('GET', `/applications/lookup?number=${memberOf[5]!.applicationNumber}&mobile=${people[1]!.mobile}`);
    await service.request('POST', '/applications', { ...applicant(3), idNumber: `${people[3]!.idNumber.slice(0, 17)}0` });
    await service.request('POST', '/applications', { ...applicant(4), occupation: 'astronaut' });
    // A member applying to another union: the application becomes a transfer, whose events are scanned too.
    const couriers = await service.createUnion(district, { name: '快递行业联合工会', occupations: ['courier'], streetCode: STREET });
    expect((await service.request('POST', '/applications', applicant(2, { unionId: couriers }), district)).json()).toMatchObject({ status: 'transfer_requested' });
    // A reward for a member and one for a card nobody holds here: the reaction credits one and logs the other.
    const card = (await service.request('GET', `/members/${memberOf[5]!.membershipId}`, undefined, district)).json().cardNumber;
    const skipped = await service.publishForeign('wishes', 'report', 'ReportRewarded', { reportId: 'r1', memberCard: 'NOBODY0001', amountYuan: 5, points: 50 });
    await service.publishForeign('wishes', 'report', 'ReportRewarded', { reportId: 'r2', memberCard: card, amountYuan: 5, points: 50 });
    await eventually(async () => (await service.request('GET', `/members/${memberOf[5]!.membershipId}/points`, undefined, district)).json().balance === 50, { what: 'the reward credited to the member' });
    await service.drainOutbox();
    await service.settle();

    const secrets = [...people.flatMap((p) => [p.name, p.mobile, p.idNumber]), refused.sqlName, refused.emojiName, refused.badId];
    const leaks = (where: string, text: string) => secrets.filter((s) => text.includes(s)).map((s) => `${where}: ${s}`);

    const events = await service.raw<{ row: string }>(`select row_to_json(e)::text as row from events e`);
    const outbox = await service.raw<{ row: string }>(`select row_to_json(o)::text as row from outbox o`);
    expect(events.rows.length).toBeGreaterThan(10);

    const nc = await connect({ servers: NATS_URL });
    const jsm = await jetstreamManager(nc);
    const stream = service.config.streams.evt;
    const { state } = await jsm.streams.info(stream);
    const busTexts: string[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq });
      if (!message) continue;
      const headers = message.header ? [...message.header.keys()].map((k) => `${k}: ${message.header.get(k)}`).join('\n') : '';
      busTexts.push(`${message.subject}\n${headers}\n${new TextDecoder().decode(message.data)}`);
    }
    await nc.close();
    expect(busTexts.length).toBe(events.rows.length + 2); // + the two foreign rewards

    const log = capture.text();
    expect(log).toContain(skipped); // the reaction's log line was captured …
    expect([
      ...events.rows.flatMap((r) => leaks('events', r.row)),
      ...outbox.rows.flatMap((r) => leaks('outbox', r.row)),
      ...busTexts.flatMap((t) => leaks('bus', t)),
      ...leaks('log', log),
    ]).toEqual([]); // … and nothing personal is in any of them
  });
});
