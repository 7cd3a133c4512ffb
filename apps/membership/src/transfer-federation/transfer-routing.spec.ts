import { lowestCommonAncestor, MembershipEvent, IncomingTransferEvent } from '@ws/contracts';
import { forgedTransferFact, routeTransferFact, RoutedTransfer } from './transfer-routing';

const ends = { transferId: 't1', fromNode: '330802', fromUnionId: 'ua', toNode: '330803', toUnionId: 'ub' };
const member = { membershipId: 'm1', personId: 'p1', cardNumber: '33080200000001', occupation: 'rider' as const, streetCode: null };
const requested: MembershipEvent = { type: 'TransferRequested', data: { ...ends, membershipId: 'm1', personId: 'p1', cardNumber: member.cardNumber, occupation: 'rider', streetCode: null } };
const remembered: RoutedTransfer = { ends, member };

describe('lowest common ancestor of two nodes', () => {
  it.each([
    ['330802', '330803', '3308'],
    ['330802', '330402', '33'],
    ['330802', '3308', '3308'],
    ['330802', '330802', '330802'],
    ['330802', '320102', undefined],
  ])('%s and %s → %s', (a, b, expected) => {
    expect(lowestCommonAncestor(a, b)).toBe(expected);
  });
});

describe('routing a cross-node transfer at the common ancestor', () => {
  it('offers the requested transfer to the target, with the member’s ids', () => {
    expect(routeTransferFact('3308', requested, undefined)).toEqual({ type: 'TransferOffered', data: { ...ends, member } });
  });

  it('leaves a transfer alone at the ends themselves, at higher ancestors and inside one node', () => {
    expect(routeTransferFact('330802', requested, undefined)).toBeUndefined();
    expect(routeTransferFact('33', requested, undefined)).toBeUndefined();
    const local: MembershipEvent = { ...requested, data: { ...requested.data, toNode: '330802' } } as MembershipEvent;
    expect(routeTransferFact('330802', local, undefined)).toBeUndefined();
  });

  it('routes between two cities at the province', () => {
    const farther: MembershipEvent = { ...requested, data: { ...requested.data, toNode: '330402' } } as MembershipEvent;
    expect(routeTransferFact('33', farther, undefined)?.type).toBe('TransferOffered');
    expect(routeTransferFact('3308', farther, undefined)).toBeUndefined();
  });

  it('answers the source with the target’s decision', () => {
    const accepted: IncomingTransferEvent = { type: 'IncomingTransferAccepted', data: { ...ends, membershipId: 'm1', handoverKey: 'K' } };
    const declined: IncomingTransferEvent = { type: 'IncomingTransferDeclined', data: { ...ends, membershipId: 'm1', reason: '不符合行业' } };
    expect(routeTransferFact('3308', accepted, remembered)).toEqual({ type: 'TransferAnswered', data: { ...ends, membershipId: 'm1', accepted: true, reason: null, handoverKey: 'K' } });
    expect(routeTransferFact('3308', declined, remembered)?.data).toMatchObject({ accepted: false, reason: '不符合行业', handoverKey: null });
  });

  it('settles the target once the source completed or declined, handing over the remembered member and the points it carries', () => {
    const completed: MembershipEvent = { type: 'TransferCompleted', data: { ...ends, membershipId: 'm1', pointsCarried: 35 } };
    const withdrawn: MembershipEvent = { type: 'TransferDeclined', data: { transferId: 't1', membershipId: 'm1', reason: '本人撤回' } };
    expect(routeTransferFact('3308', completed, remembered)).toEqual({ type: 'TransferSettled', data: { ...ends, member, completed: true, pointsCarried: 35 } });
    expect(routeTransferFact('3308', withdrawn, remembered)).toEqual({ type: 'TransferSettled', data: { ...ends, member, completed: false, pointsCarried: 0 } });
    // Schema 1 of TransferCompleted had no points to carry.
    const v1 = { type: 'TransferCompleted', data: { ...ends, membershipId: 'm1' } } as unknown as MembershipEvent;
    expect(routeTransferFact('3308', v1, remembered)?.data).toMatchObject({ completed: true, pointsCarried: 0 });
    // A decline of a transfer this node never routed (a local one) is none of its business.
    expect(routeTransferFact('3308', withdrawn, undefined)).toBeUndefined();
  });

  it('tells the source it may drop its copy once the target has the personal data', () => {
    const arrived: IncomingTransferEvent = { type: 'IncomingTransferDataReceived', data: { ...ends, membershipId: 'm1' } };
    expect(routeTransferFact('3308', arrived, remembered)).toEqual({ type: 'TransferHandedOver', data: { ...ends, membershipId: 'm1', personId: 'p1' } });
  });
});

describe('a transfer fact is routed only from the end it speaks for', () => {
  const accepted: IncomingTransferEvent = { type: 'IncomingTransferAccepted', data: { ...ends, membershipId: 'm1', handoverKey: 'K' } };
  const arrived: IncomingTransferEvent = { type: 'IncomingTransferDataReceived', data: { ...ends, membershipId: 'm1' } };
  const completed: MembershipEvent = { type: 'TransferCompleted', data: { ...ends, membershipId: 'm1', pointsCarried: 0 } };

  it('takes each fact from its own end', () => {
    expect(forgedTransferFact('3308', requested, undefined, '330802')).toBeUndefined();
    expect(forgedTransferFact('3308', accepted, remembered, '330803')).toBeUndefined();
    expect(forgedTransferFact('3308', arrived, remembered, '330803')).toBeUndefined();
    expect(forgedTransferFact('3308', completed, remembered, '330802')).toBeUndefined();
  });

  it('refuses a sibling speaking for either end, with its own handover key or to make the source erase a member', () => {
    expect(forgedTransferFact('3308', accepted, remembered, '330804')).toBe('IncomingTransferAccepted of transfer t1 speaks for node 330803; node 330804 may not');
    expect(forgedTransferFact('3308', arrived, remembered, '330804')).toBe('IncomingTransferDataReceived of transfer t1 speaks for node 330803; node 330804 may not');
    expect(forgedTransferFact('3308', requested, undefined, '330804')).toBe('TransferRequested of transfer t1 speaks for node 330802; node 330804 may not');
    expect(forgedTransferFact('3308', completed, remembered, '330803')).toBe('TransferCompleted of transfer t1 speaks for node 330802; node 330803 may not');
  });

  it('refuses a fact naming itself as the target of a transfer offered to another, and an answer to a transfer never offered', () => {
    const hijack: IncomingTransferEvent = { type: 'IncomingTransferAccepted', data: { ...ends, toNode: '330804', membershipId: 'm1', handoverKey: 'ROGUE' } };
    expect(forgedTransferFact('3308', hijack, remembered, '330804')).toBe('IncomingTransferAccepted of transfer t1 names ends other than those offered');
    expect(forgedTransferFact('3308', accepted, undefined, '330803')).toBe('IncomingTransferAccepted of transfer t1: no such transfer was offered');
  });

  it('leaves facts it does not route to the nodes that do', () => {
    expect(forgedTransferFact('33', accepted, undefined, '330804')).toBeUndefined();
    expect(forgedTransferFact('330803', accepted, undefined, '330804')).toBeUndefined();
  });
});
