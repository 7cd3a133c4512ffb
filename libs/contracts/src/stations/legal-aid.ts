import type { DomainEvent } from '../envelope';
import type { Occupation } from '../occupations';

/**
 * Legal aid (公益法律援助, 共享法庭) of the stations context: consultations and labour-dispute
 * mediations handled at a station or in a street, or referred to a partner (the court's 共享法庭,
 * 人社 / 劳动仲裁, 司法所). One stream per case (`legalcase-<id>`), flowing up the EVT like
 * activities. The worker's name, phone and account of the dispute are sealed in the stations
 * service's vault; an event carries only `workerRef`, the occupation, and amounts in fen.
 */
export const LEGAL_CASE_AGGREGATE = 'legalcase';

export const LEGAL_CASE_KINDS = ['consultation', 'wage_arrears', 'work_injury', 'labour_contract', 'social_insurance', 'traffic_accident', 'other'] as const;
export type LegalCaseKind = (typeof LEGAL_CASE_KINDS)[number];

export const LEGAL_CASE_KIND_LABELS: Record<LegalCaseKind, string> = {
  consultation: '法律咨询',
  wage_arrears: '欠薪',
  work_injury: '工伤',
  labour_contract: '劳动合同',
  social_insurance: '社会保险',
  traffic_accident: '交通事故',
  other: '其他',
};

export const LEGAL_CASE_STATES = ['received', 'mediating', 'settled', 'referred', 'closed'] as const;
export type LegalCaseState = (typeof LEGAL_CASE_STATES)[number];

export const LEGAL_CASE_STATE_LABELS: Record<LegalCaseState, string> = {
  received: '已受理',
  mediating: '调解中',
  settled: '调解成功',
  referred: '已转交',
  closed: '已结案',
};

/** Where a case goes that the station does not settle. */
export const LEGAL_REFERRAL_PARTNERS = ['shared_court', 'labour_arbitration', 'justice_bureau', 'legal_aid_centre'] as const;
export type LegalReferralPartner = (typeof LEGAL_REFERRAL_PARTNERS)[number];

export const LEGAL_REFERRAL_PARTNER_LABELS: Record<LegalReferralPartner, string> = {
  shared_court: '共享法庭（人民法院）',
  labour_arbitration: '人社部门（劳动仲裁）',
  justice_bureau: '司法所',
  legal_aid_centre: '法律援助中心',
};

/** How a case ended. */
export const LEGAL_CASE_OUTCOMES = ['advised', 'agreement', 'withdrawn', 'referred_done', 'unresolved'] as const;
export type LegalCaseOutcome = (typeof LEGAL_CASE_OUTCOMES)[number];

export const LEGAL_CASE_OUTCOME_LABELS: Record<LegalCaseOutcome, string> = {
  advised: '已解答',
  agreement: '达成调解协议',
  withdrawn: '当事人撤回',
  referred_done: '转交办结',
  unresolved: '未解决',
};

export type LegalCaseReceived = DomainEvent<'LegalCaseReceived', {
  caseId: string;
  kind: LegalCaseKind;
  stationId: string | null;
  streetCode: string;
  occupation: Occupation;
  receivedOn: string;
  /** The worker's details in the stations vault (sealed); never the details themselves. */
  workerRef: string;
}>;
export type LegalMediationStarted = DomainEvent<'LegalMediationStarted', { caseId: string; startedOn: string }>;
/** Settled by mediation: `recoveredFen` is what the worker recovered (wages, compensation), in fen. */
export type LegalCaseSettled = DomainEvent<'LegalCaseSettled', { caseId: string; settledOn: string; recoveredFen: number }>;
export type LegalCaseReferred = DomainEvent<'LegalCaseReferred', { caseId: string; referredOn: string; partner: LegalReferralPartner }>;
export type LegalCaseClosed = DomainEvent<'LegalCaseClosed', { caseId: string; closedOn: string; outcome: LegalCaseOutcome }>;

/**
 * The worker's details erased from the vault at their request (crypto-shredding: the key is
 * deleted in the append's transaction). Who and when are the envelope's actor and time; the reason
 * is event text, checked for mobiles and ID numbers. The case, its state and its counts stay.
 */
export type LegalWorkerErased = DomainEvent<'LegalWorkerErased', { caseId: string; reason: string }>;

/** Most characters of an erasure's reason. */
export const LEGAL_WORKER_ERASURE_REASON_MAX = 200;

export type LegalCaseEvent = LegalCaseReceived | LegalMediationStarted | LegalCaseSettled | LegalCaseReferred | LegalCaseClosed | LegalWorkerErased;
export type LegalCaseEventType = LegalCaseEvent['type'];

export const LEGAL_CASE_EVENT_SCHEMAS = {
  LegalCaseReceived: 1,
  LegalMediationStarted: 1,
  LegalCaseSettled: 1,
  LegalCaseReferred: 1,
  LegalCaseClosed: 1,
  LegalWorkerErased: 1,
} as const satisfies Record<LegalCaseEventType, number>;
