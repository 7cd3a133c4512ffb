import { isStreetOfNode } from './street-code';

describe('street codes', () => {
  it('knows the node\'s streets', () => {
    expect(isStreetOfNode('330802001', '330802')).toBe(true);
    expect(isStreetOfNode('330803001', '330802')).toBe(false);
    expect(isStreetOfNode('3308020011', '330802')).toBe(false);
    expect(isStreetOfNode('x1a2b3004', 'x1a2b3')).toBe(true);
    expect(isStreetOfNode('330802.01', '330802')).toBe(false);
  });
});
