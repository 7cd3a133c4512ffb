import { eventually } from './eventually';

describe('eventually', () => {
  it('returns the first truthy answer of the probe, polling until it comes', async () => {
    let calls = 0;
    const answer = await eventually(async () => (++calls >= 3 ? { calls } : undefined), { what: 'the third call', everyMs: 1 });
    expect(answer).toEqual({ calls: 3 });
  });

  it('counts a probe that throws as not yet', async () => {
    let calls = 0;
    const answer = await eventually(
      () => {
        if (++calls < 3) throw new Error('still starting');
        return 'up';
      },
      { what: 'a server up', everyMs: 1 },
    );
    expect(answer).toBe('up');
  });

  it('times out naming what it waited for and the last value seen', async () => {
    let calls = 0;
    await expect(eventually(() => (++calls, 0), { what: 'a visit counted', timeoutMs: 30, everyMs: 5 })).rejects.toThrow(
      'timed out after 30 ms waiting for a visit counted; last: 0',
    );
    expect(calls).toBeGreaterThan(1);
  });

  it('names the last error when the probe kept throwing', async () => {
    await expect(
      eventually(
        () => {
          throw new Error('connection refused');
        },
        { what: 'the relay', timeoutMs: 20, everyMs: 5 },
      ),
    ).rejects.toThrow('waiting for the relay; last: threw connection refused');
  });
});
