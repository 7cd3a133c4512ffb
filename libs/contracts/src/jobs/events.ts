import type { AvailabilitySlot } from '../dispatch/events';
import type { DomainEvent } from '../envelope';
import type { GeoPoint } from '../stations/location';

/**
 * Events of the jobs context (零工之家: employers post, workers near home find work). People are
 * ids here: a seeker's name, ID number, mobile and home point, an employer's contact and a
 * householder's address live sealed in the jobs service's vault (`profileRef`, `addressRef`).
 * Events carry ids, codes, categories, pay in fen and street codes, so they can travel to the
 * province. A posting's `location` is where it is found on the map: a company's site as given,
 * a householder's home rounded to about 100 m (the exact address is shown only to the seeker
 * they accepted).
 */
export const JOBS_CONTEXT = 'jobs';

export const JOBS_AGGREGATES = {
  employer: 'employer',
  posting: 'posting',
  seeker: 'seeker',
  application: 'application',
  fair: 'fair',
} as const;
export type JobsAggregate = (typeof JOBS_AGGREGATES)[keyof typeof JOBS_AGGREGATES];

/** 家政服务 / 居民搬家 / 装饰装修 / 上门维修 / 配送 / 保洁 / 护工 / 零活 */
export const JOB_CATEGORIES = ['housekeeping', 'moving', 'renovation', 'home_repair', 'delivery', 'cleaning', 'caregiving', 'odd_jobs'] as const;
export type JobCategory = (typeof JOB_CATEGORIES)[number];
export const JOB_CATEGORY_LABELS: Record<JobCategory, string> = {
  housekeeping: '家政服务',
  moving: '居民搬家',
  renovation: '装饰装修',
  home_repair: '上门维修',
  delivery: '配送',
  cleaning: '保洁',
  caregiving: '护工',
  odd_jobs: '零活',
};

/** 日结 / 周结 / 月结 / 项目制 */
export const PAY_MODES = ['daily', 'weekly', 'monthly', 'per_project'] as const;
export type PayMode = (typeof PAY_MODES)[number];
export const PAY_MODE_LABELS: Record<PayMode, string> = { daily: '日结', weekly: '周结', monthly: '月结', per_project: '项目制' };

/** What a pay range is counted per: an hour (钟点工), a day, a month, or the whole job. */
export const PAY_UNITS = ['hour', 'day', 'month', 'project'] as const;
export type PayUnit = (typeof PAY_UNITS)[number];
export const PAY_UNIT_LABELS: Record<PayUnit, string> = { hour: '元/小时', day: '元/天', month: '元/月', project: '元/项目' };

/** A company (用人单位, with its 统一社会信用代码) or a person (a householder hiring a 钟点工). */
export const EMPLOYER_KINDS = ['company', 'person'] as const;
export type EmployerKind = (typeof EMPLOYER_KINDS)[number];

/** 已注册 / 审核中 / 已通过 / 已暂停 */
export const EMPLOYER_STATUSES = ['registered', 'in_review', 'approved', 'suspended'] as const;
export type EmployerStatus = (typeof EMPLOYER_STATUSES)[number];
export const EMPLOYER_STATUS_LABELS: Record<EmployerStatus, string> = { registered: '已注册', in_review: '审核中', approved: '已通过', suspended: '已暂停' };

/** 草稿 / 审核中 / 招聘中 / 已招满 / 已过期 / 已撤回 / 已下架 */
export const POSTING_STATUSES = ['draft', 'in_review', 'open', 'filled', 'expired', 'withdrawn', 'taken_down'] as const;
export type PostingStatus = (typeof POSTING_STATUSES)[number];
export const POSTING_STATUS_LABELS: Record<PostingStatus, string> = {
  draft: '草稿',
  in_review: '审核中',
  open: '招聘中',
  filled: '已招满',
  expired: '已过期',
  withdrawn: '已撤回',
  taken_down: '已下架',
};

