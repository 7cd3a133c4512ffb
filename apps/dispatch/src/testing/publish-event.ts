import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders, NatsConnection } from '@nats-io/transport-node';
import { eventSubject } from '@ws/contracts';
import type { EventEnvelope, NodeRef } from '@ws/contracts';
import { eventHeaders } from '@ws/eventstore';
import { newId } from '@ws/kernel';

export interface PublishedEventSpec<T> {
  node: NodeRef;
  context: string;
  aggregate: string;
  aggregateId: string;
  type: string;
  data: T;
  occurredAt: Date;
  eventId?: string;
  /** A message id other than the event id redelivers an event past the stream's duplicate window. */
  msgId?: string;
}

/** Publishes a hand-built event of another service to the node's stream, as that service's outbox relay would. */
export async function publishEvent<T>(nc: NatsConnection, spec: PublishedEventSpec<T>): Promise<EventEnvelope<string, T>> {
  const eventId = spec.eventId ?? newId();
  const envelope: EventEnvelope<string, T> = {
    eventId,
    type: spec.type,
    schema: 1,
    streamId: `${spec.aggregate}-${spec.aggregateId}`,
    streamVersion: 1,
    occurredAt: spec.occurredAt.toISOString(),
    data: spec.data,
    metadata: { correlationId: eventId, causationId: eventId, node: spec.node.code, actor: 'test' },
  };
  const headers = natsHeaders();
  for (const [key, value] of Object.entries(eventHeaders(envelope))) headers.set(key, value);
  await jetstream(nc).publish(eventSubject(spec.node, spec.context, spec.aggregate, spec.aggregateId, spec.type), JSON.stringify(envelope), {
    msgID: spec.msgId ?? eventId,
    headers,
  });
  return envelope;
}
