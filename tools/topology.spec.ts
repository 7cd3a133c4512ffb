import { BASE_PORT, CHAIN, childrenOf, FEDERATION, isLeaf, onSlots, portOf, subtreeOf } from './topology';

describe('the launcher topology', () => {
  it('moves a federation to other port blocks, keeping parents and order', () => {
    const moved = onSlots(CHAIN, 150);
    expect(moved.map((n) => [n.code, n.parent, n.slot])).toEqual([
      ['33', undefined, 150],
      ['3308', '33', 151],
      ['330802', '3308', 152],
    ]);
    expect(portOf(moved[0]!, 0)).toBe(19_100);
    // Nothing of it lands on npm start's blocks.
    const ports = moved.flatMap((n) => [0, 99].map((offset) => portOf(n, offset)));
    expect(ports.every((port) => port > portOf(FEDERATION[FEDERATION.length - 1]!, 99))).toBe(true);
  });

  it('refuses blocks beyond the port range', () => {
    expect(() => onSlots(FEDERATION, 610)).toThrow(/port range/);
    expect(() => onSlots(FEDERATION, -1)).toThrow(/port range/);
    expect(portOf(onSlots(FEDERATION, 0)[5]!, 0)).toBe(BASE_PORT + 500);
  });

  it('chains one node per level, districts being the leaves', () => {
    expect(childrenOf(CHAIN, '33').map((n) => n.code)).toEqual(['3308']);
    expect(CHAIN.filter((n) => isLeaf(CHAIN, n)).map((n) => n.code)).toEqual(['330802']);
    expect(FEDERATION.filter((n) => isLeaf(FEDERATION, n)).map((n) => n.code)).toEqual(['330802', '330424', '330402']);
  });

  it('gives a node’s subtree, itself first (what its leafnode user may reach)', () => {
    expect(subtreeOf(FEDERATION, '3304')).toEqual(['3304', '330424', '330402']);
    expect(subtreeOf(FEDERATION, '33')).toEqual(['33', '3308', '330802', '3304', '330424', '330402']);
    expect(subtreeOf(CHAIN, '330802')).toEqual(['330802']);
  });
});
