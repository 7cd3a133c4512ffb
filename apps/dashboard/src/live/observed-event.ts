import { HEADERS, parseEventSubject, ParsedEventSubject } from '@ws/contracts';

/** One event as the dashboard sees it on the EVT stream: where it came from and what it says. */
export interface ObservedEvent {
  seq: number;
  subject: ParsedEventSubject;
  occurredAt: string;
  data: unknown;
}

/**
 * Reads a stream message without trusting its body: the subject alone says where the event
 * comes from and what type it is, so a body in an unexpected shape still counts as an event.
 */
export function observeMessage(
  seq: number,
  subject: string,
  body: Uint8Array,
  header: (name: string) => string | undefined,
  storedAt: Date,
): ObservedEvent {
  const parsed = parseEventSubject(subject);
  let decoded: unknown;
  try {
    decoded = body.length > 0 ? JSON.parse(Buffer.from(body).toString('utf8')) : undefined;
  } catch {
    decoded = undefined;
  }
  const envelope = isEnvelope(decoded) ? decoded : undefined;
  return {
    seq,
    subject: parsed,
    occurredAt: envelope?.occurredAt ?? header(HEADERS.occurredAt) ?? storedAt.toISOString(),
    data: envelope ? envelope.data : decoded,
  };
}

function isEnvelope(value: unknown): value is { occurredAt?: string; data: unknown } {
  return typeof value === 'object' && value !== null && 'type' in value && 'data' in value;
}
