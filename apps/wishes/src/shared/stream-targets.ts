import { WISHES_AGGREGATES, WISHES_CONTEXT } from '@ws/contracts';
import type { StreamTarget } from '@ws/eventstore';

export function wishTarget(wishId: string): StreamTarget {
  return { context: WISHES_CONTEXT, aggregate: WISHES_AGGREGATES.wish, aggregateId: wishId };
}

export function demandTarget(decisionId: string): StreamTarget {
  return { context: WISHES_CONTEXT, aggregate: WISHES_AGGREGATES.demand, aggregateId: decisionId };
}

export function reportTarget(reportId: string): StreamTarget {
  return { context: WISHES_CONTEXT, aggregate: WISHES_AGGREGATES.report, aggregateId: reportId };
}
