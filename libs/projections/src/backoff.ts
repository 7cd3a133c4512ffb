/** Capped exponential backoff: min · 2^(attempt-1), at most max. */
export function backoff(attempt: number, minMs: number, maxMs: number): number {
  return Math.min(maxMs, minMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
}
