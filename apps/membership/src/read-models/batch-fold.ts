import type { PersonErased } from '@ws/contracts';
import type { ConsumedEvent } from '@ws/messaging';

/**
 * Applies a batch of events to keyed rows in memory, in stream order, so a projection reads the
 * rows it touches once and writes them once per batch (two statements for a thousand events)
 * whatever the mix of inserts and updates. `fold` returns undefined to leave a row untouched.
 */
export async function foldBatch<Row>(
  events: readonly ConsumedEvent[],
  options: {
    keyOf(event: ConsumedEvent): string | undefined;
    load(keys: string[]): Promise<Map<string, Row>>;
    fold(row: Row | undefined, event: ConsumedEvent): Row | undefined;
    save(rows: Row[]): Promise<void>;
  },
): Promise<void> {
  const relevant = events.map((event) => ({ event, key: options.keyOf(event) })).filter((e): e is { event: ConsumedEvent; key: string } => e.key !== undefined);
  if (relevant.length === 0) return;
  const rows = await options.load([...new Set(relevant.map((e) => e.key))]);
  const changed = new Set<string>();
  for (const { event, key } of relevant) {
    const next = options.fold(rows.get(key), event);
    if (next === undefined) continue;
    rows.set(key, next);
    changed.add(key);
  }
  if (changed.size > 0) await options.save([...changed].map((key) => rows.get(key)!));
}

/** The first day of the event's month in Beijing time, as YYYY-MM-01 (members per month). */
export function beijingMonth(isoInstant: string): string {
  return `${new Date(Date.parse(isoInstant) + 8 * 3_600_000).toISOString().slice(0, 7)}-01`;
}

/** The persons erased in a batch (PersonErased): their rows are shown as 已注销. */
export function erasedPersons(events: readonly ConsumedEvent[]): string[] {
  return events.filter((e) => e.envelope.type === 'PersonErased').map((e) => (e.envelope.data as PersonErased['data']).personId);
}
