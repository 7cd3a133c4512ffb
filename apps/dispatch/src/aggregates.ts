import { DISPATCH_AGGREGATES, DISPATCH_CONTEXT, DISPATCH_EVENT_SCHEMAS } from '@ws/contracts';
import { defineAggregate } from '@ws/platform';
import { shiftDecider } from './shift/shift.decider';
import { taskDecider } from './task/task.decider';
import { volunteerDecider } from './volunteer/volunteer.decider';

// The dispatch service's aggregates: each decider with its stream and its events' schema versions.

export const volunteerAggregate = defineAggregate({ context: DISPATCH_CONTEXT, aggregate: DISPATCH_AGGREGATES.volunteer, decider: volunteerDecider, schemas: DISPATCH_EVENT_SCHEMAS });

export const shiftAggregate = defineAggregate({ context: DISPATCH_CONTEXT, aggregate: DISPATCH_AGGREGATES.shift, decider: shiftDecider, schemas: DISPATCH_EVENT_SCHEMAS });

export const taskAggregate = defineAggregate({ context: DISPATCH_CONTEXT, aggregate: DISPATCH_AGGREGATES.task, decider: taskDecider, schemas: DISPATCH_EVENT_SCHEMAS });
