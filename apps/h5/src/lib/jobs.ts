import { EMPLOYER_STATUS_LABELS, FAIR_FORMAT_LABELS, JOB_APPLICATION_STATUS_LABELS, JOB_CATEGORIES, JOB_CATEGORY_LABELS, PAY_MODE_LABELS, PAY_MODES, PAY_UNIT_LABELS, PAY_UNITS, POSTING_STATUS_LABELS } from '../../../../libs/contracts/src/jobs/events';
import type { EmployerStatus, FairFormat, JobApplicationStatus, JobCategory, PayMode, PayUnit, PostingStatus } from '../../../../libs/contracts/src/jobs/events';

/**
 * 零工之家 for a seeker: the shapes the jobs service answers with and how they read; the labels
 * are the contracts' own (imported by path, types and constants only), never a copy here.
 */
export { asSeeker, forgetSeekerSession, keepSeekerSession, seekerSession } from './jobs-session';

export { JOB_CATEGORIES, PAY_MODES, PAY_UNITS, PAY_UNIT_LABELS };
export { asEmployer, employerSession, forgetEmployerSession, keepEmployerSession } from './employer-session';
export type { JobApplicationStatus, JobCategory, PayMode, PayUnit };

export interface Pay {
  minFen: number;
  maxFen: number;
  unit: PayUnit;
}

export interface NavLinks {
  gcj02: { lng: number; lat: number };
  links: Array<{ app: string; label: string; href: string }>;
}

/** A posting in a search result (附近的工作). */
export interface NearPosting {
  postingId: string;
  title: string;
  category: JobCategory;
  payMode: PayMode;
  pay: Pay;
  headcount: number;
  hired: number;
  employerKind: 'company' | 'person';
  distanceKm: number;
  validUntil: string;
  navigation: NavLinks;
}

export const categoryLabel = (code: string) => JOB_CATEGORY_LABELS[code as JobCategory] ?? code;
export const payModeLabel = (code: string) => PAY_MODE_LABELS[code as PayMode] ?? code;
export const fairFormatLabel = (code: string) => FAIR_FORMAT_LABELS[code as FairFormat] ?? code;
export const employerStatusLabel = (code: string) => EMPLOYER_STATUS_LABELS[code as EmployerStatus] ?? code;
export const postingStatusLabel = (code: string) => POSTING_STATUS_LABELS[code as PostingStatus] ?? code;
export const applicationStatusLabel = (code: string) => JOB_APPLICATION_STATUS_LABELS[code as JobApplicationStatus] ?? code;

const yuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

/** 25–35 元/小时 (pay is kept in fen). */
export function payText(pay: Pay): string {
  const range = pay.minFen === pay.maxFen ? yuan(pay.minFen) : `${yuan(pay.minFen)}–${yuan(pay.maxFen)}`;
  return `${range} ${PAY_UNIT_LABELS[pay.unit] ?? ''}`.trim();
}

export function distanceText(km: number): string {
  return km < 1 ? `${Math.round(km * 1000)} 米` : `${km.toFixed(1)} 公里`;
}

/** ★★★★☆ 4 星 (a rating after the work, 1–5). */
export function starsText(rating: number): string {
  const whole = Math.max(0, Math.min(5, Math.round(rating)));
  return `${'★'.repeat(whole)}${'☆'.repeat(5 - whole)}`;
}

/** What hired seekers said of an employer: how many rated and the average, nobody named. */
export interface EmployerRating {
  count: number;
  average: number | null;
}
