import { isJobCategory, isJobSkill, isPayMode, isPayUnit, PostingDetails, EmployerKind } from '@ws/contracts';
import { checkEventText, DomainError } from '@ws/kernel';
import { checkLocation, checkMembers, checkSlots, checkStreetCode, ISO_DATE, isInstant, roundToBlock } from '../shared/checks';
import { jobsError } from '../errors';

export const POSTING_TITLE_MAX = 40;
export const POSTING_DESCRIPTION_MAX = 1000;
export const POSTING_REQUIREMENTS_MAX = 500;
export const HEADCOUNT_MAX = 999;
/** 100 000 元 per unit: above it the figure is a typo in fen or 元. */
export const PAY_MAX_FEN = 10_000_000;
/** A posting runs at most half a year before it must be posted again. */
export const POSTING_MAX_DAYS = 180;

const DAY_MS = 86_400_000;

/**
 * The checks every posting's details pass, when drafted and when revised. Returns the details as
 * they go into the event: texts trimmed, a householder's location rounded to the block.
 */
export function checkPostingDetails(details: PostingDetails, employerKind: EmployerKind, now: Date): PostingDetails | DomainError {
  if (!isJobCategory(details.category)) return jobsError('validation_failed', '请选择工种', 'category');
  if (!isPayMode(details.payMode)) return jobsError('validation_failed', '请选择结算方式（日结、周结、月结、项目制）', 'payMode');
  const pay = details.pay;
  if (!isPayUnit(pay.unit)) return jobsError('validation_failed', '请选择计薪单位', 'pay.unit');
  for (const [field, fen] of [['pay.minFen', pay.minFen], ['pay.maxFen', pay.maxFen]] as const) {
    if (!Number.isInteger(fen) || fen < 0 || fen > PAY_MAX_FEN) return jobsError('validation_failed', '工资应为 0–100000 元（以分计的整数）', field);
  }
  if (pay.minFen > pay.maxFen) return jobsError('pay_range_inverted', '最低工资不能高于最高工资', 'pay.maxFen');
  if (!Number.isInteger(details.headcount) || details.headcount < 1 || details.headcount > HEADCOUNT_MAX) {
    return jobsError('validation_failed', `招聘人数应为 1–${HEADCOUNT_MAX}`, 'headcount');
  }
  const title = checkEventText(details.title, 'title', { max: POSTING_TITLE_MAX, label: '标题' });
  if (title instanceof DomainError) return title;
  const description = checkEventText(details.description, 'description', { max: POSTING_DESCRIPTION_MAX, label: '工作内容', multiline: true });
  if (description instanceof DomainError) return description;
  const requirements = checkEventText(details.requirements, 'requirements', { max: POSTING_REQUIREMENTS_MAX, label: '要求', multiline: true, allowEmpty: true });
  if (requirements instanceof DomainError) return requirements;
  const refusal =
    checkMembers(details.skills, isJobSkill, 'skills', '技能') ??
    checkSlots(details.schedule.slots, 'schedule.slots') ??
    checkDates(details.schedule.startDate, details.schedule.endDate) ??
    checkStreetCode(details.streetCode, 'streetCode') ??
    checkLocation(details.location, 'location') ??
    checkValidUntil(details.validUntil, now);
  if (refusal) return refusal;
  const location = employerKind === 'person' ? roundToBlock(details.location) : details.location;
  return { ...details, title, description, requirements, location };
}

export function checkValidUntil(validUntil: string, now: Date): DomainError | null {
  if (!isInstant(validUntil)) return jobsError('validation_failed', '有效期应为 ISO 时间', 'validUntil');
  const until = Date.parse(validUntil);
  if (until <= now.getTime()) return jobsError('posting_in_past', '有效期已过，请选择今后的日期', 'validUntil');
  if (until > now.getTime() + POSTING_MAX_DAYS * DAY_MS) return jobsError('validation_failed', `有效期最长 ${POSTING_MAX_DAYS} 天`, 'validUntil');
  return null;
}

function checkDates(start: string | null, end: string | null): DomainError | null {
  for (const [field, date] of [['schedule.startDate', start], ['schedule.endDate', end]] as const) {
    if (date !== null && (!ISO_DATE.test(date) || Number.isNaN(Date.parse(date)))) return jobsError('validation_failed', '日期格式应为 YYYY-MM-DD', field);
  }
  if (start !== null && end !== null && end < start) return jobsError('validation_failed', '结束日期不能早于开始日期', 'schedule.endDate');
  return null;
}
