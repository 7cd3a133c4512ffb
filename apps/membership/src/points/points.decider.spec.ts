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
