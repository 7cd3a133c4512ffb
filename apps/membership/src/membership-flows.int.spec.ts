import { randomUUID } from 'node:crypto';
import { eventually, KEYSET_REFUSED, keysetRefusals, walkKeysetPages } from '@ws/testing';
import { syntheticPerson } from './demo/synthetic-people';
import type { Kysely } from 'kysely';
import {
  DISPATCH_AGGREGATES,
  DISPATCH_CONTEXT,
  type EventEnvelope,
  eventSubject,
  POINTS_PER_REWARD_YUAN,
  type ReportRewarded,
  STATION_EVENT_AGGREGATES,
  STATIONS_CONTEXT,
  type TaskCompleted,
  type VisitsRecorded,
  WISHES_CONTEXT,
  WISHES_EVENT_AGGREGATES,
} from '@ws/contracts';
import { EventStore } from '@ws/eventstore';
import { DB } from '@ws/platform';
import { pointsAggregate } from './aggregates';
import { RewardsReaction } from './reactions/rewards.reaction';
import { applicationFor, MembershipHarness, startMembership } from './testing/membership-harness';

/** Unions, reviews, transfers, status changes, points and the shop, through the HTTP API and the bus. */
const CHECKIN_POINTS_PER_DAY = 3;

describe('membership flows (real Postgres and NATS)', () => {
  let service: MembershipHarness;
  let officer: string;
  let riders: string;
  let couriers: string;
  let next = 1000;

  /** Applies and approves a new synthetic person in `unionId`; returns ids. */
  const join = async (unionId: string) => {
    const index = next++;
    const submitted = (await service.request('POST', '/applications', applicationFor(index, unionId))).json();
    const approved = (await service.request('POST', `/applications/${submitted.applicationId}/approve`, undefined, officer)).json();
    return { index, applicationId: submitted.applicationId as string, membershipId: approved.membershipId as string, cardNumber: approved.cardNumber as string };
  };
  const stats = async (by: string) => {
    await service.settle();
    return (await service.request('GET', `/members/stats?by=${by}`)).json().rows as Array<{ key: string; members: number }>;
  };
  const countIn = async (unionId: string) => (await stats('union')).find((r) => r.key === unionId)?.members ?? 0;
  /** The rewards reaction on `envelope` once more, as a redelivery would run it: in a transaction of its own. */
  const reactAgain = (aggregate: string, envelope: EventEnvelope) =>
    service.app.get<Kysely<any>>(DB).transaction().execute((trx) =>
      service.app.get(RewardsReaction).react(trx, { seq: 0, subject: eventSubject(service.config.node, envelope.type === 'ReportRewarded' ? WISHES_CONTEXT : STATIONS_CONTEXT, aggregate, 'x', envelope.type), envelope }),
    );

  beforeAll(async () => {
    service = await startMembership({ membership: { checkinPointsPerDay: CHECKIN_POINTS_PER_DAY } });
    officer = await service.officer();
    const federation = await service.createUnion(officer, { name: '柯城区总工会', kind: 'federation', occupations: [] });
    riders = await service.createUnion(officer, { name: '外卖配送行业联合工会', parentUnionId: federation, occupations: ['rider'] });
    couriers = await service.createUnion(officer, { name: '快递行业联合工会', parentUnionId: federation, occupations: ['courier'] });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('suggests the nearest suitable union by occupation and street when none is named, as the join form does beforehand', async () => {
    const streetUnion = await service.createUnion(officer, { name: '府山街道工会', kind: 'street', streetCode: '330802002', occupations: [] });
    const ridersOfStreet = await service.createUnion(officer, { name: '荷花街道外卖配送联合工会', streetCode: '330802003', occupations: ['rider'] });
    const apply = async (occupation: string, streetCode: string) => {
      const { unionId: _none, ...withoutUnion } = applicationFor(next++, riders, { occupation, streetCode });
      return (await service.request('POST', '/applications', withoutUnion)).json();
    };
    expect(await apply('rider', '330802003')).toMatchObject({ status: 'accepted', unionId: ridersOfStreet, suggestedBy: 'occupation_and_street' });
    expect(await apply('rider', '330802009')).toMatchObject({ status: 'accepted', unionId: riders, suggestedBy: 'occupation' });
    expect(await apply('courier', '330802003')).toMatchObject({ status: 'accepted', unionId: couriers, suggestedBy: 'occupation' });
    expect(await apply('sanitation', '330802002')).toMatchObject({ status: 'accepted', unionId: streetUnion, suggestedBy: 'street' });
    expect(await apply('sanitation', '330802001')).toMatchObject({ code: 'no_union_suggested', field: 'unionId' });

    await service.settle();
    const suggestion = await service.request('GET', '/unions/suggestion?occupation=rider&streetCode=330802003');
    expect(suggestion.json()).toEqual({ unionId: ridersOfStreet, match: 'occupation_and_street', name: '荷花街道外卖配送联合工会', kind: 'joint', streetCode: '330802003' });
    const none = await service.request('GET', '/unions/suggestion?occupation=sanitation&streetCode=330802001');
    expect(none.statusCode).toBe(422);
    expect(none.headers['content-type']).toContain('application/problem+json');
  });

  it('requests more information, the applicant amends with number + mobile, the union rejects with a reason', async () => {
    const index = next++;
    const submitted = (await service.request('POST', '/applications', applicationFor(index, riders))).json();
    const asked = await service.request('POST', `/applications/${submitted.applicationId}/request-info`, { fields: ['employer'], note: '请补充所在配送站点' }, officer);
    expect(asked.statusCode).toBe(200);
    const mobile = syntheticPerson(index).mobile;
    const seen = (await service.request('POST', '/applications/lookup', { number: submitted.applicationNumber, mobile })).json();
    expect(seen).toMatchObject({ status: 'info_requested', infoRequested: { fields: ['employer'], note: '请补充所在配送站点' } });

    const amended = await service.request('POST', '/applications/amendments', { number: submitted.applicationNumber, mobile, employer: '美团 柯城站', name: '王小明' });
    expect(amended.json()).toMatchObject({ status: 'submitted' });
    const stale = await service.request('POST', `/applications/${submitted.applicationId}/reject`, { reason: 'not_eligible', note: '不属于本行业' }, officer, { 'if-match': '"2"' });
    expect(stale.statusCode).toBe(409);
    const rejected = await service.request('POST', `/applications/${submitted.applicationId}/reject`, { reason: 'not_eligible', note: '不属于本行业' }, officer, { 'if-match': '"3"' });
    expect(rejected.statusCode).toBe(200);
    expect((await service.request('POST', '/applications/lookup', { number: submitted.applicationNumber, mobile })).json()).toMatchObject({
      status: 'rejected',
      rejection: { reason: 'not_eligible', note: '不属于本行业' },
    });
    await service.settle();
    const detail = await service.request('GET', `/applications/${submitted.applicationId}`, undefined, officer);
    expect(detail.json()).toMatchObject({ status: 'rejected', person: { name: '王小明', disclosure: 'unmasked' } });
  });

  it('an amendment changes only what the applicant corrected', async () => {
    const index = next++;
    const submitted = (await service.request('POST', '/applications', applicationFor(index, riders, { employer: '饿了么' }))).json();
    await service.request('POST', `/applications/${submitted.applicationId}/request-info`, { fields: ['name'], note: '姓名与证件不符' }, officer);
    const mobile = syntheticPerson(index).mobile;
    expect((await service.request('POST', '/applications/amendments', { number: submitted.applicationNumber, mobile, name: '李小红' })).json()).toMatchObject({ status: 'submitted' });
    await service.settle();
    const detail = (await service.request('GET', `/applications/${submitted.applicationId}`, undefined, officer)).json();
    expect(detail).toMatchObject({ employer: '饿了么', occupation: 'rider', person: { name: '李小红', mobile } });
  });

  it('keeps an application queue with ages, counts and the station where the worker applied', async () => {
    const stationId = randomUUID();
    const submitted = (await service.request('POST', '/applications', { ...applicationFor(next++, riders, { stationId, employer: '饿了么' }), channel: 'station' })).json();
    await service.settle();
    const queue = (await service.request('GET', `/applications/queue?unionId=${riders}`, undefined, officer)).json();
    expect(queue.items.find((i: { applicationId: string }) => i.applicationId === submitted.applicationId)).toMatchObject({
      stationId,
      channel: 'station',
      employer: '饿了么',
      erased: false,
    });
    expect(queue.items.every((i: { status: string; ageHours: number }) => ['submitted', 'info_requested'].includes(i.status) && i.ageHours >= 0)).toBe(true);
    expect(queue.counts.submitted.count).toBe(queue.items.length);
  });

  it('pages the queue on the server, oldest first: each page carries the cursor of the next, a cursor it did not write is refused at `after`', async () => {
    for (let i = 0; i < 3; i++) await service.request('POST', '/applications', applicationFor(next++, riders));
    await service.settle();
    const all = (await service.request('GET', `/applications/queue?unionId=${riders}`, undefined, officer)).json();
    expect(all.next).toBeNull();
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const query: string = `/applications/queue?unionId=${riders}&limit=2${after ? `&after=${after}` : ''}`;
      const page = (await service.request('GET', query, undefined, officer)).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      ids.push(...page.items.map((i: { applicationId: string }) => i.applicationId));
      after = page.next;
    } while (after);
    expect(ids).toEqual(all.items.map((i: { applicationId: string }) => i.applicationId));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const bad = await service.request('GET', `/applications/queue?after=bm90LWEtY3Vyc29y`, undefined, officer);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed', field: 'after' });
  });

  it('pages the queue by submission time to the microsecond: applications submitted within one millisecond are each listed once', async () => {
    const union = await service.createUnion(officer);
    for (let i = 0; i < 3; i++) await service.request('POST', '/applications', applicationFor(next++, union));
    await service.settle();
    // Three submission times a JS Date cannot tell apart, the greatest id the oldest, so an order by time alone shows.
    await service.raw(
      `update application_queue q set submitted_at = '2026-01-01T00:00:00.000Z'::timestamptz + make_interval(secs => r.rank / 1e6)
       from (select application_id, row_number() over (order by application_id desc) as rank from application_queue where union_id = '${union}') r
       where q.application_id = r.application_id`,
    );
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const query: string = `/applications/queue?unionId=${union}&limit=1${after ? `&after=${after}` : ''}`;
      const page = (await service.request('GET', query, undefined, officer)).json();
      ids.push(...page.items.map((i: { applicationId: string }) => i.applicationId));
      after = page.next;
    } while (after);
    const { rows } = await service.raw<{ id: string }>(`select application_id as id from application_queue where union_id = '${union}' order by application_id desc`);
    expect(rows).toHaveLength(3);
    expect(ids).toEqual(rows.map((r) => r.id));
  });

  it('pages the union list by node and creation time to the microsecond: unions created within one millisecond are each listed once', async () => {
    // Creation times apart by microseconds only (some equal: the id breaks the tie), as a burst of creations gives.
    await service.raw(`update unions set created_at = '2026-01-01T00:00:00.000Z'::timestamptz + make_interval(secs => (ascii(right(union_id::text, 1)) % 4) / 1e6)`);
    const get = async (query: string) => {
      const answer = await service.request('GET', `/unions?${query}`);
      return { status: answer.statusCode, body: answer.json(), headers: new Headers(Object.entries(answer.headers).map(([name, value]) => [name, String(value)])) };
    };
    const whole = (await get('limit=200')).body as { items: Array<{ unionId: string }>; next: string | null };
    expect(whole.next).toBeNull();
    expect(whole.items.length).toBeGreaterThanOrEqual(3);
    expect(await walkKeysetPages(get, 1, (u: { unionId: string }) => u.unionId)).toEqual(whole.items.map((u) => u.unionId));
    expect(await keysetRefusals(get)).toEqual(KEYSET_REFUSED);
  });

  it('transfers inside the node: in flight, then out of the old union and into the new in one step', async () => {
    const member = await join(riders);
    const before = { riders: await countIn(riders), couriers: await countIn(couriers) };
    const requested = await service.request('POST', `/members/${member.membershipId}/transfers`, { toUnionId: couriers }, officer);
    expect(requested.statusCode).toBe(201);
    const { transferId } = requested.json();
    await service.settle();
    const inFlight = (await service.request('GET', '/transfers', undefined, officer)).json();
    expect(inFlight).toEqual({ items: [expect.objectContaining({ transferId, status: 'requested', fromUnionId: riders, toUnionId: couriers })], next: null });
    // While in flight the member still counts in the old union only.
    expect(await countIn(riders)).toBe(before.riders);

    expect((await service.request('POST', `/members/${member.membershipId}/leave`, { reason: '本人申请' }, officer)).json().code).toBe('transfer_in_flight');
    const accepted = await service.request('POST', `/transfers/${transferId}/accept`, undefined, officer);
    expect(accepted.json()).toMatchObject({ status: 'completed', unionId: couriers });
    expect(await countIn(riders)).toBe(before.riders - 1);
    expect(await countIn(couriers)).toBe(before.couriers + 1);
    expect((await service.request('GET', '/transfers', undefined, officer)).json()).toEqual({ items: [], next: null });
    const events = await service.raw<{ type: string }>(`select type from events where stream_id = 'membership-${member.membershipId}' order by stream_version`);
    expect(events.rows.map((r) => r.type)).toEqual(['MembershipActivated', 'TransferRequested', 'TransferCompleted']);
  });

  it('a declined transfer leaves the member where they were', async () => {
    const member = await join(riders);
    const { transferId } = (await service.request('POST', `/members/${member.membershipId}/transfers`, { toUnionId: couriers }, officer)).json();
    const declined = await service.request('POST', `/transfers/${transferId}/decline`, { reason: '不符合行业' }, officer);
    expect(declined.json()).toMatchObject({ status: 'declined' });
    await service.settle();
    const card = (await service.request('GET', `/members/${member.membershipId}`, undefined, officer)).json();
    expect(card.unionId).toBe(riders);
  });

  it('turns a member’s application to another union into a transfer; without the mobile on record it only says they are a member', async () => {
    const member = await join(riders);
    // The public form without a proven mobile learns nothing about the membership, and changes nothing.
    const unproven = await service.request('POST', '/applications', applicationFor(member.index, couriers));
    expect(unproven.statusCode).toBe(200);
    expect(unproven.json()).toEqual({ status: 'on_record' });
    const again = await service.request('POST', '/applications', applicationFor(member.index, couriers), officer);
    expect(again.statusCode).toBe(200);
    const answer = again.json();
    expect(answer).toMatchObject({ status: 'transfer_requested', membershipId: member.membershipId, cardNumber: member.cardNumber, unionId: riders, toUnionId: couriers });
    const otherMobile = await service.request('POST', '/applications/bulk', { items: [applicationFor(member.index, couriers, { mobile: '13900000001' })] }, officer);
    expect(otherMobile.json().results).toEqual([{ index: 0, status: 'existing_membership' }]);
    // While it is pending, asking again is answered with the membership, not a second transfer.
    expect((await service.request('POST', '/applications', applicationFor(member.index, couriers), officer)).json()).toMatchObject({ status: 'existing_membership', unionId: riders });

    await service.settle();
    const inFlight = (await service.request('GET', '/transfers', undefined, officer)).json();
    expect(inFlight).toEqual({ items: [expect.objectContaining({ transferId: answer.transferId, membershipId: member.membershipId, fromUnionId: riders, toUnionId: couriers })], next: null });
    const accepted = await service.request('POST', `/transfers/${answer.transferId}/accept`, undefined, officer);
    expect(accepted.json()).toMatchObject({ status: 'completed', unionId: couriers });
    const current = await service.raw<{ n: number }>(`
      select count(*)::int as n from membership_registry
      where person_id = (select person_id from membership_registry where membership_id = '${member.membershipId}') and status in ('active', 'suspended')`);
    expect(current.rows).toEqual([{ n: 1 }]);
  });

  it('suspends, reinstates and leaves; a member who left may join again', async () => {
    const member = await join(riders);
    const call = (action: string, body?: unknown) => service.request('POST', `/members/${member.membershipId}/${action}`, body, officer);
    expect((await call('suspend', { reason: '长期失联' })).json()).toMatchObject({ status: 'suspended' });
    expect((await call('suspend', { reason: '长期失联' })).json().code).toBe('membership_not_active');
    expect((await call('reinstate')).json()).toMatchObject({ status: 'active' });
    expect((await call('leave', { reason: '本人申请' })).json()).toMatchObject({ status: 'left' });
    const rejoined = await service.request('POST', '/applications', applicationFor(member.index, riders));
    expect(rejoined.statusCode).toBe(201);
    await service.settle();
    const card = (await service.request('GET', `/members/${member.membershipId}`, undefined, officer)).json();
    expect(card.status).toBe('left');
  });

  it('merges a union: every member moves with it in one transaction; dissolving needs members moved first', async () => {
    const small = await service.createUnion(officer, { name: '网约车行业联合工会', occupations: ['ride_hail_driver'] });
    const members = [await join(small), await join(small)];
    const refused = await service.request('POST', `/unions/${small}/dissolve`, { reason: '并入' }, officer);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'union_has_members', activeMembers: 2 });

    const before = await countIn(couriers);
    const merged = await service.request('POST', `/unions/${small}/merge`, { intoUnionId: couriers }, officer);
    expect(merged.json()).toMatchObject({ membersMoved: 2 });
    expect(await countIn(small)).toBe(0);
    expect(await countIn(couriers)).toBe(before + 2);
    for (const m of members) {
      expect((await service.request('GET', `/members/${m.membershipId}`, undefined, officer)).json().unionId).toBe(couriers);
    }
    const applyToMerged = await service.request('POST', '/applications', applicationFor(next++, small));
    expect(applyToMerged.json().code).toBe('union_not_accepting');
    const union = (await service.request('GET', `/unions/${small}`)).json();
    expect(union).toMatchObject({ status: 'merged', merged_into: couriers });

    const empty = await service.createUnion(officer, { name: '临时工会' });
    expect((await service.request('POST', `/unions/${empty}/rename`, { name: '环卫行业联合工会' }, officer)).statusCode).toBe(200);
    expect((await service.request('POST', `/unions/${empty}/dissolve`, { reason: '撤销' }, officer)).statusCode).toBe(200);
  });

  it('credits points from street-report rewards and volunteer hours exactly once, and from check-ins when enabled', async () => {
    const member = await join(riders);
    const points = async () => (await service.request('GET', `/members/${member.membershipId}/points`, undefined, officer)).json();
    // The facts as their services publish them: subjects and payloads from the publishers' contracts.
    const reward: ReportRewarded['data'] = { reportId: 'report-1', memberCard: member.cardNumber, amountYuan: 5, points: 5 * POINTS_PER_REWARD_YUAN };
    await service.publishForeign(WISHES_CONTEXT, WISHES_EVENT_AGGREGATES.ReportRewarded, 'ReportRewarded', reward);
    await eventually(async () => (await points()).balance === 50, { what: 'the reward credited (50 points)' });

    await service.request('POST', `/members/${member.membershipId}/volunteer`, { volunteerId: 'volunteer-7' }, officer);
    const completed: TaskCompleted['data'] = {
      taskId: 't1', wishIds: [], decisionId: 'd1', volunteerId: 'volunteer-7', streetCode: '330802001', stationId: null,
      proof: { notes: '', photoRefs: [], attendees: null }, hours: 2,
    };
    await service.publishForeign(DISPATCH_CONTEXT, DISPATCH_AGGREGATES.task, 'TaskCompleted', completed);
    await eventually(async () => (await points()).balance === 70, { what: 'the volunteer hours credited (70 points)' });

    const visits: VisitsRecorded['data'] = {
      stationId: randomUUID(),
      visits: [
        { key: 'k1', at: new Date().toISOString(), occupation: 'rider', memberCard: member.cardNumber },
        { key: 'k2', at: new Date().toISOString(), occupation: 'rider' },
      ],
    };
    await service.publishForeign(STATIONS_CONTEXT, STATION_EVENT_AGGREGATES.VisitsRecorded, 'VisitsRecorded', visits);
    await eventually(async () => (await points()).balance === 71, { what: 'the member check-in credited (71 points)' });

    // A redelivered event (same event id) books nothing: the entry id derives from it.
    const envelope = {
      eventId: randomUUID(), type: 'ReportRewarded' as const, schema: 1, streamId: 'report-r9', streamVersion: null, occurredAt: new Date().toISOString(),
      data: { ...reward, reportId: 'report-9', points: 5 }, metadata: { correlationId: 'c', causationId: 'c', node: service.config.node.code },
    };
    await reactAgain(WISHES_EVENT_AGGREGATES.ReportRewarded, envelope);
    await reactAgain(WISHES_EVENT_AGGREGATES.ReportRewarded, envelope);
    expect((await points()).balance).toBe(76);
    const account = await points();
    // Newest first.
    expect(account.items.map((e: { source: string; points: number }) => [e.source, e.points])).toEqual([
      ['street_report', 5],
      ['checkin', 1],
      ['volunteer_hours', 20],
      ['street_report', 50],
    ]);
  });

  it('keeps the points account a rewards batch credited once the batch has committed: the next credit reads only the entries since', async () => {
    const member = await join(riders);
    const reward = (points: number) =>
      service.publishForeign(WISHES_CONTEXT, WISHES_EVENT_AGGREGATES.ReportRewarded, 'ReportRewarded', { reportId: randomUUID(), memberCard: member.cardNumber, amountYuan: 1, points } satisfies ReportRewarded['data']);
    const account = pointsAggregate.streamId(member.membershipId);
    await reward(10);
    await service.settle();
    const whole = jest.spyOn(EventStore.prototype, 'readStream');
    const since = jest.spyOn(EventStore.prototype, 'readStreamFrom');
    try {
      await reward(20);
      await service.settle();
      // The second credit caught up from the first one's kept state (version 1), not by folding the account again.
      expect(whole.mock.calls.filter(([streamId]) => streamId === account)).toEqual([]);
      expect(since.mock.calls.filter(([streamId]) => streamId === account).map(([, version]) => version)).toEqual([1]);
    } finally {
      whole.mockRestore();
      since.mockRestore();
    }
    expect((await service.request('GET', `/members/${member.membershipId}/points`, undefined, officer)).json()).toMatchObject({ balance: 30, version: 2 });
  });

  it('answers a points account a page at a time, newest first, with its balance now', async () => {
    const member = await join(riders);
    const entryIds = Array.from({ length: 5 }, () => randomUUID());
    for (const [i, entryId] of entryIds.entries()) {
      await service.request('POST', `/members/${member.membershipId}/points/credits`, { entryId, points: i + 1, reason: '活动奖励' }, officer);
    }
    const get = async (query: string) => {
      const answer = await service.request('GET', `/members/${member.membershipId}/points?${query}`, undefined, officer);
      return { status: answer.statusCode, body: answer.json(), headers: new Headers(Object.entries(answer.headers).map(([name, value]) => [name, String(value)])) };
    };
    const first = (await get('limit=2')).body;
    expect(first).toMatchObject({ membershipId: member.membershipId, balance: 15, version: 5, items: [{ ref: entryIds[4], points: 5 }, { ref: entryIds[3], points: 4 }] });
    expect(first.next).toEqual(expect.any(String));
    expect(await walkKeysetPages(get, 2, (e: { ref: string }) => e.ref)).toEqual([...entryIds].reverse());
    expect(await keysetRefusals(get)).toEqual(KEYSET_REFUSED);
  });

  it('credits check-in points per card up to the day’s cap (Shanghai day of the visit); the rest are acknowledged, a redelivery books nothing', async () => {
    const member = await join(riders);
    const visitsRecorded = (envelope: EventEnvelope) => reactAgain(STATION_EVENT_AGGREGATES.VisitsRecorded, envelope);
    const checkins = (day: string, keys: string[]) => ({
      eventId: randomUUID(), type: 'VisitsRecorded' as const, schema: 1, streamId: 'station-s1', streamVersion: null, occurredAt: new Date().toISOString(),
      data: { stationId: randomUUID(), visits: keys.map((key) => ({ key, at: day, occupation: 'rider' as const, memberCard: member.cardNumber })) },
      metadata: { correlationId: 'c', causationId: 'c', node: service.config.node.code },
    });
    const balance = async () => (await service.request('GET', `/members/${member.membershipId}/points`, undefined, officer)).json().balance;
    // 23:30 UTC on 31 May is 07:30 on 1 June in Shanghai: one day with the visits after it.
    const flood = checkins('2026-05-31T23:30:00.000Z', Array.from({ length: CHECKIN_POINTS_PER_DAY + 3 }, (_, i) => `flood-${i}`));
    await visitsRecorded(flood);
    expect(await balance()).toBe(CHECKIN_POINTS_PER_DAY);
    await visitsRecorded(flood);
    await visitsRecorded(checkins('2026-06-01T12:00:00.000Z', ['same-day']));
    expect(await balance()).toBe(CHECKIN_POINTS_PER_DAY);
    await visitsRecorded(checkins('2026-06-01T16:30:00.000Z', ['next-day']));
    expect(await balance()).toBe(CHECKIN_POINTS_PER_DAY + 1);
  });

  it('passes rewards nobody here can take (a member who left) and records points the account refuses, without retrying them', async () => {
    const leaver = await join(riders);
    await service.request('POST', `/members/${leaver.membershipId}/leave`, { reason: '本人申请' }, officer);
    const stays = await join(riders);
    const publish = (memberCard: string, points: number) =>
      service.publishForeign(WISHES_CONTEXT, WISHES_EVENT_AGGREGATES.ReportRewarded, 'ReportRewarded', { reportId: randomUUID(), memberCard, amountYuan: 1, points } satisfies ReportRewarded['data']);
    await publish(leaver.cardNumber, 20);
    await publish(stays.cardNumber, 0);
    await publish(stays.cardNumber, 30);
    const balance = async (membershipId: string) => (await service.request('GET', `/members/${membershipId}/points`, undefined, officer)).json();
    await eventually(async () => (await balance(stays.membershipId)).balance === 30, { what: 'the remaining member credited (30 points)' });

    await service.settle();
    const refused = await service.raw<{ detail: string }>(`select detail from parked_messages where consumer = 'membership.rewards' and reason = 'refused'`);
    expect(refused.rows).toHaveLength(1);
    expect((await balance(stays.membershipId)).items).toHaveLength(1);
    expect((await service.request('GET', `/members/${leaver.membershipId}/points`, undefined, officer)).statusCode).toBe(200);
    expect((await balance(leaver.membershipId)).balance).toBe(0);
  });

  it('redeems at the points shop: stock and points fall together, never below zero, once per redemption id', async () => {
    const member = await join(riders);
    await service.request('POST', `/members/${member.membershipId}/points/credits`, { entryId: randomUUID(), points: 100, reason: '活动奖励' }, officer);
    const item = (await service.request('POST', '/shop/items', { name: '清凉礼包', points: 30, stock: 2 }, officer)).json();
    const manager = await service.officer('station_manager', { station: randomUUID() });
    const redeem = (redemptionId: string, quantity = 1) =>
      service.request('POST', '/shop/redemptions', { redemptionId, cardNumber: member.cardNumber, itemId: item.itemId, quantity }, manager);

    const first = randomUUID();
    expect((await redeem(first)).json()).toMatchObject({ points: 30, balance: 70, repeated: false });
    expect((await redeem(first)).json()).toMatchObject({ repeated: true, balance: 70 });
    expect((await redeem(randomUUID(), 2)).json()).toMatchObject({ code: 'out_of_stock', stock: 1 });
    expect((await redeem(randomUUID())).json()).toMatchObject({ balance: 40 });
    expect((await redeem(randomUUID())).json().code).toBe('out_of_stock');
    await service.request('POST', `/shop/items/${item.itemId}/restock`, { quantity: 5 }, officer);
    expect((await redeem(randomUUID())).json()).toMatchObject({ balance: 10 });
    expect((await redeem(randomUUID())).json()).toMatchObject({ code: 'insufficient_points', balance: 10, required: 30 });

    await service.settle();
    const stock = (await service.request('GET', '/shop/items')).json();
    expect(stock.find((i: { itemId: string }) => i.itemId === item.itemId)).toMatchObject({ stock: 4, redeemed: 3 });
    const balances = (await service.request('GET', '/points/balances', undefined, officer)).json();
    expect(balances.items.find((b: { membershipId: string }) => b.membershipId === member.membershipId)).toMatchObject({ balance: 10, credited: 100, debited: 90 });
  });

  it('races redemptions: with points for two, two of five concurrent ones go through, retries included, and nothing goes below zero', async () => {
    const member = await join(riders);
    await service.request('POST', `/members/${member.membershipId}/points/credits`, { entryId: randomUUID(), points: 60, reason: '活动奖励' }, officer);
    const item = (await service.request('POST', '/shop/items', { name: '雨衣', points: 30, stock: 10 }, officer)).json();
    const manager = await service.officer('station_manager', { station: randomUUID() });
    const redeem = (redemptionId: string) =>
      service.request('POST', '/shop/redemptions', { redemptionId, cardNumber: member.cardNumber, itemId: item.itemId, quantity: 1 }, manager);

    // Concurrent attempts lose to each other with version_conflict (409) and are retried, as a kiosk does.
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const redemptionId = randomUUID();
        for (;;) {
          const response = await redeem(redemptionId);
          if (response.json().code !== 'version_conflict') return response;
        }
      }),
    );
    const succeeded = outcomes.filter((r) => r.statusCode === 200);
    expect(succeeded).toHaveLength(2);
    expect(outcomes.filter((r) => r.statusCode !== 200).map((r) => r.json().code)).toEqual(['insufficient_points', 'insufficient_points', 'insufficient_points']);
    const account = (await service.request('GET', `/members/${member.membershipId}/points`, undefined, officer)).json();
    expect(account.balance).toBe(0);
    expect(account.items.map((e: { type: string; points: number }) => [e.type, e.points])).toEqual([
      ['RedemptionMade', -30],
      ['RedemptionMade', -30],
      ['PointsCredited', 60],
    ]);
    await service.settle();
    expect((await service.request('GET', '/shop/items')).json().find((i: { itemId: string }) => i.itemId === item.itemId)).toMatchObject({ stock: 8, redeemed: 2 });
  });

  it('keeps the version of a shop item and of a union in the read models: an edit on it goes through, one on an older version is a conflict', async () => {
    const item = (await service.request('POST', '/shop/items', { name: '防晒帽', points: 20, stock: 3 }, officer)).json();
    await service.settle();
    const listed = (await service.request('GET', '/shop/items')).json().find((i: { itemId: string }) => i.itemId === item.itemId);
    expect(listed.version).toBe(item.version);
    const atVersion = { 'if-match': `"${listed.version}"` };
    expect((await service.request('POST', `/shop/items/${item.itemId}/restock`, { quantity: 2 }, officer, atVersion)).statusCode).toBe(200);
    const stale = await service.request('POST', `/shop/items/${item.itemId}/reprice`, { points: 25 }, officer, atVersion);
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'version_conflict']);
    await service.settle();
    expect((await service.request('GET', '/shop/items')).json().find((i: { itemId: string }) => i.itemId === item.itemId)).toMatchObject({ stock: 5, points: 20, version: listed.version + 1 });

    const unionId = await service.createUnion(officer, { name: '柯城区防晒测试联合工会' });
    await service.settle();
    const union = (await service.request('GET', `/unions/${unionId}`)).json();
    expect(union.version).toBeGreaterThan(0);
    const unionAt = { 'if-match': `"${union.version}"` };
    expect((await service.request('POST', `/unions/${unionId}/rename`, { name: '柯城区户外劳动者联合工会' }, officer, unionAt)).statusCode).toBe(200);
    const staleRename = await service.request('POST', `/unions/${unionId}/rename`, { name: '覆盖的名称' }, officer, unionAt);
    expect([staleRename.statusCode, staleRename.json().code]).toEqual([409, 'version_conflict']);
    await service.settle();
    expect((await service.request('GET', `/unions/${unionId}`)).json()).toMatchObject({ name: '柯城区户外劳动者联合工会', version: union.version + 1 });
  });

  it('counts members by occupation, street and month', async () => {
    for (const by of ['occupation', 'street', 'month', 'node']) {
      const rows = await stats(by);
      expect(rows.reduce((sum, r) => sum + r.members, 0)).toBe((await stats('union')).reduce((sum, r) => sum + r.members, 0));
    }
  });
});
