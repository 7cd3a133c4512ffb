/** How long a screen keeps reading a read model back after a write: a busy node's projections can trail by many seconds. */
export const READ_BACK_MS = 45_000;

/**
 * A read model shows a write a moment after the service answered — on a busy node, many seconds
 * after. Reads again (`read`) until `seen` holds, first quickly and then every two seconds, and
 * gives up after `horizonMs`, leaving the last reading shown. The one read-back loop of the
 * console and the worker pages (they import this file by path: it depends on nothing).
 */
export async function readUntil(read: () => Promise<unknown>, seen: () => boolean, horizonMs = READ_BACK_MS, now: () => number = Date.now): Promise<boolean> {
  const deadline = now() + horizonMs;
  for (let pause = 200; ; pause = Math.min(pause * 1.5, 2_000)) {
    await read();
    if (seen()) return true;
    if (now() + pause > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}
