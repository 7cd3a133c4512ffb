import { isVisitOccupation, parseIsoInstant, type RecordedVisit, VISIT_OCCUPATIONS } from '@ws/contracts';
import type { DomainError } from '@ws/kernel';
import { stationsError } from '../errors';

/**
 * Checks and normalises check-ins (打卡) before they are recorded. Each visit gets its own
 * verdict, so one bad item in a kiosk's offline upload loses nothing else. Duplicate keys are not
 * judged here: the recording transaction counts each key once, across batches too.
 */
export const MAX_VISITS_PER_BATCH = 1000;
/** A visit up to 5 minutes "in the future" is a phone or kiosk clock running fast, not a forgery. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Kiosks upload offline check-ins late; after 30 days the idempotency keys are pruned, so older visits could double. */
export const MAX_VISIT_AGE_MS = 30 * 24 * 60 * 60_000;
export const VISIT_KEY = /^[A-Za-z0-9_-]{8,64}$/;
/** After trimming and upper-casing what was typed. */
export const MEMBER_CARD = /^[A-Z0-9]{6,20}$/;

const VISIT_FIELDS = new Set(['key', 'at', 'occupation', 'memberCard']);

export type VisitRejectionReason =
  | 'invalid_visit'
  | 'unknown_visit_field'
  | 'invalid_visit_key'
  | 'invalid_visit_time'
  | 'visit_in_future'
  | 'visit_too_old'
  | 'unknown_occupation'
  | 'invalid_member_card';

export interface AcceptedVisit {
  index: number;
  status: 'accepted';
  visit: RecordedVisit;
}

export interface RejectedVisit {
  index: number;
  status: 'rejected';
  /** The item's key when it had a valid one, so the client can match the answer. */
  key: string | null;
  reason: VisitRejectionReason;
  field: string | null;
  message: string;
}

export type VisitVerdict = AcceptedVisit | RejectedVisit;

export interface VisitOptions {
  /** Position in the batch, echoed in the verdict. */
  index?: number;
  /** A live check-in may omit `at` (it happens now); an offline upload must say when. */
  atRequired?: boolean;
}

export function checkVisit(raw: unknown, now: Date, options: VisitOptions = {}): VisitVerdict {
  const index = options.index ?? 0;
  const reject = (reason: VisitRejectionReason, field: string | null, message: string, key: string | null = null): RejectedVisit => ({
    index,
    status: 'rejected',
    key,
    reason,
    field,
    message,
  });
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return reject('invalid_visit', null, '每条打卡应为对象');
  const item = raw as Record<string, unknown>;
  const unknown = Object.keys(item).filter((field) => !VISIT_FIELDS.has(field));
  const key = typeof item['key'] === 'string' && VISIT_KEY.test(item['key']) ? item['key'] : null;
  if (unknown.length > 0) return reject('unknown_visit_field', unknown[0]!, `不支持的字段：${unknown.join(', ')}`, key);
  if (key === null) return reject('invalid_visit_key', 'key', '幂等键应为 8–64 位字母、数字、_ 或 -');

  let at: Date;
  if (item['at'] === undefined && options.atRequired === false) {
    at = now;
  } else {
    const parsed = parseIsoInstant(item['at']);
    if (!parsed) return reject('invalid_visit_time', 'at', '打卡时间应为带时区的 ISO 8601 时间', key);
    at = parsed;
  }
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) return reject('visit_in_future', 'at', '打卡时间晚于当前时间', key);
  if (at.getTime() < now.getTime() - MAX_VISIT_AGE_MS) return reject('visit_too_old', 'at', '打卡时间早于30天前，不再受理', key);

  const occupation = item['occupation'];
  if (!isVisitOccupation(occupation)) return reject('unknown_occupation', 'occupation', `职业应为 ${VISIT_OCCUPATIONS.join('、')} 之一`, key);

  const visit: RecordedVisit = { key, at: at.toISOString(), occupation };
  const card = item['memberCard'];
  if (card !== undefined && card !== null && card !== '') {
    const normalised = typeof card === 'string' ? card.trim().toUpperCase() : '';
    if (!MEMBER_CARD.test(normalised)) return reject('invalid_member_card', 'memberCard', '会员卡号应为 6–20 位字母或数字', key);
    visit.memberCard = normalised;
  }
  return { index, status: 'accepted', visit };
}

/** One live check-in: the visit to record, or the refusal (its reason is the error code). */
export function checkSingleVisit(raw: unknown, now: Date): RecordedVisit | DomainError {
  const verdict = checkVisit(raw, now, { atRequired: false });
  return verdict.status === 'accepted' ? verdict.visit : rejectionError(verdict);
}

export interface BatchVerdicts {
  /** One verdict per submitted item, in the order submitted. */
  verdicts: VisitVerdict[];
  accepted: RecordedVisit[];
  rejected: RejectedVisit[];
}

/** A batch (a kiosk's offline upload): 1–1000 items, each judged alone; every item needs its `at`. */
export function checkVisitBatch(items: unknown, now: Date): BatchVerdicts | DomainError {
  if (!Array.isArray(items) || items.length === 0) return stationsError('checkin_batch_empty', '至少提交一条打卡记录', 'visits');
  if (items.length > MAX_VISITS_PER_BATCH) {
    return stationsError('checkin_batch_too_large', `一次最多提交 ${MAX_VISITS_PER_BATCH} 条打卡记录`, 'visits', { max: MAX_VISITS_PER_BATCH });
  }
  const verdicts = items.map((item, index) => checkVisit(item, now, { index, atRequired: true }));
  const accepted: RecordedVisit[] = [];
  const rejected: RejectedVisit[] = [];
  for (const verdict of verdicts) {
    if (verdict.status === 'accepted') accepted.push(verdict.visit);
    else rejected.push(verdict);
  }
  return { verdicts, accepted, rejected };
}

export function rejectionError(verdict: RejectedVisit): DomainError {
  return stationsError(verdict.reason, verdict.message, verdict.field ?? undefined);
}
