interface Window {
  count: number;
  resetAt: number;
}

/**
 * Counts attempts per key in fixed windows, in the process's memory: O(1) per attempt, swept as
 * windows end. For limits keyed on what a request *names* (an ID number's or a mobile's keyed
 * hash, an application number, a station) rather than on the client's address, which the
 * throttler covers. A restart forgets the counts: these limits slow a guesser down, they are not
 * a ledger. Keys are whatever the caller passes; pass hashes, never personal data.
 */
export class AttemptCounters {
  private readonly windows = new Map<string, Window>();
  private sweptAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one attempt; true when it is within `limit` for the current window of `windowMs`. */
  take(key: string, limit: number, windowMs: number): boolean {
    return this.add(key, windowMs) <= limit;
  }

  /**
   * Takes `amount` (a batch's items) if the window has room for all of it; else takes nothing
   * and answers false, so a refused batch does not use up what single items may still take.
   */
  takeMany(key: string, amount: number, limit: number, windowMs: number): boolean {
    const window = this.open(key, windowMs);
    if (window.count + amount > limit) return false;
    window.count += amount;
    return true;
  }

  /** Counts one attempt, however many the window already holds; the count so far. */
  add(key: string, windowMs: number): number {
    const window = this.open(key, windowMs);
    window.count += 1;
    return window.count;
  }

  private open(key: string, windowMs: number): Window {
    const now = this.now();
    this.sweep(now, windowMs);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    return window;
  }

  /** Attempts counted in the key's current window (0 when it has ended). */
  count(key: string): number {
    const window = this.windows.get(key);
    return window && window.resetAt > this.now() ? window.count : 0;
  }

  /** Seconds until the key's window ends (0 when none is open). */
  secondsLeft(key: string): number {
    const window = this.windows.get(key);
    return window ? Math.max(0, Math.ceil((window.resetAt - this.now()) / 1000)) : 0;
  }

  private sweep(now: number, windowMs: number): void {
    if (now - this.sweptAt < Math.min(windowMs, 60_000)) return;
    this.sweptAt = now;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
