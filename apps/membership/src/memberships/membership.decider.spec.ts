import type { MembershipEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { membershipDecider, MembershipCommand } from './membership.decider';

const activated: MembershipEvent = {
  type: 'MembershipActivated',
  data: {
    membershipId: 'm1',
    personId: 'p1',
    unionId: 'u1',
    cardNumber: '33080200000001',
    occupation: 'rider',
    streetCode: '330802001',
    applicationId: 'a1',
    transferId: null,
  },
};
const move = { transferId: 't1', membershipId: 'm1', fromUnionId: 'u1', toUnionId: 'u2', fromNode: '330802', toNode: '330802' };
const member = { personId: 'p1', cardNumber: '33080200000001', occupation: 'rider' as const, streetCode: '330802001' };
const requested: MembershipEvent = { type: 'TransferRequested', data: { ...move, ...member } };
const completed: MembershipEvent = { type: 'TransferCompleted', data: { ...move, pointsCarried: 0 } };
const crossNode = { ...move, toUnionId: 'v9', toNode: '330803' };
const suspended: MembershipEvent = { type: 'MembershipSuspended', data: { membershipId: 'm1', reason: '长期失联' } };
const left: MembershipEvent = { type: 'MembershipLeft', data: { membershipId: 'm1', reason: '本人申请' } };

const requestTransfer = (overrides: Partial<Extract<MembershipCommand, { type: 'RequestTransfer' }>> = {}): MembershipCommand => ({
  type: 'RequestTransfer',
  transferId: 't1',
  toUnionId: 'u2',
  fromNode: '330802',
  toNode: '330802',
  toUnionActive: true,
  ...overrides,
});

describe('membership decider', () => {
  it('activates once', () => {
    spec(membershipDecider).given([]).when({ type: 'ActivateMembership', ...activated.data }).then([activated]);
    spec(membershipDecider).given([activated]).when({ type: 'ActivateMembership', ...activated.data }).thenError('membership_already_exists');
  });

  it('activates an arriving cross-node transfer once, however often it is delivered', () => {
    const arrived: MembershipEvent = { type: 'MembershipActivated', data: { ...activated.data, applicationId: null, transferId: 't1' } };
    spec(membershipDecider).given([]).when({ type: 'ActivateMembership', ...arrived.data }).then([arrived]);
    spec(membershipDecider).given([arrived]).when({ type: 'ActivateMembership', ...arrived.data }).thenNothing();
  });

  it('requests a transfer and completes it: one event leaves the old union and joins the new', () => {
    spec(membershipDecider).given([activated]).when(requestTransfer()).then([requested]);
    spec(membershipDecider).given([activated, requested]).when({ type: 'CompleteTransfer', transferId: 't1', pointsCarried: 0 }).then([completed]);
  });

  it('after a local transfer the member is active in the new union', () => {
    spec(membershipDecider).given([activated, requested, completed]).when(requestTransfer({ transferId: 't2', toUnionId: 'u1' }))
      .then([{ type: 'TransferRequested', data: { ...move, ...member, transferId: 't2', fromUnionId: 'u2', toUnionId: 'u1' } }]);
  });

  it('a completion to another node carries the points balance along; inside the node the account stays', () => {
    const toOtherNode: MembershipEvent = { type: 'TransferRequested', data: { ...crossNode, ...member } };
    spec(membershipDecider).given([activated, toOtherNode]).when({ type: 'CompleteTransfer', transferId: 't1', pointsCarried: 40 })
      .then([{ type: 'TransferCompleted', data: { ...crossNode, pointsCarried: 40 } }]);
    spec(membershipDecider).given([activated, requested]).when({ type: 'CompleteTransfer', transferId: 't1', pointsCarried: 40 }).then([completed]);
  });

  it('after a cross-node transfer the membership is gone from this node', () => {
    const out: MembershipEvent[] = [{ type: 'TransferRequested', data: { ...crossNode, ...member } }, { type: 'TransferCompleted', data: { ...crossNode, pointsCarried: 40 } }];
    spec(membershipDecider).given([activated, ...out]).when({ type: 'SuspendMembership', reason: 'x' }).thenError('membership_not_active');
  });

  it('a completion delivered twice is a no-op', () => {
    spec(membershipDecider).given([activated, requested, completed]).when({ type: 'CompleteTransfer', transferId: 't1', pointsCarried: 0 }).thenNothing();
  });

  it('refuses a second transfer while one is in flight, and leaving or suspending meanwhile', () => {
    spec(membershipDecider).given([activated, requested]).when(requestTransfer({ transferId: 't2' })).thenError('transfer_in_flight');
    spec(membershipDecider).given([activated, requested]).when({ type: 'LeaveMembership', reason: '本人申请' }).thenError('transfer_in_flight');
    spec(membershipDecider).given([activated, requested]).when({ type: 'SuspendMembership', reason: 'x' }).thenError('transfer_in_flight');
  });

  it('refuses a transfer to the same union, to an inactive union, or of a suspended member', () => {
    spec(membershipDecider).given([activated]).when(requestTransfer({ toUnionId: 'u1' })).thenError('transfer_to_same_union');
    spec(membershipDecider).given([activated]).when(requestTransfer({ toUnionActive: false })).thenError('union_not_accepting');
    spec(membershipDecider).given([activated, suspended]).when(requestTransfer()).thenError('membership_not_active');
  });

  it('declines a transfer: the member stays', () => {
    const declined: MembershipEvent = { type: 'TransferDeclined', data: { transferId: 't1', membershipId: 'm1', reason: '不符合行业' } };
    spec(membershipDecider).given([activated, requested]).when({ type: 'DeclineTransfer', transferId: 't1', reason: '不符合行业' }).then([declined]);
    spec(membershipDecider).given([activated, requested, declined]).when({ type: 'CompleteTransfer', transferId: 't1', pointsCarried: 0 }).thenNothing();
    spec(membershipDecider).given([activated, requested, declined]).when({ type: 'LeaveMembership', reason: '本人申请' }).then([left]);
  });

  it('completes only the transfer that is pending', () => {
    spec(membershipDecider).given([activated, requested]).when({ type: 'CompleteTransfer', transferId: 'other', pointsCarried: 0 }).thenError('transfer_not_found');
  });

  it('moves a member by merge in one step, suspended or not', () => {
    const merge = { type: 'MoveByMerge' as const, transferId: 't9', toUnionId: 'u2', node: '330802' };
    const data = { ...move, transferId: 't9' };
    spec(membershipDecider).given([activated, suspended]).when(merge).then([
      { type: 'TransferRequested', data: { ...data, ...member } },
      { type: 'TransferCompleted', data: { ...data, pointsCarried: 0 } },
    ]);
  });

  it('suspends, reinstates and leaves', () => {
    spec(membershipDecider).given([activated]).when({ type: 'SuspendMembership', reason: '长期失联' }).then([suspended]);
    spec(membershipDecider).given([activated, suspended]).when({ type: 'SuspendMembership', reason: 'x' }).thenError('membership_not_active');
    spec(membershipDecider).given([activated, suspended]).when({ type: 'ReinstateMembership' }).then([{ type: 'MembershipReinstated', data: { membershipId: 'm1' } }]);
    spec(membershipDecider).given([activated]).when({ type: 'ReinstateMembership' }).thenError('membership_not_suspended');
    spec(membershipDecider).given([activated]).when({ type: 'LeaveMembership', reason: '本人申请' }).then([left]);
    spec(membershipDecider).given([activated, left]).when({ type: 'ReinstateMembership' }).thenError('membership_not_active');
    spec(membershipDecider).given([]).when({ type: 'LeaveMembership', reason: 'x' }).thenError('membership_not_found');
  });

  it('links the member to a volunteer once', () => {
    const linked: MembershipEvent = { type: 'VolunteerLinked', data: { membershipId: 'm1', volunteerId: 'v1' } };
    spec(membershipDecider).given([activated]).when({ type: 'LinkVolunteer', volunteerId: 'v1' }).then([linked]);
    spec(membershipDecider).given([activated, linked]).when({ type: 'LinkVolunteer', volunteerId: 'v1' }).thenNothing();
    spec(membershipDecider).given([activated, left]).when({ type: 'LinkVolunteer', volunteerId: 'v1' }).thenError('membership_not_active');
  });
});
