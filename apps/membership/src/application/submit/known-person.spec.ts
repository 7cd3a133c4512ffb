import type { RegisteredMembership } from '../../memberships/membership-registry';
import { answerKnownPerson, type KnownPerson } from './known-person';

const membership: RegisteredMembership = {
  membershipId: 'm1',
  personId: 'p1',
  unionId: 'riders',
  cardNumber: '33080200000001',
  status: 'active',
  pendingTransferId: null,
};
const pending = { applicationId: 'a1', applicationNumber: 'RH2606010000000001', unionId: 'riders' };
const member = (overrides: Partial<KnownPerson> = {}): KnownPerson => ({ sameMobile: true, proven: true, membership, pending: undefined, ...overrides });

describe('a second application by a person this node knows', () => {
  it('is answered with the membership, its numbers only to the mobile on record', () => {
    expect(answerKnownPerson(3, member(), 'riders')).toEqual({
      kind: 'answer',
      outcome: { index: 3, status: 'existing_membership', membershipId: 'm1', cardNumber: '33080200000001', unionId: 'riders' },
    });
    expect(answerKnownPerson(3, member({ sameMobile: false }), 'couriers')).toEqual({ kind: 'answer', outcome: { index: 3, status: 'existing_membership' } });
  });

  it('becomes a transfer when the member, proven by the mobile, names another union', () => {
    expect(answerKnownPerson(0, member(), 'couriers')).toEqual({ kind: 'transfer', membership, toUnionId: 'couriers' });
  });

  it('stays an answer when no other union is named, or the membership cannot move now', () => {
    expect(answerKnownPerson(0, member(), null).kind).toBe('answer');
    expect(answerKnownPerson(0, member({ membership: { ...membership, status: 'suspended' } }), 'couriers').kind).toBe('answer');
    expect(answerKnownPerson(0, member({ membership: { ...membership, pendingTransferId: 't1' } }), 'couriers').kind).toBe('answer');
  });

  it('is answered with the application in progress, or applies afresh with nothing current', () => {
    expect(answerKnownPerson(1, { sameMobile: true, proven: true, membership: undefined, pending }, 'couriers')).toEqual({
      kind: 'answer',
      outcome: { index: 1, status: 'existing_application', applicationId: 'a1', applicationNumber: pending.applicationNumber, unionId: 'riders' },
    });
    expect(answerKnownPerson(1, { sameMobile: false, proven: true, membership: undefined, pending }, null)).toEqual({ kind: 'answer', outcome: { index: 1, status: 'existing_application' } });
    expect(answerKnownPerson(1, { sameMobile: false, proven: false, membership: undefined, pending: undefined }, 'riders')).toEqual({ kind: 'apply' });
  });

  it('tells a submitter who has not proven the mobile the same for a member and an application in progress, and moves nothing', () => {
    const onRecord = { kind: 'answer', outcome: { index: 2, status: 'on_record' } };
    for (const sameMobile of [true, false]) {
      expect(answerKnownPerson(2, member({ sameMobile, proven: false }), 'couriers')).toEqual(onRecord);
      expect(answerKnownPerson(2, { sameMobile, proven: false, membership: undefined, pending }, null)).toEqual(onRecord);
    }
  });
});
