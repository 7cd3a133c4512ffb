import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { IDENTITY_CONTEXT, IDENTITY_DIRECTIVE_SCHEMAS, identityDirectiveSubject, type EventEnvelope, type IdentityDirective, type NodeRef } from '@ws/contracts';

export interface AnnounceOptions {
  /** The directive's id (subject's last token, message id: a repeat is deduplicated); random by default. */
  id?: string;
  /** Who announces (identity service, launcher, test). */
  actor?: string;
  now?: Date;
}

/**
 * Publishes one identity directive (signing keys, revoked sessions) of `node` on its DIR subject:
 * the node's DIR stream captures it and its descendants' DIR streams source it. The identity
 * service calls it after appending the directive; the development launcher and tests call it
 * with their own keys. Resolves once the stream has stored it.
 */
export async function announceIdentityDirective(nc: NatsConnection, node: NodeRef, directive: IdentityDirective, options: AnnounceOptions = {}): Promise<EventEnvelope> {
  const id = options.id ?? randomUUID();
  const eventId = randomUUID();
  const envelope: EventEnvelope = {
    eventId,
    type: directive.type,
    schema: IDENTITY_DIRECTIVE_SCHEMAS[directive.type],
    streamId: `${IDENTITY_CONTEXT}-${node.code}-${id}`,
    streamVersion: null,
    occurredAt: (options.now ?? new Date()).toISOString(),
    data: directive.data,
    metadata: { correlationId: eventId, causationId: eventId, node: node.code, actor: options.actor ?? 'system' },
  };
  await jetstream(nc).publish(identityDirectiveSubject(node, directive.type, id), JSON.stringify(envelope), { msgID: eventId });
  return envelope;
}
