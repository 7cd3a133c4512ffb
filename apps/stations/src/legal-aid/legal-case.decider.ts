import {
  isCalendarDate, isVisitOccupation, LEGAL_CASE_KINDS, LEGAL_WORKER_ERASURE_REASON_MAX, LEGAL_CASE_OUTCOMES, LEGAL_CASE_STATE_LABELS, LEGAL_REFERRAL_PARTNERS, shanghaiToday,
  type LegalCaseEvent, type LegalCaseKind, type LegalCaseOutcome, type LegalCaseState, type LegalReferralPartner, type Occupation,
} from '@ws/contracts';
import { assertNever, checkEventText, type Decider, type DecideContext, DomainError } from '@ws/kernel';
import { stationsError } from '../errors';
import { checkVenue, type VenueRequest } from '../station/venue';
import { BUDGET_FEN_MAX } from '../funds/budget.decider';

export interface ReceiveLegalCase extends VenueRequest {
  type: 'ReceiveLegalCase';
  caseId: string;
  kind: LegalCaseKind;
  occupation: Occupation;
  receivedOn: string;
  workerRef: string;
}
export interface StartMediation { type: 'StartMediation'; caseId: string; on: string }
export interface SettleLegalCase { type: 'SettleLegalCase'; caseId: string; on: string; recoveredFen: number }
export interface ReferLegalCase { type: 'ReferLegalCase'; caseId: string; on: string; partner: LegalReferralPartner }
export interface CloseLegalCase { type: 'CloseLegalCase'; caseId: string; on: string; outcome: LegalCaseOutcome }
/** The worker's details erased at their request, in any state of the case. */
export interface EraseLegalWorker { type: 'EraseLegalWorker'; caseId: string; reason: string }

export type LegalCaseCommand = ReceiveLegalCase | StartMediation | SettleLegalCase | ReferLegalCase | CloseLegalCase | EraseLegalWorker;
type LegalCaseStep = Exclude<LegalCaseCommand, ReceiveLegalCase | EraseLegalWorker>;

export interface LegalCaseProgress {
  state: LegalCaseState | 'none';
  venue: { stationId: string | null; streetCode: string } | null;
  receivedOn: string | null;
  /** The worker's details in the vault, until erased (then null). */
  workerRef: string | null;
  workerErased: boolean;
}

/** Which state each step may leave from: received → mediating → settled → closed; received or mediating → referred → closed; received → closed. */
const FROM: Record<LegalCaseStep['type'], readonly LegalCaseState[]> = {
  StartMediation: ['received'],
  SettleLegalCase: ['mediating'],
  ReferLegalCase: ['received', 'mediating'],
  CloseLegalCase: ['received', 'settled', 'referred'],
};

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);

function checkDay(day: unknown, field: string, state: LegalCaseProgress, now: Date): DomainError | null {
  if (!isCalendarDate(day)) return stationsError('invalid_case_date', `${field} 应为有效日期 YYYY-MM-DD`, field);
  if (day > shanghaiToday(now)) return stationsError('invalid_case_date', `${field} 晚于今天：发生后再登记`, field);
  if (state.receivedOn && day < state.receivedOn) return stationsError('invalid_case_date', `${field} 早于受理日期 ${state.receivedOn}`, field);
  return null;
}

function decideReceive(command: ReceiveLegalCase, state: LegalCaseProgress, now: Date): LegalCaseEvent[] | DomainError {
  if (state.state !== 'none') return stationsError('legal_case_exists', '该案件已受理', 'caseId');
  const venue = checkVenue(command, { code: 'legal_case_station_closed', message: '驿站已关闭，不能受理' });
  if ('code' in venue) return venue;
  const refusal =
    (isOneOf(LEGAL_CASE_KINDS, command.kind) ? null : stationsError('unknown_legal_case_kind', `未知案件类型：${String(command.kind)}`, 'kind')) ??
    (isVisitOccupation(command.occupation) ? null : stationsError('unknown_occupation', `未知职业：${String(command.occupation)}`, 'occupation')) ??
    checkDay(command.receivedOn, 'receivedOn', state, now);
  if (refusal) return refusal;
  const { caseId, kind, stationId, occupation, receivedOn, workerRef } = command;
  return [{ type: 'LegalCaseReceived', data: { caseId, kind, stationId, streetCode: venue.streetCode, occupation, receivedOn, workerRef } }];
}

