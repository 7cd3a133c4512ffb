import { isCalendarDate } from '../stations/time';

/**
 * Report figures (年度报表): the stations service assembles a node's report, and each service that
 * owns a count answers its own for a period over the node's subtree — membership the members
 * who joined, wishes the wishes received and fulfilled, dispatch the volunteer hours, jobs
 * (零工之家) its postings, seekers, hires and fairs. A core-NATS
 * request on the node's own nats-server (like notify's contact look-ups): counts only, nothing
 * personal, so the same figures are also each service's GET /report-figures for officers.
 */
export const REPORT_FIGURE_SERVICES = ['membership', 'wishes', 'dispatch', 'jobs'] as const;
export type ReportFigureService = (typeof REPORT_FIGURE_SERVICES)[number];

/** Where a node's service answers its report figures. */
export function reportFiguresSubject(node: string, service: ReportFigureService): string {
  return `report.${node}.${service}.figures`;
}

/** Days (YYYY-MM-DD, Asia/Shanghai, inclusive). */
export interface ReportFiguresRequest {
  from: string;
  to: string;
  /**
   * Also the figures of each direct child of the node (membership only): the issuer of a
   * directive measures each child's part of a members target with them.
   */
  byChild?: boolean;
}

export interface MembershipReportFigures {
  /**
   * Members who joined in the period, by Beijing join month (the months from's month to to's month:
   * a report's month, quarter or year exactly). A transfer within the subtree is not a new member;
   * one arriving from outside it counts where it arrives.
   */
  membersJoined: number;
  /** Of them, 新就业形态 occupations (rider, courier, ride-hailing and truck drivers …). */
  newFormJoined: number;
  /**
   * Only when asked (byChild): the same counts per direct child of the node (the first digits of
   * the member's node code); members of the node's own unions are under the node's own code.
   */
  byChild?: Array<{ node: string; membersJoined: number; newFormJoined: number }>;
}

export interface WishesReportFigures {
  /** Wishes (心愿, not 建议) posted in the period. */
  wishesReceived: number;
  /** Wishes completed in the period (each wish once, however often it was reopened). */
  wishesFulfilled: number;
}

export interface DispatchReportFigures {
  /** Hours served by volunteers in the period (shifts and tasks), to two decimals. */
  volunteerHours: number;
  /** Volunteers who served at least once. */
  volunteers: number;
}

/** 零工之家 in the period, Asia/Shanghai days: the counts its seed publishes (发布岗位, 招聘会). */
export interface JobsReportFigures {
  /** Postings published (shown to seekers after review). */
  postingsPublished: number;
  /** Seekers who registered (实名). */
  seekersRegistered: number;
  /** People hired (签约) through a posting. */
  hires: number;
  /** Fairs held (招聘会, 直播带岗) and the attendance they counted. */
  fairsHeld: number;
  fairAttendance: number;
}

export interface ReportFiguresByService {
  membership: MembershipReportFigures;
  wishes: WishesReportFigures;
  dispatch: DispatchReportFigures;
  jobs: JobsReportFigures;
}

/** A reply: the figures, or why the request was refused (a bad period). */
export type ReportFiguresReply<S extends ReportFigureService> =
  | { node: string; from: string; to: string; figures: ReportFiguresByService[S] }
  | { error: { code: string; message: string; field: string } };

/** Longest period a report covers (a year and a bit). */
export const REPORT_RANGE_MAX_DAYS = 400;

/** Why a period is not one: null when from and to are real days, in order, at most REPORT_RANGE_MAX_DAYS apart. */
export function reportRangeRefusal(request: Partial<ReportFiguresRequest>): { field: 'from' | 'to'; message: string } | null {
  if (!isCalendarDate(request.from)) return { field: 'from', message: 'from 应为有效日期 YYYY-MM-DD' };
  if (!isCalendarDate(request.to)) return { field: 'to', message: 'to 应为有效日期 YYYY-MM-DD' };
  const days = (Date.parse(request.to) - Date.parse(request.from)) / 86_400_000;
  if (days < 0) return { field: 'to', message: '结束日期早于起始日期' };
  if (days > REPORT_RANGE_MAX_DAYS) return { field: 'to', message: `时间范围不能超过 ${REPORT_RANGE_MAX_DAYS} 天` };
  return null;
}
