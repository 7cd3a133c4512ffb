import type { Transaction } from 'kysely';
import { directiveSubject, EventEnvelope, MEMBERSHIP_CONTEXT, NodeRef, TRANSFER_AGGREGATE, TRANSFER_EVENT_SCHEMAS, TransferDirective } from '@ws/contracts';
import { eventHeaders } from '@ws/eventstore';
import { derivedId } from '@ws/kernel';
import type { MembershipDatabase } from '../db/database';

/**
 * Issues a directive down the node's DIR stream through the transactional outbox: the row is
 * written in the caller's transaction (with the router's checkpoint), and the relay publishes
 * whatever subject a row carries. Its id derives from the causing event, so issuing it again
 * after a crash is deduplicated by the stream and ignored by the (idempotent) receivers.
 */
export async function issueDirective(
  trx: Transaction<MembershipDatabase>,
  node: NodeRef,
  directive: TransferDirective,
  cause: EventEnvelope,
  occurredAt: Date,
): Promise<string> {
  const eventId = derivedId(cause.eventId, `directive:${directive.type}`);
  const envelope: EventEnvelope = {
    eventId,
    type: directive.type,
    schema: TRANSFER_EVENT_SCHEMAS[directive.type],
    streamId: `${TRANSFER_AGGREGATE}-${directive.data.transferId}`,
    streamVersion: null,
    occurredAt: occurredAt.toISOString(),
    data: directive.data,
    metadata: { correlationId: cause.metadata.correlationId, causationId: cause.eventId, node: node.code, actor: 'system' },
  };
  await trx
    .insertInto('outbox')
    .values({
      event_id: eventId,
      subject: directiveSubject(node, MEMBERSHIP_CONTEXT, directive.type, directive.data.transferId),
      headers: JSON.stringify(eventHeaders(envelope)),
      payload: JSON.stringify(envelope),
      stream_id: envelope.streamId,
    })
    .execute();
  return eventId;
}
