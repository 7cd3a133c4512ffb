import { authorKeyFor, newWishNo, normaliseWishNo, sha256Hex, WISH_NO_PATTERN } from './wish-identity';

describe('wish identity', () => {
  it('numbers wishes W + 9 unambiguous characters, different each time', () => {
    const numbers = new Set(Array.from({ length: 1000 }, newWishNo));
    expect(numbers.size).toBe(1000);
    for (const no of numbers) expect(no).toMatch(WISH_NO_PATTERN);
  });

  it('reads a number typed with look-alike letters', () => {
    expect(normaliseWishNo(' wo1lk3qx9 ')).toBe('W011K3QX9');
  });

  it('derives the same author key for the same wish, another for another wish or secret', () => {
    const secret = 's'.repeat(32);
    expect(authorKeyFor(secret, 'wish-1')).toBe(authorKeyFor(secret, 'wish-1'));
    expect(authorKeyFor(secret, 'wish-1')).not.toBe(authorKeyFor(secret, 'wish-2'));
    expect(authorKeyFor('t'.repeat(32), 'wish-1')).not.toBe(authorKeyFor(secret, 'wish-1'));
    expect(sha256Hex(authorKeyFor(secret, 'wish-1'))).toMatch(/^[0-9a-f]{64}$/);
  });
});
