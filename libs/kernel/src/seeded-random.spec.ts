import { seededRandom } from './seeded-random';

const draw = (seed: number, count: number) => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => random());
};

describe('seededRandom', () => {
  it('replays the same numbers for the same seed, other numbers for another', () => {
    expect(draw(2030, 50)).toEqual(draw(2030, 50));
    expect(draw(2031, 50)).not.toEqual(draw(2030, 50));
  });

  it('draws evenly from [0, 1)', () => {
    const values = draw(20300107, 20_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const tenths = Array.from({ length: 10 }, (_, i) => values.filter((v) => Math.floor(v * 10) === i).length);
    expect(Math.min(...tenths)).toBeGreaterThan(1_800);
    expect(Math.max(...tenths)).toBeLessThan(2_200);
  });
});
