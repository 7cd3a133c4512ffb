import { JobApplicationEvent, JobApplicationSide, JobApplicationStatus, JobCategory, JobRating, PostingStatus } from '@ws/contracts';
import { assertNever, checkEventText, DecideContext, Decider, DomainError } from '@ws/kernel';
import { ISO_DATE } from '../shared/checks';
import { PAY_MAX_FEN } from '../posting/posting-details';
import { jobsError } from '../errors';

export const APPLICATION_TEXT_MAX = 300;
/** A rating's comment is a short remark (按时结算、活干得细), not a review essay. */
export const RATING_COMMENT_MAX = 100;

export interface ApplicationState {
  status: JobApplicationStatus | 'none';
  applicationId: string;
  postingId: string;
  seekerId: string;
  employerId: string;
  category: JobCategory;
  streetCode: string;
  ratedBy: JobApplicationSide[];
}

/** What the handler read of the posting the seeker applies to. */
export interface PostingSnapshot {
  postingId: string;
  employerId: string;
  status: PostingStatus;
  category: JobCategory;
  streetCode: string;
}

export type ApplicationCommand =
  | { type: 'Apply'; applicationId: string; seekerId: string; posting: PostingSnapshot; note: string | null }
  | { type: 'Invite'; message: string | null }
  | { type: 'AcceptInvitation' }
  | { type: 'Hire'; agreedPayFen: number; startDate: string }
  | { type: 'Decline'; by: JobApplicationSide; reason: string | null }
  | { type: 'RateWork'; by: JobApplicationSide; rating: number; comment: string | null };

export function initialApplicationState(): ApplicationState {
  return { status: 'none', applicationId: '', postingId: '', seekerId: '', employerId: '', category: 'odd_jobs', streetCode: '', ratedBy: [] };
}

/**
 * A seeker's application to a posting: applied → invited (the employer now sees who) → accepted
 * → hired (签约), or declined by either side on the way; both sides rate once after a hire.
 */
export const applicationDecider: Decider<ApplicationCommand, JobApplicationEvent, ApplicationState> = {
  initialState: initialApplicationState,
  evolve(state, event) {
    switch (event.type) {
      case 'JobApplicationSubmitted': {
        const { applicationId, postingId, seekerId, employerId, category, streetCode } = event.data;
        return { ...state, status: 'applied', applicationId, postingId, seekerId, employerId, category, streetCode };
      }
      case 'JobApplicantInvited':
        return { ...state, status: 'invited' };
      case 'JobInvitationAccepted':
        return { ...state, status: 'accepted' };
      case 'JobApplicantHired':
        return { ...state, status: 'hired' };
      case 'JobApplicationDeclined':
        return { ...state, status: 'declined' };
      case 'JobWorkRated':
        return { ...state, ratedBy: [...state.ratedBy, event.data.by] };
      default:
        return assertNever(event, 'application event');
    }
  },
  decide(command, state, _context: DecideContext) {
    if (command.type === 'Apply') {
      if (state.status !== 'none') return [];
      if (command.posting.status !== 'open') return jobsError('posting_not_open', '这条招工信息不在招聘中', undefined, { currentStatus: command.posting.status });
      const note = optionalText(command.note, 'note', '留言');
      if (note instanceof DomainError) return note;
      const { postingId, employerId, category, streetCode } = command.posting;
      return [{ type: 'JobApplicationSubmitted', data: { applicationId: command.applicationId, postingId, seekerId: command.seekerId, employerId, category, streetCode, note } }];
    }
    if (state.status === 'none') return jobsError('application_not_found', '没有这份申请');
    const { applicationId, postingId } = state;
    switch (command.type) {
      case 'Invite': {
        if (state.status === 'invited') return [];
        if (state.status !== 'applied') return wrongStatus(state.status, '只能邀请新申请的求职者');
        const message = optionalText(command.message, 'message', '邀请留言');
        if (message instanceof DomainError) return message;
        return [{ type: 'JobApplicantInvited', data: { applicationId, postingId, message } }];
      }
      case 'AcceptInvitation':
        if (state.status === 'accepted') return [];
        if (state.status !== 'invited') return wrongStatus(state.status, '没有待接受的邀请');
        return [{ type: 'JobInvitationAccepted', data: { applicationId, postingId } }];
      case 'Hire': {
        if (state.status === 'hired') return [];
        if (state.status !== 'accepted') return wrongStatus(state.status, '求职者接受邀请后才能签约');
        if (!Number.isInteger(command.agreedPayFen) || command.agreedPayFen < 0 || command.agreedPayFen > PAY_MAX_FEN) {
          return jobsError('validation_failed', '约定工资应为 0–100000 元（以分计的整数）', 'agreedPayFen');
        }
        if (!ISO_DATE.test(command.startDate) || Number.isNaN(Date.parse(command.startDate))) return jobsError('validation_failed', '上岗日期格式应为 YYYY-MM-DD', 'startDate');
        const { seekerId, employerId, category, streetCode } = state;
        return [{ type: 'JobApplicantHired', data: { applicationId, postingId, seekerId, employerId, category, streetCode, agreedPayFen: command.agreedPayFen, startDate: command.startDate } }];
      }
      case 'Decline': {
        if (state.status === 'declined') return [];
        if (state.status === 'hired') return wrongStatus(state.status, '已签约，不能谢绝');
        const reason = optionalText(command.reason, 'reason', '理由');
        if (reason instanceof DomainError) return reason;
        return [{ type: 'JobApplicationDeclined', data: { applicationId, postingId, by: command.by, reason } }];
      }
      case 'RateWork': {
        if (state.status !== 'hired') return wrongStatus(state.status, '签约上岗后才能评价');
        if (state.ratedBy.includes(command.by)) return jobsError('already_rated', '已经评价过了');
        if (!Number.isInteger(command.rating) || command.rating < 1 || command.rating > 5) return jobsError('validation_failed', '评分应为 1–5 星', 'rating');
        const comment = optionalText(command.comment, 'comment', '评价', RATING_COMMENT_MAX);
        if (comment instanceof DomainError) return comment;
        return [{ type: 'JobWorkRated', data: { applicationId, postingId, by: command.by, rating: command.rating as JobRating, comment } }];
      }
      default:
        return assertNever(command, 'application command');
    }
  },
};

function optionalText(text: string | null, field: string, label: string, max = APPLICATION_TEXT_MAX): string | null | DomainError {
  const value = checkEventText(text ?? '', field, { max, label, allowEmpty: true, multiline: true });
  return value instanceof DomainError ? value : value || null;
}

function wrongStatus(status: JobApplicationStatus, message: string): DomainError {
  return jobsError('application_status_conflict', message, undefined, { currentStatus: status });
}
