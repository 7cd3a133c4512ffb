import { nodeRef } from '@ws/contracts';
import { prepareEvents } from './envelopes';
import { chunkBySize, ENVELOPE_RESERVE_BYTES, EventTooLargeError, MAX_EVENT_BYTES, utf8Bytes } from './event-size';

const node = nodeRef('330802', '柯城区');
const target = { context: 'stations', aggregate: 'checkins', aggregateId: '0190a0b0-0000-7000-8000-000000000001' };
const eventId = '0190a0b0-0000-7000-8000-0000000000a1';

/** The payload of an event whose data is `{ text }`. */
function payloadOf(text: string): string {
  return prepareEvents({ node, target, events: [{ type: 'Noted', data: { text } }], versionBefore: null, eventIds: [eventId], occurredAt: new Date(0) })[0]!.payload;
}

describe('the size limit of one event', () => {
  // The envelope around `text` has a fixed size, so the text that makes it exactly MAX_EVENT_BYTES is known.
  const overhead = utf8Bytes(payloadOf(''));
  const atLimit = 'x'.repeat(MAX_EVENT_BYTES - overhead);

  it('takes an event of exactly MAX_EVENT_BYTES and refuses one byte more', () => {
    expect(utf8Bytes(payloadOf(atLimit))).toBe(MAX_EVENT_BYTES);
    expect(() => payloadOf(`${atLimit}y`)).toThrow(EventTooLargeError);
  });

  it('counts bytes, not characters (a Chinese character is three)', () => {
    const chinese = '驿'.repeat(Math.floor((MAX_EVENT_BYTES - overhead) / 3));
    expect(() => payloadOf(chinese)).not.toThrow();
    expect(() => payloadOf(`${chinese}驿`)).toThrow(EventTooLargeError);
  });

  it('keeps the limit far under what nats-server carries by default (1 MiB)', () => {
    expect(MAX_EVENT_BYTES).toBeLessThanOrEqual(1024 * 1024 / 2);
  });
});

describe('chunkBySize', () => {
  const visit = (i: number) => ({ key: `k${String(i).padStart(10, '0')}`, at: '2026-11-23T08:00:00.000Z', occupation: 'rider', memberCard: 'ZJ12345678' });

  it('splits a run into arrays of at most maxBytes, in order, losing nothing', () => {
    const visits = Array.from({ length: 10_000 }, (_, i) => visit(i));
    const chunks = chunkBySize(visits);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(utf8Bytes(JSON.stringify(chunk))).toBeLessThanOrEqual(MAX_EVENT_BYTES - ENVELOPE_RESERVE_BYTES);
    expect(chunks.flat()).toEqual(visits);
  });

  it('keeps an array of exactly maxBytes whole and splits one byte more', () => {
    const items = [visit(1), visit(2), visit(3)];
    const exact = utf8Bytes(JSON.stringify(items));
    expect(chunkBySize(items, exact)).toEqual([items]);
    expect(chunkBySize(items, exact - 1)).toEqual([[visit(1), visit(2)], [visit(3)]]);
  });

  it('fills every chunk as far as it goes', () => {
    const items = Array.from({ length: 50 }, (_, i) => visit(i));
    const max = 1000;
    const chunks = chunkBySize(items, max);
    for (const [i, chunk] of chunks.entries()) {
      if (i < chunks.length - 1) expect(utf8Bytes(JSON.stringify([...chunk, chunks[i + 1]![0]]))).toBeGreaterThan(max);
    }
  });

  it('an empty run is no chunk', () => {
    expect(chunkBySize([])).toEqual([]);
  });
});
