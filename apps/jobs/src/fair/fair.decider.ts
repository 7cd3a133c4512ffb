import { isFairFormat } from '@ws/contracts';
import type { EmployerStatus, FairEvent, FairFormat, FairStatus, JobCategory, PostingStatus } from '@ws/contracts';
import { assertNever, checkEventText, DecideContext, Decider, DomainError } from '@ws/kernel';
import { jobsError } from '../errors';

export const FAIR_TITLE_MAX = 60;
export const FAIR_REASON_MAX = 300;
/** A fair is scheduled at most a year ahead and lasts at most three days. */
const MAX_AHEAD_MS = 366 * 86_400_000;
const MAX_LENGTH_MS = 3 * 86_400_000;
/** One entry of attendance (people at the door, viewers online) or intentions at most. */
export const FAIR_COUNT_MAX = 100_000;

export interface FairState {
  status: FairStatus | 'none';
  fairId: string;
  format: FairFormat;
  streetCode: string;
  startsAt: string;
  employers: string[];
  postings: Record<string, { employerId: string; category: JobCategory; intentions: number }>;
  attendance: number;
  intentions: number;
  /** Entries already counted (attendance and intentions), so a retried one counts once. */
  entries: string[];
}

export interface FairPlan {
  title: string;
  format: FairFormat;
  stationId: string | null;
  streetCode: string;
  startsAt: string;
  endsAt: string;
}

export type FairCommand =
  | ({ type: 'ScheduleFair'; fairId: string; officerId: string } & FairPlan)
  | { type: 'AttachEmployer'; employerId: string; employerStatus: EmployerStatus | 'none' }
  | { type: 'AttachPosting'; postingId: string; employerId: string; category: JobCategory; postingStatus: PostingStatus | 'none'; employerStatus: EmployerStatus | 'none' }
  | { type: 'CountAttendance'; count: number; entryId: string | null }
  | { type: 'RecordIntentions'; postingId: string; count: number; entryId: string | null }
  | { type: 'MarkFairHeld' }
  | { type: 'CancelFair'; officerId: string; reason: string };

export function initialFairState(): FairState {
  return { status: 'none', fairId: '', format: 'onsite', streetCode: '', startsAt: '', employers: [], postings: {}, attendance: 0, intentions: 0, entries: [] };
}

/**
 * A jobs fair (招聘会 at a station, 直播带岗 online): scheduled ahead, employers and their open
 * postings attached, then attendance and intentions reached (达成意向) counted — counts only,
 * never a person — and finally held, or cancelled before anyone was counted.
 */
export const fairDecider: Decider<FairCommand, FairEvent, FairState> = {
  initialState: initialFairState,
  evolve(state, event) {
    switch (event.type) {
      case 'FairScheduled':
        return { ...state, status: 'scheduled', fairId: event.data.fairId, format: event.data.format, streetCode: event.data.streetCode, startsAt: event.data.startsAt };
      case 'FairEmployerAttached':
        return { ...state, employers: [...state.employers, event.data.employerId] };
      case 'FairPostingAttached':
        return { ...state, postings: { ...state.postings, [event.data.postingId]: { employerId: event.data.employerId, category: event.data.category, intentions: 0 } } };
      case 'FairAttendanceCounted':
        return { ...state, attendance: event.data.total, entries: withEntry(state.entries, event.data.entryId) };
      case 'FairIntentionsRecorded': {
        const posting = state.postings[event.data.postingId];
        if (!posting) return state;
        return {
          ...state,
          intentions: state.intentions + event.data.count,
          postings: { ...state.postings, [event.data.postingId]: { ...posting, intentions: event.data.total } },
          entries: withEntry(state.entries, event.data.entryId),
        };
      }
      case 'FairHeld':
        return { ...state, status: 'held' };
      case 'FairCancelled':
        return { ...state, status: 'cancelled' };
      default:
        return assertNever(event, 'fair event');
    }
  },
  decide(command, state, { now }: DecideContext) {
    if (command.type === 'ScheduleFair') {
      if (state.status !== 'none') return [];
      const plan = checkPlan(command, now);
      if (plan instanceof DomainError) return plan;
      return [{ type: 'FairScheduled', data: { fairId: command.fairId, ...plan, officerId: command.officerId } }];
    }
    if (state.status === 'none') return jobsError('fair_not_found', '没有这场招聘会');
    const { fairId, streetCode } = state;
    const started = Date.parse(state.startsAt) <= now.getTime();
    switch (command.type) {
      case 'AttachEmployer': {
        if (state.employers.includes(command.employerId)) return [];
        if (state.status !== 'scheduled') return wrongStatus(state.status, '招聘会已结束，不能再添加雇主');
        const refused = checkEmployer(command.employerStatus);
        if (refused) return refused;
        return [{ type: 'FairEmployerAttached', data: { fairId, employerId: command.employerId } }];
      }
      case 'AttachPosting': {
        if (state.postings[command.postingId]) return [];
        if (state.status !== 'scheduled') return wrongStatus(state.status, '招聘会已结束，不能再添加岗位');
        if (command.postingStatus === 'none') return jobsError('posting_not_found', '没有这条招工信息', 'postingId');
        if (command.postingStatus !== 'open') return jobsError('posting_not_open', '只能添加招聘中的招工信息', 'postingId', { currentStatus: command.postingStatus });
        const events: FairEvent[] = [];
        if (!state.employers.includes(command.employerId)) {
          const refused = checkEmployer(command.employerStatus);
          if (refused) return refused;
          events.push({ type: 'FairEmployerAttached', data: { fairId, employerId: command.employerId } });
        }
        events.push({ type: 'FairPostingAttached', data: { fairId, postingId: command.postingId, employerId: command.employerId, category: command.category } });
        return events;
      }
      case 'CountAttendance': {
        if (command.entryId !== null && state.entries.includes(command.entryId)) return [];
        const refused = checkCounting(state.status, started) ?? checkCount(command.count, 'count', '人数');
        if (refused) return refused;
        return [{ type: 'FairAttendanceCounted', data: { fairId, entryId: command.entryId, streetCode, count: command.count, total: state.attendance + command.count } }];
      }
      case 'RecordIntentions': {
        if (command.entryId !== null && state.entries.includes(command.entryId)) return [];
        const refused = checkCounting(state.status, started) ?? checkCount(command.count, 'count', '达成意向人数');
        if (refused) return refused;
        const posting = state.postings[command.postingId];
        if (!posting) return jobsError('fair_posting_not_attached', '这条招工信息不在本场招聘会', 'postingId');
        return [{ type: 'FairIntentionsRecorded', data: { fairId, entryId: command.entryId, postingId: command.postingId, category: posting.category, streetCode, count: command.count, total: posting.intentions + command.count } }];
      }
      case 'MarkFairHeld':
        if (state.status === 'held') return [];
        if (state.status !== 'scheduled') return wrongStatus(state.status, '招聘会已取消');
        if (!started) return jobsError('fair_not_started', '招聘会还没有开始，不能标记为已举办');
        return [{ type: 'FairHeld', data: { fairId, format: state.format, streetCode, attendance: state.attendance, intentions: state.intentions } }];
      case 'CancelFair': {
        if (state.status === 'cancelled') return [];
        if (state.status !== 'scheduled') return wrongStatus(state.status, '招聘会已举办，不能取消');
        if (state.attendance > 0 || state.intentions > 0) return wrongStatus(state.status, '已有到场或意向记录，不能取消');
        const reason = checkEventText(command.reason, 'reason', { max: FAIR_REASON_MAX, label: '取消原因' });
        if (reason instanceof DomainError) return reason;
        return [{ type: 'FairCancelled', data: { fairId, streetCode, officerId: command.officerId, reason } }];
      }
      default:
        return assertNever(command, 'fair command');
    }
  },
};

