import type { JobApplicationStatus, JobCategory, PayMode, PayUnit } from '../../../../libs/contracts/src/jobs/events';
import { labelOf } from './labels';

/**
 * 零工之家 for a seeker: the shapes the jobs service answers with and how they read; the codes'
 * names come from the jobs service's GET /labels (lib/labels), never a copy here.
 */
export { asSeeker, forgetSeekerSession, keepSeekerSession, seekerSession } from './jobs-session';
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

export const categoryLabel = (code: string) => labelOf('jobs', 'categories', code);
export const payModeLabel = (code: string) => labelOf('jobs', 'payModes', code);
export const payUnitLabel = (code: string) => labelOf('jobs', 'payUnits', code);
export const fairFormatLabel = (code: string) => labelOf('jobs', 'fairFormats', code);
export const employerStatusLabel = (code: string) => labelOf('jobs', 'employerStatuses', code);
export const postingStatusLabel = (code: string) => labelOf('jobs', 'postingStatuses', code);
export const applicationStatusLabel = (code: string) => labelOf('jobs', 'applicationStatuses', code);

const yuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

/** 25–35 元/小时 (pay is kept in fen). */
export function payText(pay: Pay): string {
  const range = pay.minFen === pay.maxFen ? yuan(pay.minFen) : `${yuan(pay.minFen)}–${yuan(pay.maxFen)}`;
  return `${range} ${payUnitLabel(pay.unit)}`;
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
