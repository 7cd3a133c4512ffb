import type { EmployerStatus, FairFormat, FairStatus, PayUnit, PostingStatus } from '../../../../libs/contracts/src/jobs/events';
import { labelOf } from './labels';

/**
 * 零工之家 for officers: the shapes the jobs service answers with (camelCase) and how they read;
 * the codes' names come from the jobs service's GET /labels (lib/labels), never a copy here.
 */
export type { FairFormat };

export interface JobsEmployer {
  employerId: string;
  kind: 'company' | 'person';
  streetCode: string;
  status: EmployerStatus;
  registeredAt: string;
}

/** An employer opened for review: its name and credit code from the service's vault, the mobile masked. */
export interface JobsEmployerDetail extends JobsEmployer {
  name: string | null;
  creditCode: string | null;
  mobile: string | null;
  postings: Record<string, number>;
}

export interface JobsPosting {
  postingId: string;
  employerId: string;
  employerKind: 'company' | 'person';
  streetCode: string;
  category: string;
  payMode: string;
  pay: { minFen: number; maxFen: number; unit: PayUnit };
  headcount: number;
  hired: number;
  title: string;
  description: string;
  requirements: string;
  skills: string[];
  schedule: { slots: Array<{ day: number; from: string; to: string }>; startDate: string | null; endDate: string | null };
  validUntil: string;
  status: PostingStatus;
  statusReason: string | null;
  reports: number;
}

export interface JobsReport {
  seq: number;
  kind: string;
  note: string | null;
  reportedAt: string;
}

export interface JobsFair {
  fairId: string;
  title: string;
  format: FairFormat;
  stationId: string | null;
  streetCode: string;
  startsAt: string;
  endsAt: string;
  status: FairStatus;
  statusReason: string | null;
  counts: { employers: number; postings: number; attendance: number; intentions: number };
}

export interface JobsFairDetail extends JobsFair {
  postings: Array<{ postingId: string; employerId: string; category: string; intentions: number }>;
}

type Tag = 'primary' | 'success' | 'warning' | 'danger' | 'info';

const EMPLOYER_TAGS: Record<EmployerStatus, Tag> = { registered: 'info', in_review: 'primary', approved: 'success', suspended: 'danger' };
const POSTING_TAGS: Record<PostingStatus, Tag> = { draft: 'info', in_review: 'primary', open: 'success', filled: 'success', expired: 'info', withdrawn: 'info', taken_down: 'danger' };
const FAIR_TAGS: Record<FairStatus, Tag> = { scheduled: 'primary', held: 'success', cancelled: 'info' };

export const employerStatus = (code: string) => ({ label: labelOf('jobs', 'employerStatuses', code), tag: EMPLOYER_TAGS[code as EmployerStatus] ?? 'info' });
export const postingStatus = (code: string) => ({ label: labelOf('jobs', 'postingStatuses', code), tag: POSTING_TAGS[code as PostingStatus] ?? 'info' });
export const fairStatus = (code: string) => ({ label: labelOf('jobs', 'fairStatuses', code), tag: FAIR_TAGS[code as FairStatus] ?? 'info' });
export const categoryLabel = (code: string) => labelOf('jobs', 'categories', code);
export const payModeLabel = (code: string) => labelOf('jobs', 'payModes', code);
export const abuseKindLabel = (code: string) => labelOf('jobs', 'abuseKinds', code);
export const fairFormatLabel = (code: string) => labelOf('jobs', 'fairFormats', code);
export const employerKindLabel = (kind: string) => (kind === 'company' ? '单位' : '个人');

const yuan = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));
/** 25–35 元/小时 */
export const payText = (pay: JobsPosting['pay']) => `${pay.minFen === pay.maxFen ? yuan(pay.minFen) : `${yuan(pay.minFen)}–${yuan(pay.maxFen)}`} ${labelOf('jobs', 'payUnits', pay.unit)}`;

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
export const slotsText = (slots: JobsPosting['schedule']['slots']) => (slots.length === 0 ? '不限' : slots.map((s) => `${WEEKDAYS[s.day]} ${s.from}–${s.to}`).join('，'));