function withEntry(entries: string[], entryId: string | null): string[] {
  return entryId === null ? entries : [...entries, entryId];
}

function checkPlan(plan: FairPlan, now: Date): FairPlan | DomainError {
  const title = checkEventText(plan.title, 'title', { max: FAIR_TITLE_MAX, label: '招聘会名称' });
  if (title instanceof DomainError) return title;
  if (!isFairFormat(plan.format)) return jobsError('validation_failed', '请选择现场招聘会或直播带岗', 'format');
  if (plan.format === 'onsite' && !plan.stationId) return jobsError('validation_failed', '现场招聘会须选择驿站', 'stationId');
  if (plan.format === 'online' && plan.stationId) return jobsError('validation_failed', '直播带岗不在驿站举办，不要选择驿站', 'stationId');
  const startsAt = Date.parse(plan.startsAt);
  const endsAt = Date.parse(plan.endsAt);
  if (Number.isNaN(startsAt)) return jobsError('validation_failed', '开始时间应为 ISO 时间', 'startsAt');
  if (Number.isNaN(endsAt)) return jobsError('validation_failed', '结束时间应为 ISO 时间', 'endsAt');
  if (startsAt <= now.getTime()) return jobsError('fair_in_past', '招聘会开始时间已过，请选择今后的时间', 'startsAt');
  if (startsAt > now.getTime() + MAX_AHEAD_MS) return jobsError('validation_failed', '招聘会最多提前一年安排', 'startsAt');
  if (endsAt <= startsAt) return jobsError('fair_ends_before_start', '结束时间须晚于开始时间', 'endsAt');
  if (endsAt - startsAt > MAX_LENGTH_MS) return jobsError('validation_failed', '一场招聘会最长三天', 'endsAt');
  return { title, format: plan.format, stationId: plan.stationId, streetCode: plan.streetCode, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() };
}

function checkEmployer(status: EmployerStatus | 'none'): DomainError | null {
  if (status === 'none') return jobsError('employer_not_found', '没有这个雇主', 'employerId');
  if (status !== 'approved') return jobsError('employer_not_approved', '雇主尚未通过审核（或已被暂停），不能参加招聘会', 'employerId', { employerStatus: status });
  return null;
}

function checkCounting(status: FairStatus, started: boolean): DomainError | null {
  if (status === 'cancelled') return wrongStatus(status, '招聘会已取消');
  if (!started) return jobsError('fair_not_started', '招聘会还没有开始，不能记录到场或意向');
  return null;
}

function checkCount(count: number, field: string, label: string): DomainError | null {
  if (!Number.isInteger(count) || count < 1 || count > FAIR_COUNT_MAX) return jobsError('validation_failed', `${label}须为 1 至 ${FAIR_COUNT_MAX} 的整数`, field);
  return null;
}

function wrongStatus(status: FairStatus, message: string): DomainError {
  return jobsError('fair_status_conflict', message, undefined, { currentStatus: status });
}
