import { countDeltas, type CountedMember } from './member-counts';

const member = (id: string, overrides: Partial<CountedMember> = {}) => ({
  membership_id: id,
  node_code: '330802',
  union_id: 'riders',
  occupation: 'rider',
  street_code: '330802001',
  joined_month: '2026-06-01',
  status: 'active' as const,
  ...overrides,
});

describe('member counts', () => {
  it('counts new members in their group', () => {
    expect(countDeltas(new Map(), [member('m1'), member('m2'), member('m3', { occupation: 'courier' })])).toEqual([
      expect.objectContaining({ occupation: 'rider', delta: 2 }),
      expect.objectContaining({ occupation: 'courier', delta: 1 }),
    ]);
  });

  it('moves a changed member from its old group to its new one', () => {
    const before = new Map([['m1', member('m1')]]);
    expect(countDeltas(before, [member('m1', { union_id: 'couriers', node_code: '330803' })])).toEqual([
      expect.objectContaining({ union_id: 'riders', node_code: '330802', delta: -1 }),
      expect.objectContaining({ union_id: 'couriers', node_code: '330803', delta: 1 }),
    ]);
  });

  it('drops changes that cancel out within a batch, and rows saved unchanged', () => {
    const before = new Map([['m1', member('m1')], ['m2', member('m2', { status: 'suspended' })]]);
    expect(countDeltas(before, [member('m1'), member('m2', { status: 'active' }), member('m3', { status: 'suspended' })])).toEqual([
      expect.objectContaining({ status: 'active', delta: 1 }),
    ]);
  });
});
