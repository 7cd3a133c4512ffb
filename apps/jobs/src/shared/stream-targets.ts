import { JOBS_AGGREGATES, JOBS_CONTEXT } from '@ws/contracts';
import type { StreamTarget } from '@ws/eventstore';

const target = (aggregate: string) => (aggregateId: string): StreamTarget => ({ context: JOBS_CONTEXT, aggregate, aggregateId });

export const employerTarget = target(JOBS_AGGREGATES.employer);
export const postingTarget = target(JOBS_AGGREGATES.posting);
export const seekerTarget = target(JOBS_AGGREGATES.seeker);
export const applicationTarget = target(JOBS_AGGREGATES.application);
export const fairTarget = target(JOBS_AGGREGATES.fair);
