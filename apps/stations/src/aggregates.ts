import {
  ACTIVITY_AGGREGATE,
  ACTIVITY_EVENT_SCHEMAS,
  BUDGET_AGGREGATE,
  BUDGET_EVENT_SCHEMAS,
  DIRECTIVE_AGGREGATES,
  DIRECTIVE_EVENT_SCHEMAS,
  LEGAL_CASE_AGGREGATE,
  LEGAL_CASE_EVENT_SCHEMAS,
  PROGRAMME_AGGREGATE,
  PROGRAMME_EVENT_SCHEMAS,
  STATION_EVENT_SCHEMAS,
  STATIONS_AGGREGATES,
  STATIONS_CONTEXT,
  WELFARE_AGGREGATE,
  WELFARE_EVENT_SCHEMAS,
} from '@ws/contracts';
import { defineAggregate } from '@ws/platform';
import { activityDecider } from './activity/activity.decider';
import { nodeStandardDecider } from './catalogue/adopt-standard/adopt-standard.command';
import { directiveReceiptDecider } from './directive/directive-receipt.decider';
import { directiveDecider } from './directive/directive.decider';
import { budgetDecider } from './funds/budget.decider';
import { legalCaseDecider } from './legal-aid/legal-case.decider';
import { programmeDecider } from './programme/programme.decider';
import { stationDecider } from './station/station.decider';
import { welfareDecider } from './welfare/welfare.decider';

/** The stations service's aggregates: each decider with its stream and its events' schema versions. */
export const stationAggregate = defineAggregate({ context: STATIONS_CONTEXT, aggregate: STATIONS_AGGREGATES.station, decider: stationDecider, schemas: STATION_EVENT_SCHEMAS });

/** One stream per node (id = its GB/T 2260 code). */
export const nodeStandardAggregate = defineAggregate({ context: STATIONS_CONTEXT, aggregate: STATIONS_AGGREGATES.nodeStandard, decider: nodeStandardDecider, schemas: STATION_EVENT_SCHEMAS });

export const directiveAggregate = defineAggregate({ context: STATIONS_CONTEXT, aggregate: DIRECTIVE_AGGREGATES.directive, decider: directiveDecider, schemas: DIRECTIVE_EVENT_SCHEMAS });

/** At each addressed node, one stream per directive (id = the directive's). */
export const directiveReceiptAggregate = defineAggregate({ context: STATIONS_CONTEXT, aggregate: DIRECTIVE_AGGREGATES.receipt, decider: directiveReceiptDecider, schemas: DIRECTIVE_EVENT_SCHEMAS });

export const activityAggregate = defineAggregate({ context: STATIONS_CONTEXT, aggregate: ACTIVITY_AGGREGATE, decider: activityDecider, schemas: ACTIVITY_EVENT_SCHEMAS });

/** One stream per holder of stock (a station or the node). */
export const welfareAggregate = defineAggregate({ context: STATIONS_CONTEXT, aggregate: WELFARE_AGGREGATE, decider: welfareDecider, schemas: WELFARE_EVENT_SCHEMAS });

export const programmeAggregate = defineAggregate({ context: STATIONS_CONTEXT, aggregate: PROGRAMME_AGGREGATE, decider: programmeDecider, schemas: PROGRAMME_EVENT_SCHEMAS });

export const budgetAggregate = defineAggregate({ context: STATIONS_CONTEXT, aggregate: BUDGET_AGGREGATE, decider: budgetDecider, schemas: BUDGET_EVENT_SCHEMAS });

export const legalCaseAggregate = defineAggregate({ context: STATIONS_CONTEXT, aggregate: LEGAL_CASE_AGGREGATE, decider: legalCaseDecider, schemas: LEGAL_CASE_EVENT_SCHEMAS });
