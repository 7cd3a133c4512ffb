import { DomainEvent, EventEnvelope, eventSubject, HEADERS, NodeRef } from '@ws/contracts';
import { assertEventFits } from './event-size';
import { AppendMeta, StreamTarget, streamIdOf } from './stream-target';

/** One event as it is written: the envelope and the outbox row that carries it to the bus. */
export interface PreparedEvent {
  envelope: EventEnvelope;
  subject: string;
  headers: Record<string, string>;
  payload: string;
}

export interface PrepareInput {
  node: NodeRef;
  target: StreamTarget;
  events: DomainEvent[];
  /** The version of the stream before these events, or null for unversioned facts. */
  versionBefore: number | null;
  eventIds: string[];
  occurredAt: Date;
  meta?: AppendMeta;
}

/** Envelopes and outbox rows; an event over MAX_EVENT_BYTES is refused (EventTooLargeError) before anything is written. */
export function prepareEvents(input: PrepareInput): PreparedEvent[] {
  const { node, target, events, versionBefore, eventIds, meta } = input;
  const streamId = streamIdOf(target);
  const occurredAt = input.occurredAt.toISOString();
  const firstId = eventIds[0]!;
  return events.map((event, index) => {
    const envelope: EventEnvelope = {
      eventId: eventIds[index]!,
      type: event.type,
      schema: event.schema ?? 1,
      streamId,
      streamVersion: versionBefore === null ? null : versionBefore + index + 1,
      occurredAt,
      data: event.data,
      metadata: {
        correlationId: meta?.correlationId ?? firstId,
        causationId: meta?.causationId ?? firstId,
        node: node.code,
        ...(meta?.actor !== undefined ? { actor: meta.actor } : {}),
      },
    };
    const payload = JSON.stringify(envelope);
    assertEventFits(event.type, payload);
    return {
      envelope,
      subject: eventSubject(node, target.context, target.aggregate, target.aggregateId, event.type),
      headers: eventHeaders(envelope),
      payload,
    };
  });
}

/**
 * The headers every event carries on the bus, so consumers route, deduplicate and upcast
 * without parsing bodies. Never a Nats-Expected-* header: streams sourced by a parent node
 * would re-check it and stall on nats-server 2.9 (concurrency is the event store's job).
 */
export function eventHeaders(envelope: EventEnvelope): Record<string, string> {
  return {
    [HEADERS.msgId]: envelope.eventId,
    [HEADERS.type]: envelope.type,
    [HEADERS.schema]: String(envelope.schema),
    [HEADERS.occurredAt]: envelope.occurredAt,
    [HEADERS.streamVersion]: envelope.streamVersion === null ? '' : String(envelope.streamVersion),
    [HEADERS.correlationId]: envelope.metadata.correlationId,
    [HEADERS.causationId]: envelope.metadata.causationId,
  };
}
