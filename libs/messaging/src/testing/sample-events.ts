import { randomUUID } from 'node:crypto';
import { EventEnvelope, eventSubject, HEADERS, NodeRef } from '@ws/contracts';
import type { OutboxMessageLike } from '../publisher';

export const SAMPLE_CONTEXT = 'test';
export const SAMPLE_AGGREGATE = 'thing';

/** Outbox-shaped messages of `type` recorded at `node`, as the event store would relay them. */
export function sampleMessages(node: NodeRef, count: number, type = 'Happened'): OutboxMessageLike[] {
  return Array.from({ length: count }, (_, index) => {
    const eventId = randomUUID();
    const aggregateId = randomUUID();
    const envelope: EventEnvelope = {
      eventId,
      type,
      schema: 1,
      streamId: `${SAMPLE_AGGREGATE}-${aggregateId}`,
      streamVersion: index + 1,
      occurredAt: new Date().toISOString(),
      data: { index },
      metadata: { correlationId: eventId, causationId: eventId, node: node.code },
    };
    return {
      eventId,
      subject: eventSubject(node, SAMPLE_CONTEXT, SAMPLE_AGGREGATE, aggregateId, type),
      headers: {
        [HEADERS.msgId]: eventId,
        [HEADERS.type]: type,
        [HEADERS.schema]: '1',
        [HEADERS.occurredAt]: envelope.occurredAt,
        [HEADERS.streamVersion]: '',
        [HEADERS.correlationId]: eventId,
        [HEADERS.causationId]: eventId,
      },
      payload: JSON.stringify(envelope),
    };
  });
}
