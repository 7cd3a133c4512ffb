import type { EventEnvelope } from '@ws/contracts';

const decoder = new TextDecoder();

/** The body of every message on an EVT stream is the JSON envelope the event store wrote. */
export function decodeEnvelope(data: Uint8Array): EventEnvelope {
  const value: unknown = JSON.parse(decoder.decode(data));
  if (!isEnvelope(value)) throw new Error('message body is not an event envelope');
  return value;
}

function isEnvelope(value: unknown): value is EventEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<EventEnvelope>;
  return typeof candidate.eventId === 'string' && typeof candidate.type === 'string' && typeof candidate.streamId === 'string';
}