/** Why the union took a posting down (举报属实、虚假信息、收费招聘、违法内容、其他). */
export const TAKEDOWN_REASONS = ['reported_abuse', 'false_information', 'charges_fees', 'illegal', 'other'] as const;
export type TakedownReason = (typeof TAKEDOWN_REASONS)[number];
export const TAKEDOWN_REASON_LABELS: Record<TakedownReason, string> = {
  reported_abuse: '举报属实',
  false_information: '信息不实',
  charges_fees: '向求职者收费',
  illegal: '违法违规',
  other: '其他',
};

/** What a worker reports about a posting (虚假招聘、收取费用、拖欠工资、不安全、其他). */
export const ABUSE_KINDS = ['fake', 'fees', 'unpaid_wages', 'unsafe', 'other'] as const;
export type AbuseKind = (typeof ABUSE_KINDS)[number];
export const ABUSE_KIND_LABELS: Record<AbuseKind, string> = { fake: '虚假招聘', fees: '收取费用', unpaid_wages: '拖欠工资', unsafe: '不安全', other: '其他' };

/** 已申请 / 已邀请 / 已接受 / 已录用 / 已谢绝 */
export const JOB_APPLICATION_STATUSES = ['applied', 'invited', 'accepted', 'hired', 'declined'] as const;
export type JobApplicationStatus = (typeof JOB_APPLICATION_STATUSES)[number];
export const JOB_APPLICATION_STATUS_LABELS: Record<JobApplicationStatus, string> = {
  applied: '已申请',
  invited: '已邀请',
  accepted: '已接受',
  hired: '已录用',
  declined: '已谢绝',
};

export const JOB_APPLICATION_SIDES = ['seeker', 'employer'] as const;
export type JobApplicationSide = (typeof JOB_APPLICATION_SIDES)[number];

export type JobRating = 1 | 2 | 3 | 4 | 5;

/** Skills a seeker can claim (会做饭、照护老人、育儿、驾驶、电工、水暖、木工、油漆、搬运、保洁). */
export const JOB_SKILLS = ['cooking', 'elder_care', 'childcare', 'driving', 'electrician', 'plumbing', 'carpentry', 'painting', 'lifting', 'cleaning'] as const;
export type JobSkill = (typeof JOB_SKILLS)[number];
export const JOB_SKILL_LABELS: Record<JobSkill, string> = {
  cooking: '做饭',
  elder_care: '照护老人',
  childcare: '育儿',
  driving: '驾驶',
  electrician: '电工',
  plumbing: '水暖',
  carpentry: '木工',
  painting: '油漆',
  lifting: '搬运',
  cleaning: '保洁',
};

/** A seeker says how far they will travel from home; the 10-minute walk of 庞阿姨 is the first step. */
/** How far a matched posting is from the seeker's home, coarsely: within 1, 3, 5, 10, 20 or 50 km. */
export const DISTANCE_BANDS = ['1km', '3km', '5km', '10km', '20km', '50km'] as const;
export type DistanceBand = (typeof DISTANCE_BANDS)[number];
export const DISTANCE_BAND_LABELS: Record<DistanceBand, string> = { '1km': '1公里内', '3km': '3公里内', '5km': '5公里内', '10km': '10公里内', '20km': '20公里内', '50km': '50公里内' };

/** The band a distance falls in (a distance beyond the last band is in the last). */
export function distanceBand(km: number): DistanceBand {
  return DISTANCE_BANDS.find((band) => km <= Number.parseFloat(band)) ?? DISTANCE_BANDS[DISTANCE_BANDS.length - 1]!;
}

export const TRAVEL_RADIUS_KM = { min: 1, max: 50 } as const;

/** A posting's weekly hours (Asia/Shanghai) and, for a dated job, its first and last day. */
export interface WorkSchedule {
  slots: AvailabilitySlot[];
  /** ISO date (YYYY-MM-DD) or null for ongoing work. */
  startDate: string | null;
  endDate: string | null;
}

export interface PayRange {
  minFen: number;
  maxFen: number;
  unit: PayUnit;
}

