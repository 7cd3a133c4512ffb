import { NOTIFY_AGGREGATES, NOTIFY_CONTEXT, NOTIFY_EVENT_SCHEMAS } from '@ws/contracts';
import { defineAggregate } from '@ws/platform';
import { createMessageDecider, type DeliveryPolicy } from './message/message.decider';

// The notify service's aggregate: its decider with its stream and its events' schema versions.

/** A message's decider follows the node's delivery policy (quiet hours, retries), so its definition is made from the node's config (MessageCommands holds it). */
export function messageAggregate(policy: DeliveryPolicy) {
  return defineAggregate({ context: NOTIFY_CONTEXT, aggregate: NOTIFY_AGGREGATES.message, decider: createMessageDecider(policy), schemas: NOTIFY_EVENT_SCHEMAS });
}
