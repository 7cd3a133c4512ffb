import { DISPATCH_AGGREGATES, DISPATCH_CONTEXT } from '@ws/contracts';

export const volunteerTarget = (volunteerId: string) => ({ context: DISPATCH_CONTEXT, aggregate: DISPATCH_AGGREGATES.volunteer, aggregateId: volunteerId });
