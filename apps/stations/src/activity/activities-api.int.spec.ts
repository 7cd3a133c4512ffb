import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { Kysely, sql } from 'kysely';
import { shanghaiToday } from '@ws/contracts';
import { DB } from '@ws/platform';
import { multipartBody } from '@ws/testing/photos';
import { startService, type ServiceHarness } from '@ws/testing/service-app';
import type { StationsDatabase } from '../db/database';
import { StationsModule } from '../stations.module';

/** Activities end to end in one process: HTTP → activity stream → outbox → JetStream → activities read model and its figures. */
describe('activities API (real Postgres and NATS)', () => {
  let service: ServiceHarness;
  let officer: string;
  let stationId: string;
  const photoDir = mkdtempSync(join(tmpdir(), 'ws-activity-photos-'));
  const today = shanghaiToday(new Date());
  const daysFrom = (days: number) => shanghaiToday(new Date(Date.now() + days * 86_400_000));

  const inject = (method: 'GET' | 'POST', url: string, payload?: unknown, token?: string) =>
    service.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: token ? { authorization: `Bearer ${token}` } : {} });

  const activity = (overrides: Record<string, unknown> = {}) => ({
    stationId, kind: 'health_clinic', title: '“三送下基层”义诊', organiser: '义乌市总工会', partners: ['稠城街道社区卫生服务中心'], plannedOn: today, ...overrides,
  });

  beforeAll(async () => {
    service = await startService('stations', (config) =>
      StationsModule.forRoot({ config, uploads: { store: { kind: 'local', dir: photoDir }, maxBytes: 2 * 1024 * 1024, urlSecret: 'activity-photo-url-test-secret-0123456789' } }),
    );
    officer = await service.token('district_officer');
    const registered = await inject('POST', '/stations', {
      name: '工商银行工会驿站', kind: 'station', tier: 'community', host: 'enterprise', streetCode: '330802001', communityCode: null,
      address: '磐安县海螺街1号', location: { lng: 120.45, lat: 29.05 }, hours: { open24h: true }, seats: 10,
    }, officer);
    expect(registered.statusCode).toBe(201);
    stationId = registered.json().stationId;
  });

  afterAll(async () => {
    await service?.close();
    rmSync(photoDir, { recursive: true, force: true });
  });

  const uploadPhoto = async (token?: string) => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c0392b' } }).png().toBuffer();
    const { body, contentType } = await multipartBody('photo', png, '义诊.png', 'image/png');
    return service.app.inject({ method: 'POST', url: '/activities/photos', payload: body, headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  };

  it('plans, holds and sums activities at a station and in a street, by kind and by street', async () => {
    const clinic = await inject('POST', '/activities', activity(), officer);
    expect(clinic.statusCode).toBe(201);
    expect(clinic.json()).toMatchObject({ version: 1, events: ['ActivityPlanned'] });
    const clinicId = clinic.json().activityId;
    const fair = (await inject('POST', '/activities', activity({ stationId: null, streetCode: '330802003', kind: 'job_fair', title: '夜市招聘会', organiser: '瓯海区总工会' }), officer)).json().activityId;

    const photo = (await uploadPhoto(officer)).json().ref;
    const heldClinic = await inject('POST', `/activities/${clinicId}/held`, { heldOn: today, participants: 60, newFormParticipants: 45, photos: [photo] }, officer);
    expect(heldClinic.json()).toMatchObject({ version: 2, events: ['ActivityHeld'] });
    expect((await inject('POST', `/activities/${fair}/held`, { heldOn: today, participants: 400, newFormParticipants: 100 }, officer)).statusCode).toBe(200);

    await service.settle();
    expect((await inject('GET', `/activities/${clinicId}`)).json()).toMatchObject({
      activityId: clinicId, stationId, streetCode: '330802001', districtCode: service.config.node.code, kind: 'health_clinic', kindLabel: '义诊',
      status: 'held', plannedOn: today, heldOn: today, participants: 60, newFormParticipants: 45, partners: ['稠城街道社区卫生服务中心'], photos: [photo],
    });
    const figures = (await inject('GET', `/activities/figures?from=${today}&to=${today}`)).json();
    expect(figures).toMatchObject({ held: 2, participants: 460, newFormParticipants: 145 });
    expect(figures.rows).toEqual([
      { key: 'job_fair', label: '招聘会', held: 1, participants: 400, newFormParticipants: 100 },
      { key: 'health_clinic', label: '义诊', held: 1, participants: 60, newFormParticipants: 45 },
    ]);
    const byStreet = (await inject('GET', `/activities/figures?from=${today}&to=${today}&by=street&streetCode=330802001`)).json();
    expect(byStreet).toMatchObject({ held: 1, participants: 60, rows: [{ key: '330802001', held: 1 }] });
  });

  it('takes an activity’s photo from who may record it, holds the activity with it, and shows it back through a signed link; a reference not uploaded here is refused', async () => {
    expect((await uploadPhoto()).json()).toMatchObject({ code: 'unauthenticated' });
    expect((await uploadPhoto(await service.token('ops_admin'))).statusCode).toBe(403);
    const manager = await service.token('station_manager', { station: stationId, street: '330802001' });
    const uploaded = await uploadPhoto(manager);
    expect(uploaded.statusCode).toBe(201);
    const { ref, width, height } = uploaded.json();
    expect([ref, width, height]).toEqual([expect.stringMatching(/^ph_[0-9a-f-]{36}$/), 40, 30]);
    expect(readdirSync(photoDir)).toContain(`${ref}.jpg`);
    const empty = await inject('POST', '/activities/photos', {}, manager);
    expect([empty.statusCode, empty.json().code]).toEqual([400, 'photo_missing']);

    const lecture = (await inject('POST', '/activities', activity({ kind: 'legal_advice', title: '法律咨询进驿站' }), officer)).json().activityId;
    const notHere = await inject('POST', `/activities/${lecture}/held`, { heldOn: today, participants: 12, newFormParticipants: 5, photos: [ref, `ph_${randomUUID()}`] }, manager);
    expect([notHere.statusCode, notHere.json()]).toEqual([422, expect.objectContaining({ code: 'photo_not_uploaded', field: 'photos', detail: expect.stringContaining('1 张照片') })]);
    expect((await inject('POST', `/activities/${lecture}/held`, { heldOn: today, participants: 12, newFormParticipants: 5, photos: [ref] }, manager)).statusCode).toBe(200);

    await service.settle();
    const shown = (await inject('GET', `/activities/${lecture}`)).json();
    expect(shown).toMatchObject({ status: 'held', photos: [ref], photoLinks: [{ ref, url: expect.stringMatching(new RegExp(`^photos/${ref}\\.jpg\\?exp=\\d+&sig=`)) }] });
    const listed = (await inject('GET', `/activities?status=held&kind=legal_advice`)).json().items;
    expect(listed.map((a: { photoLinks: Array<{ ref: string }> }) => a.photoLinks.map((link) => link.ref))).toEqual([[ref]]);
    const image = await service.app.inject({ method: 'GET', url: `/${shown.photoLinks[0].url}` });
    expect([image.statusCode, image.headers['content-type']]).toEqual([200, 'image/jpeg']);
    expect((await sharp(image.rawPayload).metadata()).format).toBe('jpeg');
    expect((await service.app.inject({ method: 'GET', url: `/photos/${ref}.jpg` })).json()).toMatchObject({ code: 'photo_link_invalid' });
  });

  it('refuses what a union officer would not record, each with its code and field, and records nothing', async () => {
    const planned = (await inject('POST', '/activities', activity({ plannedOn: today }), officer)).json().activityId;
    const refusals: Array<[string, unknown, number, string, string]> = [
      [`/activities/${planned}/held`, { heldOn: today, participants: 10, newFormParticipants: 11 }, 422, 'new_form_exceeds_participants', 'newFormParticipants'],
      [`/activities/${planned}/held`, { heldOn: daysFrom(-1), participants: 10, newFormParticipants: 1 }, 422, 'activity_held_before_planned', 'heldOn'],
      [`/activities/${planned}/held`, { heldOn: daysFrom(2), participants: 10, newFormParticipants: 1 }, 422, 'activity_held_in_future', 'heldOn'],
      ['/activities', activity({ kind: 'picnic' }), 400, 'validation_failed', 'kind'],
      ['/activities', activity({ stationId: randomUUID() }), 404, 'station_not_found', 'stationId'],
      ['/activities', activity({ stationId: null, streetCode: null }), 422, 'invalid_street_code', 'streetCode'],
      [`/activities/${randomUUID()}/held`, { heldOn: today, participants: 1, newFormParticipants: 0 }, 404, 'activity_not_found', 'activityId'],
    ];
    for (const [url, body, status, code, field] of refusals) {
      const answer = await inject('POST', url, body, officer);
      expect({ url, status: answer.statusCode, type: answer.headers['content-type'] }).toEqual({ url, status, type: expect.stringContaining('application/problem+json') });
      expect(answer.json()).toMatchObject({ code, field });
    }
    await service.settle();
    expect((await inject('GET', `/activities/${planned}`)).json()).toMatchObject({ status: 'planned', participants: null });

    // A closed station takes no new activity.
    const closing = (await inject('POST', '/stations', {
      name: '昌文路工会驿站', kind: 'station', tier: 'community', host: 'enterprise', streetCode: '330802001', communityCode: null,
      address: '昌文路2号', location: { lng: 120.45, lat: 29.05 }, hours: { open24h: true }, seats: 4,
    }, officer)).json().stationId;
    expect((await inject('POST', `/stations/${closing}/close`, { reason: '场地收回' }, officer)).statusCode).toBe(200);
    const atClosed = await inject('POST', '/activities', activity({ stationId: closing }), officer);
    expect(atClosed.statusCode).toBe(409);
    expect(atClosed.json()).toMatchObject({ code: 'activity_station_closed', field: 'stationId' });
    expect(atClosed.json().detail).toContain('已关闭');

    expect((await inject('POST', '/activities', activity())).json().code).toBe('unauthenticated');
    const elsewhere = await service.token('street_officer', { street: '330802009' });
    expect((await inject('POST', '/activities', activity(), elsewhere)).json().code).toBe('out_of_scope');
  });

  it('lets workers sign up with a device key: places, a waiting list, a freed place to the first waiting, never the key in an event', async () => {
    const lesson = (await inject('POST', '/activities', activity({ kind: 'first_aid_training', title: '急救包扎培训', plannedOn: daysFrom(3), places: 1 }), officer)).json().activityId;
    const [first, second, third] = ['device-0000-aaaa', 'device-0000-bbbb', 'device-0000-cccc'];
    expect((await inject('POST', `/activities/${lesson}/signups`, { key: first })).json()).toEqual({ activityId: lesson, status: 'confirmed', position: null });
    expect((await inject('POST', `/activities/${lesson}/signups`, { key: first })).json()).toMatchObject({ status: 'confirmed' });
    expect((await inject('POST', `/activities/${lesson}/signups`, { key: second })).json()).toEqual({ activityId: lesson, status: 'waitlisted', position: 1 });
    // Where a device stands is asked with the key in the body, never the address; asking signs nobody up.
    expect((await inject('POST', `/activities/${lesson}/signups/standing`, { key: second })).json()).toEqual({ activityId: lesson, status: 'waitlisted', position: 1 });
    expect((await inject('POST', `/activities/${lesson}/signups/standing`, { key: third })).json()).toEqual({ activityId: lesson, status: 'none', position: null });
    expect((await inject('POST', `/activities/${randomUUID()}/signups/standing`, { key: third })).json()).toMatchObject({ code: 'activity_not_found' });
    const full = await inject('POST', `/activities/${lesson}/signups`, { key: third });
    expect(full.json()).toMatchObject({ code: 'activity_full' });
    expect((await inject('POST', `/activities/${lesson}/signups`, { key: 'bad key' })).json()).toMatchObject({ code: 'validation_failed', field: 'key' });

    expect((await inject('POST', `/activities/${lesson}/signups/withdraw`, { key: first })).json()).toMatchObject({ status: 'none' });
    expect((await inject('POST', `/activities/${lesson}/signups`, { key: second })).json()).toMatchObject({ status: 'confirmed' });
    expect((await inject('POST', `/activities/${lesson}/signups/standing`, { key: second })).json()).toMatchObject({ status: 'confirmed' });
    await service.settle();
    expect((await inject('GET', `/activities/${lesson}`)).json()).toMatchObject({ places: 1, confirmed: 1, waitlisted: 0 });

    const page = (await inject('GET', `/activities?kind=first_aid_training&limit=1`)).json();
    expect(page.items.map((a: { activityId: string }) => a.activityId)).toEqual([lesson]);

    const noSignup = (await inject('POST', '/activities', activity({ places: null }), officer)).json().activityId;
    expect((await inject('POST', `/activities/${noSignup}/signups`, { key: first })).json()).toMatchObject({ code: 'activity_takes_no_signups' });
    const db = service.app.get<Kysely<StationsDatabase>>(DB);
    const { rows } = await sql<{ n: string }>`select count(*) as n from events where stream_id = ${`activity-${lesson}`} and data::text like ${'%device-0000%'}`.execute(db);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('lists by planned period, and what workers may still sign up for soonest first, with the station’s name', async () => {
    const plan = async (plannedOn: string, places: number | null, extra: Record<string, unknown> = {}) =>
      (await inject('POST', '/activities', activity({ kind: 'party_lecture', title: `微党课 ${plannedOn}`, plannedOn, places, ...extra }), officer)).json().activityId as string;
    const later = await plan(daysFrom(20), 10);
    const sooner = await plan(daysFrom(10), 10);
    const noSignUps = await plan(daysFrom(12), null);
    const past = await plan(daysFrom(-5), 10);
    const cancelled = await plan(daysFrom(11), 10);
    expect((await inject('POST', `/activities/${cancelled}/cancel`, { reason: '台风预警' }, officer)).statusCode).toBe(200);
    const inStreet = await plan(daysFrom(15), 5, { stationId: null, streetCode: '330802003' });
    await service.settle();

    const ids = (body: { items: Array<{ activityId: string }> }) => body.items.map((a) => a.activityId);
    const open = (await inject('GET', `/activities?kind=party_lecture&signUpOpen=true&limit=2`)).json();
    expect(ids(open)).toEqual([sooner, inStreet]);
    const rest = (await inject('GET', `/activities?kind=party_lecture&signUpOpen=true&limit=2&after=${open.next}`)).json();
    expect(ids(rest)).toEqual([later]);
    expect(rest.next).toBeNull();
    for (const excluded of [noSignUps, past, cancelled]) expect([...ids(open), ...ids(rest)]).not.toContain(excluded);

    const period = (await inject('GET', `/activities?kind=party_lecture&from=${daysFrom(10)}&to=${daysFrom(12)}`)).json();
    expect(ids(period)).toEqual([noSignUps, cancelled, sooner]);
    const one = period.items.find((a: { activityId: string }) => a.activityId === sooner);
    expect(one).toMatchObject({ stationId, stationName: '工商银行工会驿站', places: 10 });
    expect((await inject('GET', `/activities/${inStreet}`)).json()).toMatchObject({ stationId: null, stationName: null, streetCode: '330802003' });
    expect((await inject('GET', `/activities?from=${daysFrom(2)}&to=${daysFrom(1)}`)).json()).toMatchObject({ code: 'validation_failed', field: 'to' });
    expect((await inject('GET', `/activities?from=2026-02-30`)).json()).toMatchObject({ code: 'validation_failed', field: 'from' });

    const labels = (await inject('GET', '/labels')).json();
    expect(labels.activityKinds).toContainEqual({ code: 'party_lecture', label: '微党课' });
    expect(labels.activityStatuses).toEqual([{ code: 'planned', label: '计划中' }, { code: 'held', label: '已举办' }, { code: 'cancelled', label: '已取消' }]);
  });

  it('rebuilds the activities read model from the streams to the same answers', async () => {
    await service.settle();
    const list = (await inject('GET', '/activities?limit=200')).json();
    const figures = (await inject('GET', `/activities/figures?from=${today}&to=${today}`)).json();
    expect(list.items.length).toBeGreaterThan(3);
    expect((await inject('POST', '/admin/projections/stations.activities/rebuild', undefined, officer)).statusCode).toBe(202);
    await service.settle();
    // The photos' links are signed anew at each read (their expiry moves with the clock): compared by reference.
    const withoutLinks = (page: { items: Array<{ photoLinks: Array<{ ref: string }> }> }) => page.items.map((a) => ({ ...a, photoLinks: a.photoLinks.map((link) => link.ref) }));
    expect(withoutLinks((await inject('GET', '/activities?limit=200')).json())).toEqual(withoutLinks(list));
    expect((await inject('GET', `/activities/figures?from=${today}&to=${today}`)).json()).toEqual(figures);
  });
});
