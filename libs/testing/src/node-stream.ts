import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { eventSubject } from '@ws/contracts';
import type { EventEnvelope, NodeRef } from '@ws/contracts';
import { eventHeaders } from '@ws/eventstore';
import { newId } from '@ws/kernel';
import { decodeEnvelope } from '@ws/messaging';

export interface ForeignEventSpec<T> {
  node: NodeRef;
  context: string;
  aggregate: string;
  aggregateId: string;
  type: string;
  data: T;
  occurredAt?: Date;
  eventId?: string;
  /** A message id other than the event id redelivers the same event past the stream's duplicate window. */
  msgId?: string;
}

/** Publishes a hand-built event of another service to the node's EVT stream, as that service's outbox relay would. */
export async function publishForeignEvent<T>(nc: NatsConnection, spec: ForeignEventSpec<T>): Promise<EventEnvelope<string, T>> {
  const eventId = spec.eventId ?? newId();
  const envelope: EventEnvelope<string, T> = {
    eventId,
    type: spec.type,
    schema: 1,
    streamId: `${spec.aggregate}-${spec.aggregateId}`,
    streamVersion: 1,
    occurredAt: (spec.occurredAt ?? new Date()).toISOString(),
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

/**
 * Every event on the node's EVT stream under `evt.<province>.<city>.<district>.<suffix>`, in
 * stream order (e.g. suffix `wishes.wish.<id>.>`): what the node's subscribers see.
 */
export async function nodeStreamEvents(nc: NatsConnection, node: NodeRef, stream: string, suffix: string): Promise<EventEnvelope[]> {
  const subject = `evt.${node.province}.${node.city}.${node.district}.${suffix}`;
  return envelopesOn(nc, stream, subject);
}

/** Deletes the node's streams (a test's own synthetic node). */
export async function deleteNodeStreams(nc: NatsConnection, streams: { evt: string; dir: string }): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for (const name of [streams.evt, streams.dir]) await jsm.streams.delete(name).catch(() => undefined);
}

/**
 * Every directive on the node's DIR stream under `dir.<province>.<city>.<district>.<suffix>`
 * (e.g. `identity.SigningKeysAnnounced.>`), in stream order: what the node's subtree receives.
 */
export async function nodeStreamDirectives(nc: NatsConnection, node: NodeRef, stream: string, suffix: string): Promise<EventEnvelope[]> {
  const subject = `dir.${node.province}.${node.city}.${node.district}.${suffix}`;
  return envelopesOn(nc, stream, subject);
}

async function envelopesOn(nc: NatsConnection, stream: string, subject: string): Promise<EventEnvelope[]> {
  const info = await (await jetstreamManager(nc)).streams.info(stream, { subjects_filter: subject }).catch(() => undefined);
  const total = Object.values(info?.state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
  if (total === 0) return [];
  const consumer = await jetstream(nc).consumers.get(stream, { filter_subjects: subject });
  const events: EventEnvelope[] = [];
  for await (const message of await consumer.fetch({ max_messages: total, expires: 5000 })) {
    events.push(decodeEnvelope(message.data));
    if (events.length >= total) break;
  }
  return events;
}
