/** How long `eventually` polls, how often, and what its timeout error names. */
export interface EventuallyOptions {
  /** What the test waits for, as the timeout error says it: "the invitation SMS", "outbox published". */
  what: string;
  /** Default 30 s: a projection or a reaction on a busy 2-core machine, not a restart (those pass more). */
  timeoutMs?: number;
  /** The pause between two probes; default 100 ms. */
  everyMs?: number;
}

/** What a probe gives when the wait is over: anything but `false`, `0`, `''`, `null` or `undefined`. */
export type Reached<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Polls `probe` until it returns something truthy, and returns that: an event crossed the bus, a
 * projection applied it, a process answers. A probe that throws counts as "not yet" (a server still
 * starting or restarting, an `expect` not met yet). When time runs out the error names `what` and
 * the last thing the probe gave — its value or its error — so a failed wait says how far it got.
 *
 * The one polling helper of the tests: a fixed sleep waits too long on a quiet machine and too
 * little on a busy one, a condition waits exactly as long as it must.
 */
export async function eventually<T>(probe: () => T | PromiseLike<T>, options: EventuallyOptions): Promise<Reached<Awaited<T>>> {
  const { what, timeoutMs = 30_000, everyMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  let last!: { value: Awaited<T> } | { error: unknown };
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as Reached<Awaited<T>>;
      last = { value };
    } catch (error) {
      last = { error };
    }
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${lastSeen(last)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The probe's last answer for the timeout error, cut at 2 000 characters (a whole read model helps nobody). */
function lastSeen(last: { value: unknown } | { error: unknown }): string {
  const text = 'error' in last ? `threw ${last.error instanceof Error ? last.error.message : String(last.error)}` : String(JSON.stringify(last.value));
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
}
