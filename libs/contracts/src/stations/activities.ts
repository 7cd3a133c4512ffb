import type { DomainEvent } from '../envelope';
import type { ServiceCode } from './codes';

/**
 * Activities (活动) of the stations context: what a station or a street organises for outdoor
 * workers — 义诊, 法律咨询, 急救培训, 爱心托班, 技能培训, 招聘会, 微党课, 四季主题活动 — from
 * the plan to the day it is held and the people reached ("开展公益服务活动30余场次，覆盖户外劳动者
 * 1500余人"). One stream per activity (`activity-<id>`), appended at the node that runs it, so
 * its subject carries that node and the facts flow up the EVT like every station's.
 *
 * No person in any event: organisers and partners are organisations; a worker who signs up is a
 * `signupId`, a digest of their device key salted with the activity, which cannot be followed from
 * one activity to the next nor turned back into the key.
 */
export const ACTIVITY_AGGREGATE = 'activity';

export const ACTIVITY_KINDS = [
  'health_clinic',
  'legal_advice',
  'first_aid_training',
  'childcare_class',
  'skills_training',
  'job_fair',
  'party_lecture',
  'seasonal_theme',
  'sports_culture',
  'volunteer_fair',
  'other',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  health_clinic: '义诊',
  legal_advice: '法律咨询',
  first_aid_training: '急救培训',
  childcare_class: '爱心托班',
  skills_training: '技能培训',
  job_fair: '招聘会',
  party_lecture: '微党课',
  seasonal_theme: '四季主题活动',
  sports_culture: '文体活动',
  volunteer_fair: '志愿服务集市',
  other: '其他',
};

export const isActivityKind = (value: unknown): value is ActivityKind => typeof value === 'string' && (ACTIVITY_KINDS as readonly string[]).includes(value);

/** Where an activity takes place: a station (with its street), or a street without a station. */
export interface ActivityVenue {
  /** null for an activity a street runs outside a station (a night-market job fair). */
  stationId: string | null;
  /** 9-digit code of the 街道/乡镇. */
  streetCode: string;
}

export type ActivityPlanned = DomainEvent<
  'ActivityPlanned',
  ActivityVenue & {
    activityId: string;
    kind: ActivityKind;
    title: string;
    /** The organising body (e.g. 柯城区总工会), never a person. */
    organiser: string;
    /** Partner bodies (社区、医院、律所、人社局 …). */
    partners: string[];
    /** YYYY-MM-DD (Asia/Shanghai). */
    plannedOn: string;
    /** Places for sign-up; null when the activity takes no sign-up. */
    places: number | null;
    /** The station's service package (增值服务) the activity delivers, when there is one. */
    service: ServiceCode | null;
  }
>;
export type ActivityRescheduled = DomainEvent<'ActivityRescheduled', { activityId: string; plannedOn: string; previousPlannedOn: string }>;
export type ActivityCancelled = DomainEvent<'ActivityCancelled', { activityId: string; reason: string }>;
/**
 * Held, with the people reached: `participants` counted on the day, of whom `newFormParticipants`
 * are new-form workers (新就业形态劳动者); `photos` are upload references (libs/uploads).
 */
export type ActivityHeld = DomainEvent<
  'ActivityHeld',
  { activityId: string; heldOn: string; participants: number; newFormParticipants: number; photos: string[] }
>;
/** A worker's sign-up: a place when one is free, else the waiting list (候补). */
export type ActivitySignedUp = DomainEvent<'ActivitySignedUp', { activityId: string; signupId: string; waitlisted: boolean }>;
/** A sign-up withdrawn (`waitlisted`: from the waiting list); a freed place goes to the first waiting (`promoted`). */
export type ActivitySignUpWithdrawn = DomainEvent<
  'ActivitySignUpWithdrawn',
  { activityId: string; signupId: string; waitlisted: boolean; promoted: string | null }
>;

export type ActivityEvent = ActivityPlanned | ActivityRescheduled | ActivityCancelled | ActivityHeld | ActivitySignedUp | ActivitySignUpWithdrawn;
export type ActivityEventType = ActivityEvent['type'];

export const ACTIVITY_EVENT_SCHEMAS = {
  ActivityPlanned: 1,
  ActivityRescheduled: 1,
  ActivityCancelled: 1,
  ActivityHeld: 1,
  ActivitySignedUp: 1,
  ActivitySignUpWithdrawn: 1,
} as const satisfies Record<ActivityEventType, number>;
