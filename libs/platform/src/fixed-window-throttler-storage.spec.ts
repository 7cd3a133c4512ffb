import { FixedWindowThrottlerStorage } from './fixed-window-throttler-storage';

describe('fixed-window rate-limit counters', () => {
  afterEach(() => jest.useRealTimers());

  it('counts hits per key in a window, blocks past the limit, and starts afresh after it', async () => {
    jest.useFakeTimers({ now: new Date('2026-06-01T00:00:00Z') });
    const storage = new FixedWindowThrottlerStorage();
    for (let i = 1; i <= 3; i++) expect(await storage.increment('1.2.3.4', 60_000, 3, 60_000, 'default')).toMatchObject({ totalHits: i, isBlocked: false });
    expect(await storage.increment('1.2.3.4', 60_000, 3, 60_000, 'default')).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    expect((await storage.increment('5.6.7.8', 60_000, 3, 60_000, 'default')).isBlocked).toBe(false);
    jest.advanceTimersByTime(30_000);
    expect(await storage.increment('1.2.3.4', 60_000, 3, 60_000, 'default')).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    jest.advanceTimersByTime(60_001);
    expect(await storage.increment('1.2.3.4', 60_000, 3, 60_000, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
    storage.onApplicationShutdown();
  });

  it('keeps one counter per client however busy: a kiosk’s hundred thousand hits in one window', async () => {
    // The clock stands still: the window must not roll over while a loaded machine runs the loop.
    jest.useFakeTimers({ now: new Date('2026-06-01T00:00:00Z') });
    const storage = new FixedWindowThrottlerStorage();
    for (let i = 0; i < 100_000; i++) await storage.increment('kiosk', 60_000, 200_000, 0, 'default');
    expect(await storage.increment('kiosk', 60_000, 200_000, 0, 'default')).toMatchObject({ totalHits: 100_001, isBlocked: false });
    storage.onApplicationShutdown();
  });
});
