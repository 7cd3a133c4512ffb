import type { UnionCreated } from '@ws/contracts';
import { spec } from '@ws/testing';
import { parentNodeOf, unionDecider, UnionCommand } from './union.decider';

const created: UnionCreated = {
  type: 'UnionCreated',
  data: {
    unionId: 'u1',
    name: '柯城区外卖配送行业联合工会',
    kind: 'joint',
    parentUnionId: null,
    parentNodeCode: null,
    nodeCode: '330802',
    streetCode: null,
    occupations: ['rider'],
  },
};

const create = (overrides: Partial<Extract<UnionCommand, { type: 'CreateUnion' }>> = {}): UnionCommand => ({
  type: 'CreateUnion',
  unionId: 'u1',
  name: ' 柯城区外卖配送行业联合工会 ',
  kind: 'joint',
  parentUnionId: null,
  parentNodeCode: null,
  nodeCode: '330802',
  streetCode: null,
  occupations: ['rider', 'rider'],
  parentStatus: 'elsewhere',
  ...overrides,
});

describe('union decider', () => {
  it('creates a union with a trimmed name and distinct occupations', () => {
    spec(unionDecider).given([]).when(create()).then([created]);
  });

  it('refuses to create twice', () => {
    spec(unionDecider).given([created]).when(create()).thenError('union_already_exists');
  });

  it('refuses a parent of this node that does not exist or is no longer active', () => {
    spec(unionDecider).given([]).when(create({ parentUnionId: 'p', parentNodeCode: '330802', parentStatus: 'not_active' })).thenError('union_not_found', 'parentUnionId');
  });

  it('takes a parent of this node, or of an ancestor node (a district federation under the city’s)', () => {
    const underLocal = create({ parentUnionId: 'p', parentNodeCode: '330802', parentStatus: 'active' });
    spec(unionDecider).given([]).when(underLocal).then([{ ...created, data: { ...created.data, parentUnionId: 'p', parentNodeCode: '330802' } }]);
    const underCity = create({ kind: 'federation', parentUnionId: 'c', parentNodeCode: '3308', parentStatus: 'elsewhere' });
    spec(unionDecider).given([]).when(underCity).then([{ ...created, data: { ...created.data, kind: 'federation', parentUnionId: 'c', parentNodeCode: '3308' } }]);
  });

  it('refuses a parent on a node below or beside this one', () => {
    spec(unionDecider).given([]).when(create({ parentUnionId: 'p', parentNodeCode: '330803', parentStatus: 'elsewhere' })).thenError('union_parent_not_above', 'parentNodeCode');
    spec(unionDecider).given([]).when(create({ parentUnionId: 'p', parentNodeCode: '33080201', parentStatus: 'elsewhere' })).thenError('union_parent_not_above');
  });

  it('a street union names its street', () => {
    spec(unionDecider).given([]).when(create({ kind: 'street' })).thenError('street_code_required', 'streetCode');
    spec(unionDecider).given([]).when(create({ kind: 'street', streetCode: '330802001' }))
      .then([{ ...created, data: { ...created.data, kind: 'street', streetCode: '330802001' } }]);
  });

  it('reads a schema-1 UnionCreated (no parentNodeCode) as a parent of the same node', () => {
    const v1 = { ...created, data: { ...created.data, parentUnionId: 'p', parentNodeCode: undefined as unknown as null } };
    expect(parentNodeOf(v1.data)).toBe('330802');
    expect(parentNodeOf(created.data)).toBeNull();
  });

  it('refuses a name holding a mobile number, a blank one and one on two lines', () => {
    spec(unionDecider).given([]).when(create({ name: '联系13812345678工会' })).thenError('personal_data_in_text', 'name');
    expect(spec(unionDecider).given([]).when(create({ name: '  ' })).thenError('validation_failed', 'name').message).toBe('工会名称不能为空');
    spec(unionDecider).given([]).when(create({ name: '快递\n工会' })).thenError('validation_failed', 'name');
  });

  it('renames, and renaming to the same name changes nothing', () => {
    spec(unionDecider).given([created]).when({ type: 'RenameUnion', name: '柯城区快递行业联合工会' })
      .then([{ type: 'UnionRenamed', data: { unionId: 'u1', name: '柯城区快递行业联合工会' } }]);
    spec(unionDecider).given([created]).when({ type: 'RenameUnion', name: created.data.name }).thenNothing();
  });

  it('merges into another active union', () => {
    spec(unionDecider).given([created]).when({ type: 'MergeUnion', intoUnionId: 'u2', intoActive: true, membersMoved: 3 })
      .then([{ type: 'UnionMerged', data: { unionId: 'u1', intoUnionId: 'u2', membersMoved: 3 } }]);
  });

  it('refuses to merge into itself or into an inactive union', () => {
    spec(unionDecider).given([created]).when({ type: 'MergeUnion', intoUnionId: 'u1', intoActive: true, membersMoved: 0 }).thenError('union_merge_into_self');
    spec(unionDecider).given([created]).when({ type: 'MergeUnion', intoUnionId: 'u2', intoActive: false, membersMoved: 0 }).thenError('union_merge_target_inactive');
  });

  it('dissolves only when members and child unions have moved first', () => {
    const dissolve = (activeMembers: number, activeChildUnions: number): UnionCommand => ({ type: 'DissolveUnion', reason: '企业注销', activeMembers, activeChildUnions });
    const error = spec(unionDecider).given([created]).when(dissolve(12, 0)).thenError('union_has_members');
    expect(error.details).toEqual({ activeMembers: 12 });
    spec(unionDecider).given([created]).when(dissolve(0, 1)).thenError('union_has_child_unions');
    spec(unionDecider).given([created]).when(dissolve(0, 0)).then([{ type: 'UnionDissolved', data: { unionId: 'u1', reason: '企业注销' } }]);
  });

  it('refuses every change to a dissolved or merged union', () => {
    const dissolved = { type: 'UnionDissolved' as const, data: { unionId: 'u1', reason: 'x' } };
    const merged = { type: 'UnionMerged' as const, data: { unionId: 'u1', intoUnionId: 'u2', membersMoved: 0 } };
    spec(unionDecider).given([created, dissolved]).when({ type: 'RenameUnion', name: 'n' }).thenError('union_not_active');
    spec(unionDecider).given([created, merged]).when({ type: 'DissolveUnion', reason: 'x', activeMembers: 0, activeChildUnions: 0 }).thenError('union_not_active');
    spec(unionDecider).given([]).when({ type: 'RenameUnion', name: 'n' }).thenError('union_not_found');
  });
});
