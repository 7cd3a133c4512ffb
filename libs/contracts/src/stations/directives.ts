import type { DomainEvent } from '../envelope';
import type { NodeRef } from '../nodes';
import { directiveSubject } from '../subjects';
import type { StandardCode } from './codes';
import { STATIONS_CONTEXT } from './events';
import type { ProgrammeKind } from './programmes';

/**
 * Directives and targets (指令 / 目标任务) of the stations context. A province or city node
 * issues one to its whole subtree or to named children; it travels down the DIR streams, each
 * addressed node records that it received it and its officer acknowledges it, and the issuer
 * measures progress from its subtree's station events. Codes and figures only: no person.
 *
 *   issuer    DirectiveIssued | DirectiveWithdrawn | DirectiveDeadlineAmended   (stream directive-<id>,
 *             EVT up, and the same envelope down its DIR: dir.<issuer>.stations.<type>.<id>)
 *   receiver  DirectiveReceived, DirectiveAcknowledged                         (stream directive-receipt-<id>, EVT up)
 */
export const DIRECTIVE_AGGREGATES = {
  /** At the issuer: what was asked, of whom, by when. */
  directive: 'directive',
  /** At each addressed node: that it received the directive, and its acknowledgement. */
  receipt: 'directive-receipt',
} as const;

export const DIRECTIVE_KINDS = [
  'adopt_standard',
  'station_target',
  'upgrade_target',
  'review_campaign',
  'activity_target',
  'reach_target',
  'health_check_target',
  'programme_target',
  'members_target',
  'coverage_target',
] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];

/**
 * What a directive asks for:
 * - adopt_standard: measure every station against `standard` (e.g. 八有) and bring them all up to it;
 * - station_target: at least `stations` open stations by the deadline, all meeting `standard` if one is named
 *   (金华 "到2026年全市服务站点总量保持在1260家以上，全部符合'八有'标准");
 * - upgrade_target: `stations` stations completing an upgrade (提档升级) between issue and deadline, to
 *   `standard` if one is named (浙江 2024 民生实事 "改造提升服务站点1000家以上");
 * - review_campaign: every open station reviewed (星级评定) for `year` by the deadline;
 * - activity_target: `activities` activities held (开展公益服务活动30余场次) from `since` (null: the issue
 *   day; "今年以来" is 1 January) to the deadline;
 * - reach_target: `people` reached by the activities held in that time (覆盖户外劳动者1500余人);
 * - health_check_target: `people` health checks (健康体检人次) delivered from `since` to the deadline, of which new-form
 *   workers are at least `minNewFormSharePercent` % ("新就业形态劳动者不少于总服务人次的20%"; 0 = no rule).
 *   Kept so that the directives already issued read as they were; a new one is a programme_target of
 *   `health_check`, which measures the same;
 * - programme_target: `people` served (人次) by the deliveries of programmes of kind `programme` (健康体检,
 *   爱心托班 "8000名中小学生", 技能培训 …) from `since` to the deadline, of which new-form workers are at
 *   least `minNewFormSharePercent` % (0 = no rule);
 * - members_target: `members` new members (新增会员300余名) who joined from `since` to the deadline, as the
 *   membership service of the issuer counts them for its report — by Beijing join month, so the
 *   month of `since` counts whole (a transfer within the subtree is no new member);
 * - coverage_target: at least `sharePercent` % of the workers (the issuer's worker-density map) with a
 *   station open within the 15-minute e-bike circle (覆盖率, "15分钟服务圈"), in the addressed part of
 *   the subtree and in each addressed child.
 */
export type DirectiveGoal =
  | { kind: 'adopt_standard'; standard: StandardCode }
  | { kind: 'station_target'; stations: number; standard: StandardCode | null }
  | { kind: 'upgrade_target'; stations: number; standard: StandardCode | null }
  | { kind: 'review_campaign'; year: number }
  | { kind: 'activity_target'; activities: number; since: string | null }
  | { kind: 'reach_target'; people: number; since: string | null }
  | { kind: 'health_check_target'; people: number; minNewFormSharePercent: number; since: string | null }
  | { kind: 'programme_target'; programme: ProgrammeKind; people: number; minNewFormSharePercent: number; since: string | null }
  | { kind: 'members_target'; members: number; since: string | null }
  | { kind: 'coverage_target'; sharePercent: number };

