import type { DomainEvent } from '../envelope';

/**
 * Programmes with quotas (民生实事项目) of the stations context: "暑期'爱心托班'200个…8000名中小学生",
 * health checks where "新就业形态劳动者不少于总服务人次的20%". One stream per programme
 * (`programme-<id>`), appended at the node that runs it and flowing up the EVT like activities:
 * a target of people served, optional places (托班, 场次) and a share of new-form workers the
 * deliveries must keep reachable. Counted without names.
 */
export const PROGRAMME_AGGREGATE = 'programme';

export const PROGRAMME_KINDS = ['health_check', 'summer_childcare', 'skills_training', 'legal_outreach', 'other'] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];

export const PROGRAMME_KIND_LABELS: Record<ProgrammeKind, string> = {
  health_check: '健康体检',
  summer_childcare: '爱心托班',
  skills_training: '技能培训',
  legal_outreach: '普法宣传',
  other: '其他民生实事',
};

export const isProgrammeKind = (value: unknown): value is ProgrammeKind => typeof value === 'string' && (PROGRAMME_KINDS as readonly string[]).includes(value);

export interface ProgrammeTerms {
  programmeId: string;
  kind: ProgrammeKind;
  title: string;
  /** People to serve (人次) over the programme. */
  target: number;
  /** Places to run (托班 classes, 体检 sessions), or null when not counted. */
  places: number | null;
  /** Least share of new-form workers among the people served, in whole percent (0: no rule). */
  minNewFormSharePercent: number;
  startsOn: string;
  endsOn: string;
}

export type ProgrammeLaunched = DomainEvent<'ProgrammeLaunched', ProgrammeTerms>;
/** People served on a day at a station or in a street, `places` of the programme's places used. */
export type ProgrammeDelivered = DomainEvent<'ProgrammeDelivered', {
  programmeId: string;
  deliveryId: string;
  kind: ProgrammeKind;
  stationId: string | null;
  streetCode: string;
  deliveredOn: string;
  people: number;
  newFormPeople: number;
  places: number;
}>;
export type ProgrammeClosed = DomainEvent<'ProgrammeClosed', { programmeId: string; closedOn: string }>;

export type ProgrammeEvent = ProgrammeLaunched | ProgrammeDelivered | ProgrammeClosed;
export type ProgrammeEventType = ProgrammeEvent['type'];

export const PROGRAMME_EVENT_SCHEMAS = { ProgrammeLaunched: 1, ProgrammeDelivered: 1, ProgrammeClosed: 1 } as const satisfies Record<ProgrammeEventType, number>;

/**
 * Whether a share rule can still be met: after `served` people of whom `newForm` are new-form
 * workers, with the target's remaining people all new-form at best. Integers only.
 */
export function quotaReachable(terms: Pick<ProgrammeTerms, 'target' | 'minNewFormSharePercent'>, served: number, newForm: number): boolean {
  const remaining = Math.max(terms.target - served, 0);
  return (newForm + remaining) * 100 >= terms.minNewFormSharePercent * Math.max(terms.target, served);
}
