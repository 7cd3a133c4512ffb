import { JOBS_CONTEXT, JOBS_EVENT_SCHEMAS } from './jobs/events';
import { DISPATCH_CONTEXT, DISPATCH_EVENT_SCHEMAS } from './dispatch/events';
import { MEMBERSHIP_CONTEXT, MEMBERSHIP_EVENT_SCHEMAS } from './membership/events';
import { TRANSFER_EVENT_SCHEMAS } from './membership/transfers';
import { DIRECTIVE_EVENT_SCHEMAS } from './stations/directives';
import { ACTIVITY_EVENT_SCHEMAS } from './stations/activities';
import { STATION_EVENT_SCHEMAS, STATIONS_CONTEXT } from './stations/events';
import { BUDGET_EVENT_SCHEMAS } from './stations/funds';
import { LEGAL_CASE_EVENT_SCHEMAS } from './stations/legal-aid';
import { PROGRAMME_EVENT_SCHEMAS } from './stations/programmes';
import { WELFARE_EVENT_SCHEMAS } from './stations/welfare';
import { WISHES_CONTEXT, WISHES_EVENT_SCHEMAS } from './wishes/events';

/**
 * The newest schema version of every event type this code knows, per context (the subject's
 * context token). An event with a higher version comes from a node that upgraded first: this
 * code cannot read it, so a consumer parks it until it is upgraded too, rather than misread it.
 */
const KNOWN_SCHEMAS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  [STATIONS_CONTEXT]: {
    ...STATION_EVENT_SCHEMAS, ...DIRECTIVE_EVENT_SCHEMAS, ...ACTIVITY_EVENT_SCHEMAS, ...WELFARE_EVENT_SCHEMAS,
    ...PROGRAMME_EVENT_SCHEMAS, ...BUDGET_EVENT_SCHEMAS, ...LEGAL_CASE_EVENT_SCHEMAS,
  },
  [MEMBERSHIP_CONTEXT]: { ...MEMBERSHIP_EVENT_SCHEMAS, ...TRANSFER_EVENT_SCHEMAS },
  [WISHES_CONTEXT]: WISHES_EVENT_SCHEMAS,
  [DISPATCH_CONTEXT]: DISPATCH_EVENT_SCHEMAS,
  [JOBS_CONTEXT]: JOBS_EVENT_SCHEMAS,
};

/** The newest known schema of `type` in `context`, or undefined for a context or type this code does not know. */
export function knownSchemaVersion(context: string, type: string): number | undefined {
  const byType = KNOWN_SCHEMAS[context];
  return byType && Object.prototype.hasOwnProperty.call(byType, type) ? byType[type] : undefined;
}

/** The context token of an event (evt.…) or directive (dir.…) subject. */
export function contextOfSubject(subject: string): string | undefined {
  return subject.split('.')[4];
}

/** Whether an event of a known type carries a schema newer than this code understands. */
export function hasUnknownSchema(subject: string, type: string, schema: number): boolean {
  const context = contextOfSubject(subject);
  const known = context === undefined ? undefined : knownSchemaVersion(context, type);
  return known !== undefined && schema > known;
}