/** The programme a people-served goal counts: health_check_target is a programme_target of health checks. */
export type ProgrammeGoal = Extract<DirectiveGoal, { kind: 'programme_target' }>;
export function programmeGoalOf(goal: DirectiveGoal): ProgrammeGoal | null {
  if (goal.kind === 'programme_target') return goal;
  if (goal.kind === 'health_check_target') return { ...goal, kind: 'programme_target', programme: 'health_check' };
  return null;
}

export interface DirectiveRef {
  directiveId: string;
  /** GB/T 2260 code of the node that issued it. */
  issuerNode: string;
}

// ---- at the issuer (stream directive-<id>); the same envelopes go down the DIR stream ----
export type DirectiveIssued = DomainEvent<
  'DirectiveIssued',
  DirectiveRef & {
    title: string;
    goal: DirectiveGoal;
    /** Direct children of the issuer it is addressed to (each with its subtree); null = the issuer's whole subtree. */
    children: string[] | null;
    /** YYYY-MM-DD, the last day (Asia/Shanghai). */
    deadline: string;
  }
>;
export type DirectiveWithdrawn = DomainEvent<'DirectiveWithdrawn', DirectiveRef & { reason: string }>;
export type DirectiveDeadlineAmended = DomainEvent<'DirectiveDeadlineAmended', DirectiveRef & { deadline: string; previousDeadline: string }>;
export type DirectiveEvent = DirectiveIssued | DirectiveWithdrawn | DirectiveDeadlineAmended;
export type DirectiveEventType = DirectiveEvent['type'];

// ---- at each addressed node (stream directive-receipt-<id>) ----
export type DirectiveReceived = DomainEvent<'DirectiveReceived', DirectiveRef & { nodeCode: string }>;
export type DirectiveAcknowledged = DomainEvent<'DirectiveAcknowledged', DirectiveRef & { nodeCode: string }>;
export type DirectiveReceiptEvent = DirectiveReceived | DirectiveAcknowledged;

export const DIRECTIVE_EVENT_SCHEMAS = {
  DirectiveIssued: 1,
  DirectiveWithdrawn: 1,
  DirectiveDeadlineAmended: 1,
  DirectiveReceived: 1,
  DirectiveAcknowledged: 1,
} as const satisfies Record<DirectiveEventType | DirectiveReceiptEvent['type'], number>;

/** What travels down the DIR stream: the issuer's own events. */
export const DIRECTIVE_TYPES: readonly DirectiveEventType[] = ['DirectiveIssued', 'DirectiveWithdrawn', 'DirectiveDeadlineAmended'];

export function isDirectiveEventType(type: string): type is DirectiveEventType {
  return (DIRECTIVE_TYPES as readonly string[]).includes(type);
}

/** dir.<issuer tokens>.stations.<type>.<directiveId>: captured by the issuer's DIR, sourced by its descendants'. */
export function stationsDirectiveSubject(issuer: NodeRef, type: DirectiveEventType, directiveId: string): string {
  return directiveSubject(issuer, STATIONS_CONTEXT, type, directiveId);
}

/**
 * True if a directive of `issuerNode` to `children` (null = whole subtree) is addressed to
 * `nodeCode`: a node strictly below the issuer, inside one of the named children's subtrees.
 */
export function isAddressedTo(directive: Pick<DirectiveIssued['data'], 'issuerNode' | 'children'>, nodeCode: string): boolean {
  if (nodeCode === directive.issuerNode || !nodeCode.startsWith(directive.issuerNode)) return false;
  return directive.children === null || directive.children.some((child) => nodeCode.startsWith(child));
}
