import { JOBS_AGGREGATES, JOBS_CONTEXT, JOBS_EVENT_SCHEMAS } from '@ws/contracts';
import { defineAggregate } from '@ws/platform';
import { applicationDecider } from './application/application.decider';
import { employerDecider } from './employer/employer.decider';
import { fairDecider } from './fair/fair.decider';
import { postingDecider } from './posting/posting.decider';
import { seekerDecider } from './seeker/seeker.decider';

// The jobs service's aggregates (零工之家): each decider with its stream and its events' schema versions.

export const employerAggregate = defineAggregate({ context: JOBS_CONTEXT, aggregate: JOBS_AGGREGATES.employer, decider: employerDecider, schemas: JOBS_EVENT_SCHEMAS });

export const postingAggregate = defineAggregate({ context: JOBS_CONTEXT, aggregate: JOBS_AGGREGATES.posting, decider: postingDecider, schemas: JOBS_EVENT_SCHEMAS });

export const seekerAggregate = defineAggregate({ context: JOBS_CONTEXT, aggregate: JOBS_AGGREGATES.seeker, decider: seekerDecider, schemas: JOBS_EVENT_SCHEMAS });

export const applicationAggregate = defineAggregate({ context: JOBS_CONTEXT, aggregate: JOBS_AGGREGATES.application, decider: applicationDecider, schemas: JOBS_EVENT_SCHEMAS });

export const fairAggregate = defineAggregate({ context: JOBS_CONTEXT, aggregate: JOBS_AGGREGATES.fair, decider: fairDecider, schemas: JOBS_EVENT_SCHEMAS });
