import { buildUnionTree, type UnionRow } from './union-tree';

const union = (unionId: string, nodeCode: string, parentUnionId: string | null, members: number, name = unionId): UnionRow => ({
  unionId,
  name,
  kind: 'joint',
  parentUnionId,
  nodeCode,
  streetCode: null,
  members,
});

describe('union tree', () => {
  it('nests a district’s unions under the city federation they name, and sums members down the tree', () => {
    const tree = buildUnionTree([
      union('riders-b', '330803', 'fed-b', 5),
      union('city', '3308', null, 0),
      union('fed-a', '330802', 'city', 0),
      union('riders-a', '330802', 'fed-a', 7),
      union('couriers-a', '330802', 'fed-a', 2),
      union('fed-b', '330803', 'city', 1),
    ]);
    expect(tree).toHaveLength(1);
    const [city] = tree;
    expect(city).toMatchObject({ unionId: 'city', level: 'city', membersInTree: 15 });
    expect(city!.children.map((c) => [c.unionId, c.level, c.membersInTree])).toEqual([
      ['fed-a', 'district', 9],
      ['fed-b', 'district', 6],
    ]);
    expect(city!.children[0]!.children.map((c) => c.unionId)).toEqual(['couriers-a', 'riders-a']);
  });

  it('makes a union whose parent this node does not see a root', () => {
    const tree = buildUnionTree([union('fed-a', '330802', 'city-not-here', 0), union('riders-a', '330802', 'fed-a', 3)]);
    expect(tree.map((t) => [t.unionId, t.membersInTree])).toEqual([['fed-a', 3]]);
  });
});
