import { readUntil } from './read-until';

describe('readUntil', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** Runs the loop while advancing the fake clock, as the pauses between reads pass. */
  async function run(seenAfterReads: number, horizonMs: number) {
    let reads = 0;
    const outcome = readUntil(async () => void reads++, () => reads >= seenAfterReads, horizonMs, () => Date.now());
    for (let step = 0; step < 200; step++) await jest.advanceTimersByTimeAsync(100);
    return { seen: await outcome, reads };
  }

  it('reads until the write shows and stops there', async () => {
    expect(await run(4, 45_000)).toEqual({ seen: true, reads: 4 });
  });

  it('gives up after the horizon, having read again with growing pauses of at most two seconds', async () => {
    const { seen, reads } = await run(Number.POSITIVE_INFINITY, 10_000);
    expect(seen).toBe(false);
    // 200, 300, 450, 675, 1012, 1518, then 2000 ms pauses: 8 reads fit in 10 s, never more than 10.
    expect(reads).toBeGreaterThanOrEqual(7);
    expect(reads).toBeLessThanOrEqual(10);
  });
});
