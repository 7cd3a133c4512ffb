import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  count: number;
  resetAt: number;
  blockedUntil: number;
}

const secondsUntil = (at: number, now: number) => Math.max(0, Math.ceil((at - now) / 1000));

/**
 * Rate-limit counters in fixed windows: O(1) per request. The throttler's default storage keeps
 * every hit's expiry and filters the list on each request, so a busy client (a station kiosk, a
 * NAT'ed LAN, a load test) costs O(hits) per request and, past ~100 000 hits, overflows
 * `Math.min(...hits)`. A fixed window may let a client burst up to twice the limit across a
 * window boundary, which is fine for shielding public endpoints.
 */
export class FixedWindowThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepEveryMs = 60_000) {
    this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
    this.sweeper.unref();
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const now = Date.now();
    const id = `${throttlerName}\u0000${key}`;
    let window = this.windows.get(id);
    if (!window || (window.resetAt <= now && window.blockedUntil <= now)) {
      window = { count: 0, resetAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, window);
    }
    if (window.blockedUntil > now) {
      return { totalHits: window.count, timeToExpire: secondsUntil(window.resetAt, now), isBlocked: true, timeToBlockExpire: secondsUntil(window.blockedUntil, now) };
    }
    window.count += 1;
    const isBlocked = window.count > limit;
    if (isBlocked && blockDuration > 0) window.blockedUntil = now + blockDuration;
    return {
      totalHits: window.count,
      timeToExpire: secondsUntil(window.resetAt, now),
      isBlocked,
      timeToBlockExpire: isBlocked ? secondsUntil(window.blockedUntil || window.resetAt, now) : 0,
    };
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, window] of this.windows) if (window.resetAt <= now && window.blockedUntil <= now) this.windows.delete(id);
  }
}