// ---- employer (用人单位 / 个人雇主) ----
export type EmployerRegistered = DomainEvent<'EmployerRegistered', {
  employerId: string;
  kind: EmployerKind;
  /** 街道 code where the employer is based: whose officers review it, how it is counted. */
  streetCode: string;
  /** The vault row holding the name, credit code, contact mobile (verified by code) and address. */
  profileRef: string;
}>;
export type EmployerReviewRequested = DomainEvent<'EmployerReviewRequested', { employerId: string; streetCode: string }>;
export type EmployerApproved = DomainEvent<'EmployerApproved', { employerId: string; streetCode: string; officerId: string }>;
/** Sent back to the employer with a reason they can read; they may correct and ask again. */
export type EmployerReturned = DomainEvent<'EmployerReturned', { employerId: string; officerId: string; reason: string }>;
/** Its open postings stop showing; it posts nothing until reinstated. */
export type EmployerSuspended = DomainEvent<'EmployerSuspended', { employerId: string; streetCode: string; officerId: string; reason: string }>;
export type EmployerReinstated = DomainEvent<'EmployerReinstated', { employerId: string; streetCode: string; officerId: string }>;
/**
 * 注销联系人信息: the contact's mobile is gone (a company's name, credit code and work places are
 * sealed again under a new key without it; a householder's key is deleted with everything).
 */
export type EmployerContactErased = DomainEvent<'EmployerContactErased', { employerId: string; kind: EmployerKind }>;
export type EmployerEvent = EmployerRegistered | EmployerReviewRequested | EmployerApproved | EmployerReturned | EmployerSuspended | EmployerReinstated | EmployerContactErased;

// ---- posting (招工信息) ----
export interface PostingDetails {
  category: JobCategory;
  payMode: PayMode;
  pay: PayRange;
  headcount: number;
  title: string;
  /** What the work is, hours in words, what to bring. */
  description: string;
  requirements: string;
  skills: JobSkill[];
  schedule: WorkSchedule;
  streetCode: string;
  /** WGS-84; rounded to 3 decimals (≈100 m) for a person's home. */
  location: GeoPoint;
  /** The vault row with the address text; shown only to an accepted seeker when the employer is a person. */
  addressRef: string;
  /** ISO instant after which the posting expires. */
  validUntil: string;
}
export type PostingDrafted = DomainEvent<'PostingDrafted', PostingDetails & { postingId: string; employerId: string; employerKind: EmployerKind }>;
export type PostingRevised = DomainEvent<'PostingRevised', PostingDetails & { postingId: string }>;
export type PostingSubmitted = DomainEvent<'PostingSubmitted', { postingId: string; streetCode: string }>;
/** Approved by the union: open, searchable, matched to seekers. */
export type PostingOpened = DomainEvent<'PostingOpened', {
  postingId: string;
  employerId: string;
  officerId: string;
  category: JobCategory;
  payMode: PayMode;
  streetCode: string;
  headcount: number;
}>;
/** Back to draft with a reason the employer reads. */
export type PostingReturned = DomainEvent<'PostingReturned', { postingId: string; officerId: string; reason: string }>;
export type PostingHireRecorded = DomainEvent<'PostingHireRecorded', { postingId: string; applicationId: string; hired: number; headcount: number }>;
export type PostingFilled = DomainEvent<'PostingFilled', { postingId: string; category: JobCategory; streetCode: string; hired: number }>;
export type PostingExpired = DomainEvent<'PostingExpired', { postingId: string; category: JobCategory; streetCode: string }>;
export type PostingWithdrawn = DomainEvent<'PostingWithdrawn', { postingId: string; category: JobCategory; streetCode: string }>;
export type PostingTakenDown = DomainEvent<'PostingTakenDown', {
  postingId: string;
  category: JobCategory;
  streetCode: string;
  officerId: string;
  reason: TakedownReason;
  note: string | null;
}>;
/**
 * 精准推送 chose this seeker for this open posting: a fact with ids and a distance band only (the
 * seeker's home point stays in the jobs vault), for notify to tell the seeker on their channels.
 */
