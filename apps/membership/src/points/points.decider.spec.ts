import type { PointsEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { pointsDecider, PointsCommand } from './points.decider';

const credited: PointsEvent = {
  type: 'PointsCredited',
  data: { membershipId: 'm1', entryId: 'e1', points: 50, source: 'street_report', sourceRef: 'evt-1' },
};
const credit = (overrides: Partial<Extract<PointsCommand, { type: 'CreditPoints' }>> = {}): PointsCommand => ({ type: 'CreditPoints', ...credited.data, ...overrides });
const redeem = (overrides: Partial<Extract<PointsCommand, { type: 'RedeemPoints' }>> = {}): PointsCommand => ({
  type: 'RedeemPoints',
  membershipId: 'm1',
  redemptionId: 'r1',
  itemId: 'i1',
  quantity: 2,
  points: 40,
  ...overrides,
});
const redeemed: PointsEvent = { type: 'RedemptionMade', data: { membershipId: 'm1', redemptionId: 'r1', itemId: 'i1', quantity: 2, points: 40 } };

describe('points account decider', () => {
  it('credits positive whole points', () => {
    spec(pointsDecider).given([]).when(credit()).then([credited]);
    spec(pointsDecider).given([]).when(credit({ points: 0 })).thenError('points_invalid');
    spec(pointsDecider).given([]).when(credit({ points: 2.5 })).thenError('points_invalid');
    spec(pointsDecider).given([]).when(credit({ points: 1_000_001 })).thenError('points_invalid');
  });

  it('a credit redelivered with the same entry id is booked once', () => {
    spec(pointsDecider).given([credited]).when(credit()).thenNothing();
    spec(pointsDecider).given([credited]).when(credit({ points: 60 })).thenError('entry_id_reused');
  });

  it('caps check-in points per card per Shanghai day at the edge; a redelivery and another day are not counted against it', () => {
    const checkin = (n: number, day = '2026-06-01'): PointsCommand => ({
      type: 'CreditCheckinPoints', membershipId: 'm1', points: 1, sourceRef: `evt-${n}`, dailyCap: 2, checkins: [{ entryId: `c${n}-${day}`, day }],
    });
    const checkedIn = (n: number, day = '2026-06-01'): PointsEvent => ({
      type: 'PointsCredited',
      data: { membershipId: 'm1', entryId: `c${n}-${day}`, points: 1, source: 'checkin', sourceRef: `evt-${n}`, checkinDay: day },
    });
    spec(pointsDecider).given([checkedIn(1)]).when(checkin(2)).then([checkedIn(2)]);
    const capped = spec(pointsDecider).given([checkedIn(1), checkedIn(2)]).when(checkin(3)).thenError('checkin_points_daily_cap');
    expect(capped.details).toEqual({ day: '2026-06-01' });
    spec(pointsDecider).given([checkedIn(1), checkedIn(2)]).when(checkin(2)).thenNothing();
    spec(pointsDecider).given([checkedIn(1), checkedIn(2)]).when(checkin(3, '2026-06-02')).then([checkedIn(3, '2026-06-02')]);
    // Points of another source do not use up the day's check-ins.
    spec(pointsDecider).given([credited, checkedIn(1)]).when(checkin(2)).then([checkedIn(2)]);
    // One event's visits together: booked up to the cap, the rest earn nothing, a repeated one once.
    const together: PointsCommand = {
      type: 'CreditCheckinPoints', membershipId: 'm1', points: 1, sourceRef: 'evt-9', dailyCap: 2,
      checkins: ['a', 'a', 'b', 'c'].map((k) => ({ entryId: k, day: '2026-06-03' })),
    };
    const booked = (entryId: string): PointsEvent => ({ type: 'PointsCredited', data: { membershipId: 'm1', entryId, points: 1, source: 'checkin', sourceRef: 'evt-9', checkinDay: '2026-06-03' } });
    spec(pointsDecider).given([]).when(together).then([booked('a'), booked('b')]);
  });

  it('redeems within the balance', () => {
    spec(pointsDecider).given([credited]).when(redeem()).then([redeemed]);
  });

  it('never lets the balance go negative', () => {
    const error = spec(pointsDecider).given([credited, redeemed]).when(redeem({ redemptionId: 'r2', points: 11 })).thenError('insufficient_points');
    expect(error.details).toEqual({ balance: 10, required: 11 });
    spec(pointsDecider).given([credited, redeemed]).when(redeem({ redemptionId: 'r2', points: 10 }))
      .then([{ type: 'RedemptionMade', data: { ...redeemed.data, redemptionId: 'r2', points: 10 } }]);
    spec(pointsDecider).given([credited]).when({ type: 'DebitPoints', membershipId: 'm1', entryId: 'd1', points: 51, reason: '奖励撤销' }).thenError('insufficient_points');
  });

  it('a redemption is idempotent by its id, and an id cannot be reused for another item', () => {
    spec(pointsDecider).given([credited, redeemed]).when(redeem()).thenNothing();
    spec(pointsDecider).given([credited, redeemed]).when(redeem({ itemId: 'i2' })).thenError('redemption_id_reused');
  });

  it('debits for a correction', () => {
    spec(pointsDecider).given([credited]).when({ type: 'DebitPoints', membershipId: 'm1', entryId: 'd1', points: 20, reason: '奖励撤销' })
      .then([{ type: 'PointsDebited', data: { membershipId: 'm1', entryId: 'd1', points: 20, reason: '奖励撤销' } }]);
  });

  it('carries the whole balance out with a member moving to another node, once', () => {
    const carryOut: PointsCommand = { type: 'CarryPointsOut', membershipId: 'm1', entryId: 'out-t1' };
    const carried: PointsEvent = { type: 'PointsDebited', data: { membershipId: 'm1', entryId: 'out-t1', points: 10, reason: '随会籍转往其他节点' } };
    spec(pointsDecider).given([credited, redeemed]).when(carryOut).then([carried]);
    spec(pointsDecider).given([credited, redeemed, carried]).when(carryOut).thenNothing();
    spec(pointsDecider).given([]).when(carryOut).thenNothing();
  });

  it('credits a carried balance at the target, larger than one entry may be, once', () => {
    const carryIn: PointsCommand = { type: 'CarryPointsIn', membershipId: 'm1', entryId: 'in-t1', points: 250_000, transferId: 't1' };
    const arrived: PointsEvent = { type: 'PointsCredited', data: { membershipId: 'm1', entryId: 'in-t1', points: 250_000, source: 'transfer', sourceRef: 't1' } };
    spec(pointsDecider).given([]).when(carryIn).then([arrived]);
    spec(pointsDecider).given([arrived]).when(carryIn).thenNothing();
    spec(pointsDecider).given([]).when({ ...carryIn, points: 0 } as PointsCommand).thenError('points_invalid');
  });
});

describe('a long points account', () => {
  it('folds a long account, each state seeing only the entries it was built from', () => {
    const events: PointsEvent[] = Array.from({ length: 5_000 }, (_, i) => ({
      type: 'PointsCredited',
      data: { membershipId: 'm1', entryId: `e${i}`, points: 1, source: 'checkin', sourceRef: `evt-${i}`, checkinDay: `2026-0${1 + (i % 9)}-01` },
    }));
    const state = events.reduce(pointsDecider.evolve, pointsDecider.initialState());
    expect(state.balance).toBe(5_000);
    expect(state.entries.get('e4999')).toBe(1);
    // A redelivered credit is recognised at the end of a long account too.
    expect(pointsDecider.decide({ type: 'CreditPoints', membershipId: 'm1', entryId: 'e17', points: 1, source: 'checkin', sourceRef: null }, state, { now: new Date() })).toEqual([]);
    expect(Object.keys(state.checkinsByDay).length).toBeLessThanOrEqual(31);
    const early = events.slice(0, 2).reduce(pointsDecider.evolve, pointsDecider.initialState());
    const branch = pointsDecider.evolve(early, { type: 'PointsDebited', data: { membershipId: 'm1', entryId: 'd1', points: 1, reason: '兑换' } });
    const tip = pointsDecider.evolve(early, { type: 'PointsDebited', data: { membershipId: 'm1', entryId: 'd2', points: 2, reason: '兑换' } });
    expect([branch.entries.get('d1'), branch.entries.get('d2'), tip.entries.get('d1'), tip.entries.get('d2')]).toEqual([-1, undefined, undefined, -2]);
    expect([early.entries.get('e1'), early.entries.get('d1'), early.entries.size]).toEqual([1, undefined, 2]);
  });
});