const caseNotFound = (caseId: string) => stationsError('legal_case_not_found', `案件 ${caseId} 不存在`, 'caseId');

/** Erased once: a second erasure is refused as gone (410), as a reading of the details is. */
function decideErase(command: EraseLegalWorker, state: LegalCaseProgress): LegalCaseEvent[] | DomainError {
  if (state.state === 'none') return caseNotFound(command.caseId);
  if (state.workerErased) return stationsError('personal_data_erased', '当事人信息已删除');
  const reason = checkEventText(String(command.reason ?? ''), 'reason', { max: LEGAL_WORKER_ERASURE_REASON_MAX, label: '删除理由' });
  if (reason instanceof DomainError) return reason;
  return [{ type: 'LegalWorkerErased', data: { caseId: command.caseId, reason } }];
}

function decideStep(command: LegalCaseStep, state: LegalCaseProgress, now: Date): LegalCaseEvent[] | DomainError {
  if (state.state === 'none') return caseNotFound(command.caseId);
  if (!FROM[command.type].includes(state.state)) {
    return stationsError('legal_case_wrong_state', `案件${LEGAL_CASE_STATE_LABELS[state.state]}，不能这样处理`, undefined, { state: state.state });
  }
  const day = checkDay(command.on, 'on', state, now);
  if (day) return day;
  const { caseId, on } = command;
  switch (command.type) {
    case 'StartMediation':
      return [{ type: 'LegalMediationStarted', data: { caseId, startedOn: on } }];
    case 'SettleLegalCase':
      if (!Number.isSafeInteger(command.recoveredFen) || command.recoveredFen < 0 || command.recoveredFen > BUDGET_FEN_MAX) {
        return stationsError('invalid_amount', 'recoveredFen 应为以分计的非负整数', 'recoveredFen');
      }
      return [{ type: 'LegalCaseSettled', data: { caseId, settledOn: on, recoveredFen: command.recoveredFen } }];
    case 'ReferLegalCase':
      if (!isOneOf(LEGAL_REFERRAL_PARTNERS, command.partner)) return stationsError('unknown_referral_partner', `未知转交单位：${String(command.partner)}`, 'partner');
      return [{ type: 'LegalCaseReferred', data: { caseId, referredOn: on, partner: command.partner } }];
    case 'CloseLegalCase':
      if (!isOneOf(LEGAL_CASE_OUTCOMES, command.outcome)) return stationsError('unknown_case_outcome', `未知结果：${String(command.outcome)}`, 'outcome');
      return [{ type: 'LegalCaseClosed', data: { caseId, closedOn: on, outcome: command.outcome } }];
    default:
      return assertNever(command, 'legal case step');
  }
}

export function evolveLegalCase(state: LegalCaseProgress, event: LegalCaseEvent): LegalCaseProgress {
  switch (event.type) {
    case 'LegalCaseReceived':
      return {
        state: 'received', venue: { stationId: event.data.stationId, streetCode: event.data.streetCode }, receivedOn: event.data.receivedOn,
        workerRef: event.data.workerRef, workerErased: false,
      };
    case 'LegalMediationStarted':
      return { ...state, state: 'mediating' };
    case 'LegalCaseSettled':
      return { ...state, state: 'settled' };
    case 'LegalCaseReferred':
      return { ...state, state: 'referred' };
    case 'LegalCaseClosed':
      return { ...state, state: 'closed' };
    case 'LegalWorkerErased':
      return { ...state, workerRef: null, workerErased: true };
    default:
      return assertNever(event, 'legal case event');
  }
}

/** One legal-aid case (公益法律援助): received, mediated, settled or referred, closed with its outcome; the worker's details erasable at any point. */
export const legalCaseDecider: Decider<LegalCaseCommand, LegalCaseEvent, LegalCaseProgress> = {
  initialState: () => ({ state: 'none', venue: null, receivedOn: null, workerRef: null, workerErased: false }),
  evolve: evolveLegalCase,
  decide(command: LegalCaseCommand, state: LegalCaseProgress, context: DecideContext) {
    switch (command.type) {
      case 'ReceiveLegalCase':
        return decideReceive(command, state, context.now);
      case 'EraseLegalWorker':
        return decideErase(command, state);
      default:
        return decideStep(command, state, context.now);
    }
  },
};