export type PostingMatched = DomainEvent<'PostingMatched', { postingId: string; seekerId: string; distanceBand: DistanceBand }>;
/** A worker's report; `reporterHash` is a hash of the seeker id, one report per person. */
export type PostingReported = DomainEvent<'PostingReported', { postingId: string; reporterHash: string; kind: AbuseKind; note: string | null; reports: number }>;
export type PostingEvent =
  | PostingDrafted
  | PostingRevised
  | PostingSubmitted
  | PostingOpened
  | PostingReturned
  | PostingHireRecorded
  | PostingFilled
  | PostingExpired
  | PostingWithdrawn
  | PostingTakenDown
  | PostingMatched
  | PostingReported;

// ---- seeker (求职者) ----
export interface SeekerPreferences {
  categories: JobCategory[];
  skills: JobSkill[];
  /** Where the seeker counts for the district: their home street. The home point itself is in the vault. */
  homeStreetCode: string;
  travelRadiusKm: number;
  availability: AvailabilitySlot[];
  payModes: PayMode[];
}
/** Real name verified (姓名 + 居民身份证号 with its check digit + mobile by code) before this is recorded. */
export type SeekerRegistered = DomainEvent<'SeekerRegistered', SeekerPreferences & { seekerId: string; profileRef: string }>;
export type SeekerPreferencesChanged = DomainEvent<'SeekerPreferencesChanged', SeekerPreferences & { seekerId: string }>;
/** 精准推送 on or off; the daily cap is per person. */
export type SeekerPushesChanged = DomainEvent<'SeekerPushesChanged', { seekerId: string; pushes: boolean; dailyCap: number }>;
/** 注销个人信息: the seeker's key was deleted with this (crypto-shredding); the id only, as every seeker event. */
export type SeekerErased = DomainEvent<'SeekerErased', { seekerId: string }>;
export type SeekerEvent = SeekerRegistered | SeekerPreferencesChanged | SeekerPushesChanged | SeekerErased;

export const PUSH_DAILY_CAP = { default: 3, max: 10 } as const;

// ---- application (求职申请) ----
export type JobApplicationSubmitted = DomainEvent<'JobApplicationSubmitted', {
  applicationId: string;
  postingId: string;
  seekerId: string;
  employerId: string;
  category: JobCategory;
  streetCode: string;
  note: string | null;
}>;
/** The employer invites: from now on the employer sees the applicant unmasked. */
export type JobApplicantInvited = DomainEvent<'JobApplicantInvited', { applicationId: string; postingId: string; message: string | null }>;
export type JobInvitationAccepted = DomainEvent<'JobInvitationAccepted', { applicationId: string; postingId: string }>;
/** 签约: both agreed; `agreedPayFen` per the posting's pay unit. */
export type JobApplicantHired = DomainEvent<'JobApplicantHired', {
  applicationId: string;
  postingId: string;
  seekerId: string;
  employerId: string;
  category: JobCategory;
  streetCode: string;
  agreedPayFen: number;
  startDate: string;
}>;
export type JobApplicationDeclined = DomainEvent<'JobApplicationDeclined', { applicationId: string; postingId: string; by: JobApplicationSide; reason: string | null }>;
export type JobWorkRated = DomainEvent<'JobWorkRated', { applicationId: string; postingId: string; by: JobApplicationSide; rating: JobRating; comment: string | null }>;
export type JobApplicationEvent = JobApplicationSubmitted | JobApplicantInvited | JobInvitationAccepted | JobApplicantHired | JobApplicationDeclined | JobWorkRated;

// ---- fair (招聘会 / 直播带岗) ----
/** At a station (现场招聘会) or online (直播带岗). */
export const FAIR_FORMATS = ['onsite', 'online'] as const;
export type FairFormat = (typeof FAIR_FORMATS)[number];
export const FAIR_FORMAT_LABELS: Record<FairFormat, string> = { onsite: '现场招聘会', online: '直播带岗' };

