import { WISHES_AGGREGATES, WISHES_CONTEXT, WISHES_EVENT_SCHEMAS } from '@ws/contracts';
import { defineAggregate } from '@ws/platform';
import { demandDecider } from './demand/demand.decider';
import { reportDecider } from './report/report.decider';
import type { WishPolicy } from './wish/wish-policy';
import { createWishDecider } from './wish/wish.decider';

// The wishes service's aggregates: each decider with its stream and its events' schema versions.

/** A wish's decider follows the node's deadlines, so its definition is made from the node's policy (WishCommands holds it). */
export function wishAggregate(policy: WishPolicy) {
  return defineAggregate({ context: WISHES_CONTEXT, aggregate: WISHES_AGGREGATES.wish, decider: createWishDecider(policy), schemas: WISHES_EVENT_SCHEMAS });
}

/** A street officer's decision on one group of the demand list. */
export const demandAggregate = defineAggregate({ context: WISHES_CONTEXT, aggregate: WISHES_AGGREGATES.demand, decider: demandDecider, schemas: WISHES_EVENT_SCHEMAS });

export const reportAggregate = defineAggregate({ context: WISHES_CONTEXT, aggregate: WISHES_AGGREGATES.report, decider: reportDecider, schemas: WISHES_EVENT_SCHEMAS });
