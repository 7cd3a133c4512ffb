import {
  AbuseKind,
  distanceBand,
  EmployerKind,
  EmployerStatus,
  isAbuseKind,
  isTakedownReason,
  PostingDetails,
  PostingEvent,
  PostingStatus,
  TakedownReason,
} from '@ws/contracts';
import { assertNever, checkEventText, DecideContext, Decider, DomainError } from '@ws/kernel';
import { checkPostingDetails, checkValidUntil } from './posting-details';
import { jobsError } from '../errors';

export const POSTING_NOTE_MAX = 300;

export interface PostingState {
  status: PostingStatus | 'none';
  postingId: string;
  employerId: string;
  employerKind: EmployerKind;
  details: PostingDetails | null;
  hiredApplications: string[];
  reporters: string[];
  /** The seekers 精准推送 chose for it (each told once). */
  matchedSeekers: string[];
}

export type PostingCommand =
  | { type: 'DraftPosting'; postingId: string; employerId: string; employerKind: EmployerKind; employerStatus: EmployerStatus; details: PostingDetails }
  | { type: 'RevisePosting'; details: PostingDetails }
  | { type: 'SubmitPosting'; employerStatus: EmployerStatus }
  | { type: 'ApprovePosting'; officerId: string; employerStatus: EmployerStatus }
  | { type: 'ReturnPosting'; officerId: string; reason: string }
  | { type: 'RecordHire'; applicationId: string }
  | { type: 'ExpirePosting' }
  | { type: 'WithdrawPosting' }
  | { type: 'TakeDownPosting'; officerId: string; reason: TakedownReason; note: string | null }
  | { type: 'ReportPosting'; reporterHash: string; kind: AbuseKind; note: string | null }
  | { type: 'RecordMatches'; matches: Array<{ seekerId: string; distanceKm: number }> };

const CLOSED: readonly PostingStatus[] = ['expired', 'withdrawn', 'taken_down'];

export function initialPostingState(): PostingState {
  return { status: 'none', postingId: '', employerId: '', employerKind: 'company', details: null, hiredApplications: [], reporters: [], matchedSeekers: [] };
}

/**
 * A posting (招工信息): draft → in review → open → filled, or expired / withdrawn / taken down.
 * The union approves it only for an approved employer; a hire closes one place of the headcount.
 */
