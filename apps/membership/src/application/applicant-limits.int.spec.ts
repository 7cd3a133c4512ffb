import { newId } from '@ws/kernel';
import { syntheticPerson } from '../demo/synthetic-people';
import { applicationFor, type MembershipHarness, startMembership } from '../testing/membership-harness';

const PER_PERSON = 2;
const WRONG_PAIRS = 3;

/** The public join endpoints against a guesser: what a request names is limited, not only who sends it. */
describe('public applications, look-ups and amendments under limits (real Postgres and NATS)', () => {
  let service: MembershipHarness;
  let officer: string;
  let unionId: string;

  beforeAll(async () => {
    service = await startMembership({ membership: { applicationsPerPersonPerHour: PER_PERSON, lookupWrongLimit: WRONG_PAIRS, lookupLockMinutes: 15 } });
    officer = await service.officer();
    unionId = await service.createUnion(officer);
  });

  afterAll(async () => {
    await service?.close();
  });

  it('takes a bulk upload only with an officer’s or a station manager’s (kiosk) token', async () => {
    const items = [applicationFor(10, unionId), applicationFor(11, unionId)];
    const anonymous = await service.request('POST', '/applications/bulk', { items });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    const kiosk = await service.officer('station_manager', { street: '330802001', station: newId() });
    const taken = await service.request('POST', '/applications/bulk', { items }, kiosk);
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ accepted: 2, rejected: 0 });
  });

  it('answers the public form alike for a member, an application in progress and any mobile', async () => {
    // Taken at the counter (an officer's token): not counted against the public limits.
    const applied = (await service.request('POST', '/applications', applicationFor(20, unionId), officer)).json();
    const member = (await service.request('POST', '/applications', applicationFor(21, unionId), officer)).json();
    expect((await service.request('POST', `/applications/${member.applicationId}/approve`, undefined, officer)).statusCode).toBe(200);
    expect(applied.status).toBe('accepted');

    const answers = [];
    for (const [index, mobile] of [[20, syntheticPerson(20).mobile], [20, '13911110000'], [21, syntheticPerson(21).mobile], [21, '13911110001']] as const) {
      const response = await service.request('POST', '/applications', applicationFor(index, unionId, { mobile }));
      answers.push({ statusCode: response.statusCode, body: response.body });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify({ statusCode: 200, body: '{"status":"on_record"}' })]));
  });

  it('limits public applications per ID number and per mobile, whoever sends them; an officer is not limited', async () => {
    const byId = [];
    for (let i = 0; i < PER_PERSON + 1; i++) byId.push(await service.request('POST', '/applications', applicationFor(30, unionId, { mobile: `1370000000${i}` })));
    expect(byId.slice(0, PER_PERSON).map((r) => r.statusCode)).not.toContain(429);
    expect(byId[PER_PERSON]!.statusCode).toBe(429);
    expect(byId[PER_PERSON]!.json()).toMatchObject({ code: 'too_many_applications', field: 'idNumber' });
    expect(byId[PER_PERSON]!.body).not.toContain(syntheticPerson(30).idNumber);

    const mobile = '13755550000';
    const byMobile = [];
    for (let i = 0; i < PER_PERSON + 1; i++) byMobile.push(await service.request('POST', '/applications', applicationFor(40 + i, unionId, { mobile })));
    expect(byMobile.slice(0, PER_PERSON).map((r) => r.statusCode)).toEqual([201, 201]);
    expect(byMobile[PER_PERSON]!.json()).toMatchObject({ code: 'too_many_applications', field: 'mobile' });

    const atCounter = await service.request('POST', '/applications', applicationFor(50, unionId, { mobile }), officer);
    expect(atCounter.statusCode).toBe(201);
  });

  it('locks an application number out after wrong mobiles, the right pair too, at the look-up and the amendment', async () => {
    const person = syntheticPerson(60);
    const { applicationNumber } = (await service.request('POST', '/applications', applicationFor(60, unionId))).json();
    expect((await service.request('POST', '/applications/lookup', { number: applicationNumber, mobile: person.mobile })).statusCode).toBe(200);
    for (let i = 0; i < WRONG_PAIRS; i++) {
      const wrong = await service.request('POST', '/applications/lookup', { number: applicationNumber, mobile: `1360000000${i}` });
      expect(wrong.json().code).toBe('application_not_found');
    }
    const locked = await service.request('POST', '/applications/lookup', { number: applicationNumber, mobile: person.mobile });
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['content-type']).toContain('application/problem+json');
    expect(locked.json()).toMatchObject({ code: 'lookup_locked' });
    expect(locked.body).not.toContain(person.mobile);
    const amend = await service.request('POST', '/applications/amendments', { number: applicationNumber, mobile: person.mobile, employer: '饿了么' });
    expect(amend.json().code).toBe('lookup_locked');
    expect((await service.request('GET', `/applications/lookup?number=${applicationNumber}&mobile=${person.mobile}`)).json().code).toBe('lookup_locked');
  });

  it('locks a mobile out after wrong application numbers', async () => {
    const person = syntheticPerson(70);
    const { applicationNumber } = (await service.request('POST', '/applications', applicationFor(70, unionId))).json();
    for (let i = 0; i < WRONG_PAIRS; i++) {
      await service.request('POST', '/applications/lookup', { number: `RH000000AAAAAAAAA${i}`, mobile: person.mobile });
    }
    const locked = await service.request('POST', '/applications/lookup', { number: applicationNumber, mobile: person.mobile });
    expect(locked.json().code).toBe('lookup_locked');
    // Another mobile is not locked by it.
    expect((await service.request('POST', '/applications/lookup', { number: 'RH000000BBBBBBBBBB', mobile: syntheticPerson(71).mobile })).json().code).toBe('application_not_found');
  });
});
