/**
 * The largest event the store writes, in bytes of its JSON envelope (the outbox payload, the
 * message body on the bus). nats-server refuses a message over its `max_payload` (1 MiB by
 * default) and a relay stuck on one row publishes nothing after it, so events stay well below:
 * a quarter of the default leaves room for the headers, for the source headers a parent adds
 * when it sources a child's stream, and for a server configured lower. A fact that may grow
 * with its input (a station's visits of one transaction) is split with `chunkBySize` before
 * it is appended; anything still over the limit is refused before it reaches the outbox.
 */
export const MAX_EVENT_BYTES = 256 * 1024;

/** What an envelope adds around `data` (ids, stream, type, metadata): well under this. */
export const ENVELOPE_RESERVE_BYTES = 2 * 1024;

export class EventTooLargeError extends Error {
  constructor(
    readonly type: string,
    readonly bytes: number,
  ) {
    super(`event ${type} is ${bytes} bytes, over the ${MAX_EVENT_BYTES}-byte limit of one event: split it (chunkBySize)`);
    this.name = 'EventTooLargeError';
  }
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Throws unless the payload fits in one event. */
export function assertEventFits(type: string, payload: string): void {
  const bytes = utf8Bytes(payload);
  if (bytes > MAX_EVENT_BYTES) throw new EventTooLargeError(type, bytes);
}

/**
 * Splits `items` into consecutive runs whose JSON array (`[a,b,…]`) takes at most `maxBytes`,
 * so that an event carrying one run in its `data` beside a few small fields fits the limit.
 * An item that alone exceeds `maxBytes` gets a run of its own (and is refused at the append).
 */
export function chunkBySize<T>(items: readonly T[], maxBytes = MAX_EVENT_BYTES - ENVELOPE_RESERVE_BYTES): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 2; // the brackets
  for (const item of items) {
    const bytes = utf8Bytes(JSON.stringify(item)) + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 2;
      size += bytes - 1;
    } else {
      size += bytes;
    }
    current.push(item);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
