import { MEMBERSHIP_AGGREGATES, MEMBERSHIP_CONTEXT, MEMBERSHIP_EVENT_SCHEMAS, TRANSFER_EVENT_SCHEMAS } from '@ws/contracts';
import { defineAggregate } from '@ws/platform';
import { applicationDecider } from './application/application.decider';
import { membershipDecider } from './memberships/membership.decider';
import { personDecider } from './personal-data/erasure/person.decider';
import { pointsDecider } from './points/points.decider';
import { shopItemDecider } from './shop/shop-item.decider';
import { incomingTransferDecider } from './transfer-federation/incoming-transfer.decider';
import { unionDecider } from './union/union.decider';

/** The membership service's aggregates: each decider with its stream and its events' schema versions. */
export const unionAggregate = defineAggregate({ context: MEMBERSHIP_CONTEXT, aggregate: MEMBERSHIP_AGGREGATES.union, decider: unionDecider, schemas: MEMBERSHIP_EVENT_SCHEMAS });

export const applicationAggregate = defineAggregate({ context: MEMBERSHIP_CONTEXT, aggregate: MEMBERSHIP_AGGREGATES.application, decider: applicationDecider, schemas: MEMBERSHIP_EVENT_SCHEMAS });

export const membershipAggregate = defineAggregate({ context: MEMBERSHIP_CONTEXT, aggregate: MEMBERSHIP_AGGREGATES.membership, decider: membershipDecider, schemas: MEMBERSHIP_EVENT_SCHEMAS });

/** One stream per membership (id = the membership's): its points ledger. */
export const pointsAggregate = defineAggregate({ context: MEMBERSHIP_CONTEXT, aggregate: MEMBERSHIP_AGGREGATES.points, decider: pointsDecider, schemas: MEMBERSHIP_EVENT_SCHEMAS, keptStates: 2_000 });

export const shopItemAggregate = defineAggregate({ context: MEMBERSHIP_CONTEXT, aggregate: MEMBERSHIP_AGGREGATES.shopItem, decider: shopItemDecider, schemas: MEMBERSHIP_EVENT_SCHEMAS });

export const personAggregate = defineAggregate({ context: MEMBERSHIP_CONTEXT, aggregate: MEMBERSHIP_AGGREGATES.person, decider: personDecider, schemas: MEMBERSHIP_EVENT_SCHEMAS });

/** A member offered by another node, at the target (the routing ancestor's TransferRouted goes to the same stream, unversioned). */
export const incomingTransferAggregate = defineAggregate({ context: MEMBERSHIP_CONTEXT, aggregate: MEMBERSHIP_AGGREGATES.transfer, decider: incomingTransferDecider, schemas: TRANSFER_EVENT_SCHEMAS });
