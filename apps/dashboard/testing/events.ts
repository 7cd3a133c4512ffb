import { randomUUID } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { EventEnvelope, eventSubject, HEADERS, NodeRef } from '@ws/contracts';

/** Publishes an event the way a node's outbox relay does: the envelope as JSON, metadata in headers. */
export async function publishEvent(js: JetStreamClient, node: NodeRef, context: string, aggregate: string, type: string, data: unknown, occurredAt = new Date()) {
  const eventId = randomUUID();
  const aggregateId = randomUUID();
  const envelope: EventEnvelope = {
    eventId,
    type,
    schema: 1,
    streamId: `${aggregate}-${aggregateId}`,
    streamVersion: null,
    occurredAt: occurredAt.toISOString(),
    data,
    metadata: { correlationId: eventId, causationId: eventId, node: node.code, actor: 'system' },
  };
  const headers = natsHeaders();
  headers.set(HEADERS.type, type);
  headers.set(HEADERS.schema, '1');
  headers.set(HEADERS.occurredAt, envelope.occurredAt);
  return js.publish(eventSubject(node, context, aggregate, aggregateId, type), JSON.stringify(envelope), { msgID: eventId, headers });
}

/** A batch of check-ins at one station, as the stations service records them. */
export function publishVisits(js: JetStreamClient, node: NodeRef, occupations: string[], at = new Date()) {
  return publishEvent(js, node, 'stations', 'checkins', 'VisitsRecorded', {
    stationId: randomUUID(),
    visits: occupations.map((occupation, index) => ({ key: `k-${randomUUID()}-${index}`, at: at.toISOString(), occupation })),
  });
}
