import { deriveKey, keyedHash, newDataKey, newId, seal } from '@ws/kernel';
import { KEYSET_REFUSED, keysetRefusals, walkKeysetPages } from '@ws/testing';
import { DISPATCH_CONFIG, type DispatchConfig } from './dispatch.config';
import { DispatchHarness } from './testing/dispatch-harness';
import { VolunteerVault } from './volunteer/vault/volunteer-vault';

describe('volunteers and shifts (real Postgres and NATS)', () => {
  let h: DispatchHarness;

  beforeAll(async () => {
    h = await DispatchHarness.create();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('keeps name and mobile out of events, shows them to the street\'s officers, and erases them on request', async () => {
    const mobile = '13912345678';
    const volunteer = await h.registerVolunteer({ name: '李四', mobile, type: 'student' });
    await h.settle();
    const events = await h.streamEvents(`dispatch.volunteer.${volunteer.volunteerId}.>`);
    expect(events.map((e) => e.type)).toEqual(['VolunteerRegistered']);
    const onTheBus = JSON.stringify(events);
    expect(onTheBus).not.toContain('李四');
    expect(onTheBus).not.toContain(mobile);

    const ownStreet = await h.token('street_officer', { street: h.street });
    const contact = await h.http('GET', `/volunteers/${volunteer.volunteerId}/contact`, { token: ownStreet });
    expect(contact.body).toEqual({ volunteerId: volunteer.volunteerId, name: '李四', mobile, disclosure: 'unmasked' });
    const manager = await h.token('station_manager', { station: newId() });
    const masked = await h.http('GET', `/volunteers/${volunteer.volunteerId}/contact`, { token: manager });
    expect(masked.body).toEqual({ volunteerId: volunteer.volunteerId, name: '李*', mobile: '139****5678', disclosure: 'masked' });
    const otherStreet = await h.token('street_officer', { street: h.otherStreet });
    expect((await h.http('GET', `/volunteers/${volunteer.volunteerId}/contact`, { token: otherStreet })).status).toBe(403);
    // A street officer's token without its street claim is no token at all.
    const noStreet = await h.token('street_officer');
    expect((await h.http('GET', `/volunteers/${volunteer.volunteerId}/contact`, { token: noStreet })).status).toBe(401);
    const cityOfficer = await h.token('city_officer', { node: h.config.node.code.slice(0, 4) });
    expect((await h.http('GET', `/volunteers/${volunteer.volunteerId}/contact`, { token: cityOfficer })).status).toBe(403);
    const log = await h.db.selectFrom('pii_access_log').select(['actor', 'purpose']).where('volunteer_id', '=', volunteer.volunteerId).execute();
    expect(log).toEqual([{ actor: 'test-street_officer', purpose: 'volunteer_contact' }]);

    const again = await h.http('POST', '/volunteers', {
      token: await h.token('district_officer'),
      body: { name: '李四', mobile, type: 'student', skills: [], homeStreet: h.street, availability: [] },
    });
    expect(again).toMatchObject({ status: 409, body: { code: 'volunteer_already_registered', field: 'mobile' } });

    expect((await h.http('DELETE', `/volunteers/${volunteer.volunteerId}/personal-data`, { token: ownStreet })).status).toBe(200);
    expect((await h.http('GET', `/volunteers/${volunteer.volunteerId}/contact`, { token: ownStreet })).body.code).toBe('personal_data_erased');
    const login = await h.http('POST', '/volunteer-sessions', { body: { volunteerId: volunteer.volunteerId, accessCode: volunteer.accessCode } });
    expect(login.status).toBe(401);
    await h.settle();
    const types = (await h.streamEvents(`dispatch.volunteer.${volunteer.volunteerId}.>`)).map((e) => e.type);
    expect(types).toEqual(['VolunteerRegistered', 'VolunteerRetired']);
  });

  it('opens a volunteer sealed as the first release wrote it (JSON under their own key, the key sealed under the master key beside it), logging the reading', async () => {
    const [volunteerId, dataKey] = [newId(), newDataKey()];
    const { vaultKey } = h.app.get<DispatchConfig>(DISPATCH_CONFIG);
    const contact = { name: '赵六', mobile: '13800001111' };
    await h.db.insertInto('volunteer_vault').values({
      volunteer_id: volunteerId,
      mobile_hmac: keyedHash(deriveKey(vaultKey, 'vault-hmac'), 'mobile', contact.mobile),
      sealed: seal(dataKey, `volunteer:${volunteerId}`, Buffer.from(JSON.stringify(contact), 'utf8')),
      sms_consent_at: new Date(),
    }).execute();
    await h.db.insertInto('volunteer_keys').values({ volunteer_id: volunteerId, wrapped_key: seal(deriveKey(vaultKey, 'vault-master'), `volunteer-key:${volunteerId}`, dataKey) }).execute();

    const vault = h.app.get(VolunteerVault);
    expect(await vault.volunteerWithMobile(contact.mobile)).toBe(volunteerId);
    expect(await vault.smsAddress(volunteerId, { actor: 'service:notify', purpose: 'notify:vault-spec' })).toEqual({ status: 'ok', mobile: contact.mobile });
    expect(await h.db.selectFrom('pii_access_log').select(['actor', 'purpose']).where('volunteer_id', '=', volunteerId).execute()).toEqual([{ actor: 'service:notify', purpose: 'notify:vault-spec' }]);
    await h.db.transaction().execute((trx) => vault.erase(trx, volunteerId));
    expect(await vault.smsAddress(volunteerId, { actor: 'service:notify', purpose: 'notify:vault-spec' })).toEqual({ status: 'erased' });
  });

  it('refuses registrations outside the node or the officer\'s street, and unusable availability', async () => {
    const district = await h.token('district_officer');
    const body = { name: '王五', mobile: '13700000001', type: 'cadre', skills: [], availability: [] };
    expect((await h.http('POST', '/volunteers', { token: district, body: { ...body, homeStreet: '999999001' } })).body.code).toBe('street_outside_node');
    const otherStreet = await h.token('street_officer', { street: h.otherStreet });
    expect((await h.http('POST', '/volunteers', { token: otherStreet, body: { ...body, homeStreet: h.street } })).status).toBe(403);
    const backwards = await h.http('POST', '/volunteers', { token: district, body: { ...body, homeStreet: h.street, availability: [{ day: 1, from: '18:00', to: '09:00' }] } });
    expect(backwards).toMatchObject({ status: 422, body: { code: 'availability_invalid' } });
    const unknownField = await h.http('POST', '/volunteers', { token: district, body: { ...body, homeStreet: h.street, idNumber: '330802199001011234' } });
    expect(unknownField.status).toBe(400);
  });

  it('lets a volunteer change their availability, which the board shows', async () => {
    const volunteer = await h.registerVolunteer();
    const evenings = [{ day: 3, from: '18:00', to: '21:00' }];
    expect((await h.http('PUT', '/volunteers/me/availability', { token: volunteer.token, body: { availability: evenings } })).status).toBe(200);
    await h.settle();
    expect((await h.http('GET', '/volunteers/me', { token: volunteer.token })).body.availability).toEqual(evenings);
  });

  it('schedules a rota, lets the holder swap a shift and the new holder record hours; coverage and hours add up', async () => {
    const stationId = newId();
    const [a, b] = [await h.registerVolunteer(), await h.registerVolunteer()];
    // Tomorrow 09:00–13:00 and 12:00–18:00 Shanghai: 9 hours covered, 10 scheduled.
    const day = new Date(h.clock.now().getTime() + 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
    const at = (hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`).toISOString();
    const manager = await h.token('station_manager', { street: h.street, station: stationId });
    const rota = await h.http('POST', '/shifts/rota', {
      token: manager,
      body: { stationId, streetCode: h.street, shifts: [{ volunteerId: a.volunteerId, startsAt: at('09:00'), endsAt: at('13:00') }, { volunteerId: b.volunteerId, startsAt: at('12:00'), endsAt: at('18:00') }] },
    });
    expect(rota.status).toBe(201);
    const [morning, afternoon] = rota.body.shiftIds as string[];

    const otherStation = await h.token('station_manager', { street: h.street, station: newId() });
    expect((await h.http('POST', '/shifts/rota', { token: otherStation, body: { stationId, streetCode: h.street, shifts: [{ volunteerId: a.volunteerId, startsAt: at('19:00'), endsAt: at('20:00') }] } })).status).toBe(403);
    const ghost = await h.http('POST', '/shifts/rota', { token: manager, body: { stationId, streetCode: h.street, shifts: [{ volunteerId: newId(), startsAt: at('19:00'), endsAt: at('20:00') }] } });
    expect(ghost).toMatchObject({ status: 404, body: { code: 'volunteer_not_found', field: 'shifts.0.volunteerId' } });

    expect((await h.http('POST', `/shifts/${afternoon}/swap`, { token: a.token, body: { toVolunteerId: a.volunteerId } })).body.code).toBe('not_shift_holder');
    expect((await h.http('POST', `/shifts/${morning}/swap`, { token: a.token, body: { toVolunteerId: b.volunteerId } })).status).toBe(200);
    expect((await h.http('POST', `/shifts/${morning}/hours`, { token: b.token, body: { hours: 4 } })).body.code).toBe('shift_not_started');

    h.clock.set(at('13:30'));
    expect((await h.http('POST', `/shifts/${morning}/hours`, { token: a.token, body: { hours: 4 } })).status).toBe(403);
    expect((await h.http('POST', `/shifts/${morning}/hours`, { token: b.token, body: { hours: 5 } })).body.code).toBe('hours_out_of_range');
    expect((await h.http('POST', `/shifts/${morning}/hours`, { token: b.token, body: { hours: 3.5 } })).status).toBe(200);
    expect((await h.http('POST', `/shifts/${morning}/hours`, { token: b.token, body: { hours: 3.5 } })).status).toBe(409);
    await h.settle();

    const coverage = await h.http('GET', `/shifts/coverage?stationId=${stationId}&from=${day}&to=${day}`);
    expect(coverage.body).toEqual([{ stationId, day, shifts: 2, volunteers: 1, scheduledHours: 10, coveredHours: 9, coverage: 9 / 24, servedShifts: 1 }]);
    const roster = await h.http('GET', `/shifts?stationId=${stationId}&from=${day}&to=${day}`);
    expect(roster.body.next).toBeNull();
    expect(roster.body.items.map((s: { volunteerId: string; swappedFrom: string | null }) => [s.volunteerId, s.swappedFrom])).toEqual([
      [b.volunteerId, a.volunteerId],
      [b.volunteerId, null],
    ]);
    // The rota and a volunteer's own shifts in keyset pages, by start time.
    const stationRota = (query: string) => h.http('GET', `/shifts?stationId=${stationId}&from=${day}&to=${day}&${query}`);
    expect(await walkKeysetPages(stationRota, 1, (s: { shiftId: string }) => s.shiftId)).toEqual([morning, afternoon]);
    expect(await keysetRefusals(stationRota)).toEqual(KEYSET_REFUSED);
    const mine = (query: string) => h.http('GET', `/volunteers/me/shifts?from=${day}&to=${day}&${query}`, { token: b.token });
    expect(await walkKeysetPages(mine, 1, (s: { shiftId: string }) => s.shiftId)).toEqual([morning, afternoon]);
    expect((await mine('after=nonsense')).status).toBe(400);

    const officer = await h.token('district_officer');
    const byStation = await h.http('GET', `/hours?by=station&stationId=${stationId}`, { token: officer });
    expect(byStation.body.rows).toEqual([{ key: stationId, hours: 3.5, facts: 1 }]);
    const byVolunteer = await h.http('GET', `/hours?by=volunteer&volunteerId=${b.volunteerId}`, { token: officer });
    expect(byVolunteer.body.total).toBe(3.5);
  });
});
