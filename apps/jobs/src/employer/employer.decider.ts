import { checkCreditCode, checkName, EmployerEvent, EmployerKind, EmployerStatus } from '@ws/contracts';
import { assertNever, checkEventText, DecideContext, Decider, DomainError } from '@ws/kernel';
import { checkStreetCode } from '../shared/checks';
import { jobsError } from '../errors';

export const EMPLOYER_NAME_MAX = 100;
export const REVIEW_REASON_MAX = 300;

export interface EmployerState {
  status: EmployerStatus | 'none';
  employerId: string;
  kind: EmployerKind;
  streetCode: string;
  /** 注销: the contact's mobile (a householder: everything personal) is gone; no account is left to act for. */
  contactErased: boolean;
}

/**
 * The identity fields are in the command only to be checked: they go to the vault
 * (`profileRef`), never into the event.
 */
export interface EmployerRegistration {
  employerId: string;
  kind: EmployerKind;
  /** The company's name, or the householder's name. */
  name: string;
  /** 统一社会信用代码, for a company only. */
  creditCode: string | null;
  /** The mobile's code was verified (libs/verification) before the command was made. */
  mobileVerified: boolean;
  streetCode: string;
  profileRef: string;
}

export type EmployerCommand =
  | { type: 'RegisterEmployer'; registration: EmployerRegistration }
  | { type: 'RequestEmployerReview' }
  | { type: 'ApproveEmployer'; officerId: string }
  | { type: 'ReturnEmployer'; officerId: string; reason: string }
  | { type: 'SuspendEmployer'; officerId: string; reason: string }
  | { type: 'ReinstateEmployer'; officerId: string }
  /** The employer's own request, confirmed by a code to the contact's mobile before the command was made. */
  | { type: 'EraseEmployerContact' };

export function initialEmployerState(): EmployerState {
  return { status: 'none', employerId: '', kind: 'company', streetCode: '', contactErased: false };
}

/** An employer: registered → in review → approved (may post) / suspended (by the union). */
export const employerDecider: Decider<EmployerCommand, EmployerEvent, EmployerState> = {
  initialState: initialEmployerState,
  evolve(state, event) {
    switch (event.type) {
      case 'EmployerRegistered':
        return { status: 'registered', employerId: event.data.employerId, kind: event.data.kind, streetCode: event.data.streetCode, contactErased: false };
      case 'EmployerReviewRequested':
        return { ...state, status: 'in_review' };
      case 'EmployerApproved':
      case 'EmployerReinstated':
        return { ...state, status: 'approved' };
      case 'EmployerReturned':
        return { ...state, status: 'registered' };
      case 'EmployerSuspended':
        return { ...state, status: 'suspended' };
      case 'EmployerContactErased':
        return { ...state, contactErased: true };
      default:
        return assertNever(event, 'employer event');
    }
  },
  decide(command, state, _context: DecideContext) {
    if (state.contactErased && command.type !== 'RegisterEmployer') return jobsError('personal_data_erased', '雇主联系人信息已注销');
    switch (command.type) {
      case 'RegisterEmployer':
        return state.status === 'none' ? register(command.registration) : [];
      case 'RequestEmployerReview':
        if (state.status === 'none') return notFound();
        if (state.status === 'in_review') return [];
        if (state.status !== 'registered') return wrongStatus(state.status, '只有已注册、未审核的雇主可以申请审核');
        return [{ type: 'EmployerReviewRequested', data: { employerId: state.employerId, streetCode: state.streetCode } }];
      case 'ApproveEmployer':
        if (state.status === 'none') return notFound();
        if (state.status !== 'in_review') return wrongStatus(state.status, '这个雇主不在审核中');
        return [{ type: 'EmployerApproved', data: { employerId: state.employerId, streetCode: state.streetCode, officerId: command.officerId } }];
      case 'ReturnEmployer': {
        if (state.status === 'none') return notFound();
        if (state.status !== 'in_review') return wrongStatus(state.status, '这个雇主不在审核中');
        const reason = checkEventText(command.reason, 'reason', { max: REVIEW_REASON_MAX, label: '退回理由' });
        if (reason instanceof DomainError) return reason;
        return [{ type: 'EmployerReturned', data: { employerId: state.employerId, officerId: command.officerId, reason } }];
      }
      case 'SuspendEmployer': {
        if (state.status === 'none') return notFound();
        if (state.status === 'suspended') return [];
        const reason = checkEventText(command.reason, 'reason', { max: REVIEW_REASON_MAX, label: '暂停理由' });
        if (reason instanceof DomainError) return reason;
        return [{ type: 'EmployerSuspended', data: { employerId: state.employerId, streetCode: state.streetCode, officerId: command.officerId, reason } }];
      }
      case 'ReinstateEmployer':
        if (state.status === 'none') return notFound();
        if (state.status !== 'suspended') return wrongStatus(state.status, '这个雇主没有被暂停');
        return [{ type: 'EmployerReinstated', data: { employerId: state.employerId, streetCode: state.streetCode, officerId: command.officerId } }];
      case 'EraseEmployerContact':
        if (state.status === 'none') return notFound();
        return [{ type: 'EmployerContactErased', data: { employerId: state.employerId, kind: state.kind } }];
      default:
        return assertNever(command, 'employer command');
    }
  },
};

function register(registration: EmployerRegistration): EmployerEvent[] | DomainError {
  const { kind } = registration;
  if (kind === 'company') {
    const credit = checkCreditCode(registration.creditCode ?? '');
    if (!credit.ok) return jobsError(credit.code, credit.message, 'creditCode');
    const name = checkEventText(registration.name, 'name', { max: EMPLOYER_NAME_MAX, label: '单位名称' });
    if (name instanceof DomainError) return name;
  } else if (kind === 'person') {
    if (registration.creditCode !== null) return jobsError('validation_failed', '个人雇主不填统一社会信用代码', 'creditCode');
    const name = checkName(registration.name);
    if (!name.ok) return jobsError(name.code, name.message, 'name');
  } else {
    return assertNever(kind, 'employer kind');
  }
  const street = checkStreetCode(registration.streetCode, 'streetCode');
  if (street) return street;
  if (!registration.mobileVerified) return jobsError('mobile_not_verified', '请先验证手机号（短信验证码）', 'mobileCode');
  const { employerId, streetCode, profileRef } = registration;
  return [{ type: 'EmployerRegistered', data: { employerId, kind, streetCode, profileRef } }];
}

function notFound(): DomainError {
  return jobsError('employer_not_found', '没有这个雇主');
}

function wrongStatus(status: EmployerStatus, message: string): DomainError {
  return jobsError('employer_status_conflict', message, undefined, { currentStatus: status });
}