/** 已安排 / 已举办 / 已取消 */
export const FAIR_STATUSES = ['scheduled', 'held', 'cancelled'] as const;
export type FairStatus = (typeof FAIR_STATUSES)[number];
export const FAIR_STATUS_LABELS: Record<FairStatus, string> = { scheduled: '已安排', held: '已举办', cancelled: '已取消' };

/** Scheduled by the street's (or district's) officers; `streetCode` is whose fair it is and where it counts. */
export type FairScheduled = DomainEvent<'FairScheduled', {
  fairId: string;
  title: string;
  format: FairFormat;
  /** The station it is held at; null online. */
  stationId: string | null;
  streetCode: string;
  startsAt: string;
  endsAt: string;
  officerId: string;
}>;
export type FairEmployerAttached = DomainEvent<'FairEmployerAttached', { fairId: string; employerId: string }>;
/** An open posting shown at the fair. */
export type FairPostingAttached = DomainEvent<'FairPostingAttached', { fairId: string; postingId: string; employerId: string; category: JobCategory }>;
/**
 * People counted at the door or viewers online; a count, no one named. `total` is the fair's
 * attendance after it; `entryId` (the officer's client makes it) lets a retried entry count once.
 */
export type FairAttendanceCounted = DomainEvent<'FairAttendanceCounted', { fairId: string; entryId: string | null; streetCode: string; count: number; total: number }>;
/** 达成意向: how many workers agreed with the employer of one attached posting; a count, no one named. */
export type FairIntentionsRecorded = DomainEvent<'FairIntentionsRecorded', { fairId: string; entryId: string | null; postingId: string; category: JobCategory; streetCode: string; count: number; total: number }>;
export type FairHeld = DomainEvent<'FairHeld', { fairId: string; format: FairFormat; streetCode: string; attendance: number; intentions: number }>;
export type FairCancelled = DomainEvent<'FairCancelled', { fairId: string; streetCode: string; officerId: string; reason: string }>;
export type FairEvent = FairScheduled | FairEmployerAttached | FairPostingAttached | FairAttendanceCounted | FairIntentionsRecorded | FairHeld | FairCancelled;

export type JobsContextEvent = EmployerEvent | PostingEvent | SeekerEvent | JobApplicationEvent | FairEvent;
export type JobsContextEventType = JobsContextEvent['type'];

export const JOBS_EVENT_SCHEMAS = {
  EmployerRegistered: 1,
  EmployerReviewRequested: 1,
  EmployerApproved: 1,
  EmployerReturned: 1,
  EmployerSuspended: 1,
  EmployerReinstated: 1,
  EmployerContactErased: 1,
  PostingDrafted: 1,
  PostingRevised: 1,
  PostingSubmitted: 1,
  PostingOpened: 1,
  PostingReturned: 1,
  PostingHireRecorded: 1,
  PostingFilled: 1,
  PostingExpired: 1,
  PostingWithdrawn: 1,
  PostingTakenDown: 1,
  PostingMatched: 1,
  PostingReported: 1,
  SeekerRegistered: 1,
  SeekerPreferencesChanged: 1,
  SeekerPushesChanged: 1,
  SeekerErased: 1,
  JobApplicationSubmitted: 1,
  JobApplicantInvited: 1,
  JobInvitationAccepted: 1,
  JobApplicantHired: 1,
  JobApplicationDeclined: 1,
  JobWorkRated: 1,
  FairScheduled: 1,
  FairEmployerAttached: 1,
  FairPostingAttached: 1,
  FairAttendanceCounted: 1,
  FairIntentionsRecorded: 1,
  FairHeld: 1,
  FairCancelled: 1,
} as const satisfies Record<JobsContextEventType, number>;

const member =
  <T extends string>(values: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === 'string' && (values as readonly string[]).includes(value);
export const isJobCategory = member(JOB_CATEGORIES);
export const isPayMode = member(PAY_MODES);
export const isPayUnit = member(PAY_UNITS);
export const isJobSkill = member(JOB_SKILLS);
export const isTakedownReason = member(TAKEDOWN_REASONS);
export const isAbuseKind = member(ABUSE_KINDS);
export const isFairFormat = member(FAIR_FORMATS);
