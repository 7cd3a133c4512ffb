import { childOf, expectedChildren, isChildNode, nodeName } from './addressees';

describe('directive addressees', () => {
  it('knows direct children from GB/T 2260, and any two hex digits below a synthetic test node', () => {
    expect(isChildNode('3308', '330802')).toBe(true);
    expect(isChildNode('33', '3304')).toBe(true);
    expect(isChildNode('3308', '330899')).toBe(false);
    expect(isChildNode('3308', '330402')).toBe(false);
    expect(isChildNode('33', '330802')).toBe(false);
    expect(isChildNode('x1a2', 'x1a2ff')).toBe(true);
    expect(isChildNode('x1a2', 'x1a2zz')).toBe(false);
  });

  it('maps a node of the subtree to the direct child above it', () => {
    expect(childOf('33', '330802')).toBe('3308');
    expect(childOf('3308', '330802')).toBe('330802');
    expect(childOf('3308', '3308')).toBeUndefined();
    expect(childOf('3308', '330402')).toBeUndefined();
  });

  it('expects the named children, or every child division plus those seen in the subtree', () => {
    expect(expectedChildren('33', ['3308', '3304'], ['3307'])).toEqual(['3304', '3308']);
    expect(expectedChildren('3308', null, [])).toEqual(['330802', '330803', '330822', '330824', '330825', '330881']);
    expect(expectedChildren('x1a2', null, ['x1a2ff', 'x1a2fe', 'x1a2ff', '_', 'x1a3aa'])).toEqual(['x1a2fe', 'x1a2ff']);
    expect(nodeName('3308')).toBe('衢州市');
    expect(nodeName('x1a2ff')).toBe('x1a2ff');
  });
});