export const postingDecider: Decider<PostingCommand, PostingEvent, PostingState> = {
  initialState: initialPostingState,
  evolve(state, event) {
    switch (event.type) {
      case 'PostingDrafted': {
        const { postingId, employerId, employerKind, ...details } = event.data;
        return { ...state, status: 'draft', postingId, employerId, employerKind, details };
      }
      case 'PostingRevised': {
        const { postingId: _id, ...details } = event.data;
        return { ...state, details };
      }
      case 'PostingSubmitted':
        return { ...state, status: 'in_review' };
      case 'PostingOpened':
        return { ...state, status: 'open' };
      case 'PostingReturned':
        return { ...state, status: 'draft' };
      case 'PostingHireRecorded':
        return { ...state, hiredApplications: [...state.hiredApplications, event.data.applicationId] };
      case 'PostingFilled':
        return { ...state, status: 'filled' };
      case 'PostingExpired':
        return { ...state, status: 'expired' };
      case 'PostingWithdrawn':
        return { ...state, status: 'withdrawn' };
      case 'PostingTakenDown':
        return { ...state, status: 'taken_down' };
      case 'PostingReported':
        return { ...state, reporters: [...state.reporters, event.data.reporterHash] };
      case 'PostingMatched':
        return { ...state, matchedSeekers: [...state.matchedSeekers, event.data.seekerId] };
      default:
        return assertNever(event, 'posting event');
    }
  },
  decide(command, state, { now }: DecideContext) {
    if (command.type === 'DraftPosting') {
      if (state.status !== 'none') return [];
      if (command.employerStatus === 'suspended') return employerSuspended();
      const details = checkPostingDetails(command.details, command.employerKind, now);
      if (details instanceof DomainError) return details;
      const { postingId, employerId, employerKind } = command;
      return [{ type: 'PostingDrafted', data: { ...details, postingId, employerId, employerKind } }];
    }
    if (state.status === 'none' || !state.details) return jobsError('posting_not_found', '没有这条招工信息');
    const { details, postingId } = state;
    const counted = { postingId, category: details.category, streetCode: details.streetCode };
    switch (command.type) {
      case 'RevisePosting': {
        if (state.status !== 'draft') return wrongStatus(state.status, '只有草稿可以修改');
        const revised = checkPostingDetails(command.details, state.employerKind, now);
        if (revised instanceof DomainError) return revised;
        return [{ type: 'PostingRevised', data: { ...revised, postingId } }];
      }
      case 'SubmitPosting':
        if (state.status === 'in_review') return [];
        if (state.status !== 'draft') return wrongStatus(state.status, '只有草稿可以提交审核');
        if (command.employerStatus === 'suspended') return employerSuspended();
        return checkValidUntil(details.validUntil, now) ?? [{ type: 'PostingSubmitted', data: { postingId, streetCode: details.streetCode } }];
      case 'ApprovePosting':
        if (state.status !== 'in_review') return wrongStatus(state.status, '这条招工信息不在审核中');
        if (command.employerStatus !== 'approved') {
          return jobsError('employer_not_approved', '雇主尚未通过审核（或已被暂停），先审核雇主', undefined, { employerStatus: command.employerStatus });
        }
        return (
          checkValidUntil(details.validUntil, now) ?? [
            {
              type: 'PostingOpened',
              data: {
                postingId,
                employerId: state.employerId,
                officerId: command.officerId,
                category: details.category,
                payMode: details.payMode,
                streetCode: details.streetCode,
                headcount: details.headcount,
              },
            },
          ]
        );
      case 'ReturnPosting': {
        if (state.status !== 'in_review') return wrongStatus(state.status, '这条招工信息不在审核中');
        const reason = checkEventText(command.reason, 'reason', { max: POSTING_NOTE_MAX, label: '退回理由' });
        if (reason instanceof DomainError) return reason;
        return [{ type: 'PostingReturned', data: { postingId, officerId: command.officerId, reason } }];
      }
      case 'RecordHire': {
        if (state.hiredApplications.includes(command.applicationId)) return [];
        if (state.status !== 'open') return jobsError('posting_not_open', state.status === 'filled' ? '这条招工信息已招满' : '这条招工信息不在招聘中', undefined, { currentStatus: state.status });
        const hired = state.hiredApplications.length + 1;
        const recorded: PostingEvent = { type: 'PostingHireRecorded', data: { postingId, applicationId: command.applicationId, hired, headcount: details.headcount } };
        return hired >= details.headcount ? [recorded, { type: 'PostingFilled', data: { ...counted, hired } }] : [recorded];
      }
      case 'ExpirePosting':
        if (CLOSED.includes(state.status) || state.status === 'filled') return [];
        if (Date.parse(details.validUntil) > now.getTime()) return jobsError('posting_not_due', '有效期未到');
        return [{ type: 'PostingExpired', data: counted }];
      case 'WithdrawPosting':
        if (state.status === 'withdrawn') return [];
        if (CLOSED.includes(state.status) || state.status === 'filled') return wrongStatus(state.status, '这条招工信息已结束');
        return [{ type: 'PostingWithdrawn', data: counted }];
      case 'TakeDownPosting': {
        if (state.status === 'taken_down') return [];
        if (!isTakedownReason(command.reason)) return jobsError('validation_failed', '请选择下架原因', 'reason');
        const note = checkEventText(command.note ?? '', 'note', { max: POSTING_NOTE_MAX, label: '说明', allowEmpty: true });
        if (note instanceof DomainError) return note;
        return [{ type: 'PostingTakenDown', data: { ...counted, officerId: command.officerId, reason: command.reason, note: note || null } }];
      }
      case 'ReportPosting': {
        if (state.reporters.includes(command.reporterHash)) return [];
        if (state.status !== 'open' && state.status !== 'filled') return wrongStatus(state.status, '只能举报已发布的招工信息');
        if (!isAbuseKind(command.kind)) return jobsError('validation_failed', '请选择举报类型', 'kind');
        const note = checkEventText(command.note ?? '', 'note', { max: POSTING_NOTE_MAX, label: '举报说明', allowEmpty: true, multiline: true });
        if (note instanceof DomainError) return note;
        return [{ type: 'PostingReported', data: { postingId, reporterHash: command.reporterHash, kind: command.kind, note: note || null, reports: state.reporters.length + 1 } }];
      }
      case 'RecordMatches': {
        // Only an open posting is pushed; a seeker already told of it is not told again.
        if (state.status !== 'open') return [];
        const told = new Set(state.matchedSeekers);
        return command.matches
          .filter((m) => !told.has(m.seekerId) && (told.add(m.seekerId), true))
          .map((m) => ({ type: 'PostingMatched' as const, data: { postingId, seekerId: m.seekerId, distanceBand: distanceBand(m.distanceKm) } }));
      }
      default:
        return assertNever(command, 'posting command');
    }
  },
};

function wrongStatus(status: PostingStatus, message: string): DomainError {
  return jobsError('posting_status_conflict', message, undefined, { currentStatus: status });
}

function employerSuspended(): DomainError {
  return jobsError('employer_suspended', '雇主已被暂停，暂不能发布招工信息');
}
