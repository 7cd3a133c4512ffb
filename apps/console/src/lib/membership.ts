/** What the membership service's applications queue answers (snake_case: its read model's columns). */
export interface QueuedApplication {
  application_id: string;
  application_number: string;
  union_id: string;
  union_name: string | null;
  node_code: string;
  occupation: string;
  street_code: string | null;
  channel: string;
  station_id: string | null;
  employer: string | null;
  status: ApplicationStatus;
  submitted_at: string;
  updated_at: string;
  erased: boolean;
  age_hours: number;
}

export interface ApplicationDetail extends QueuedApplication {
  card_number?: string | null;
  person: { name: string; mobile: string | null; idNumber: string | null; disclosure: 'unmasked' | 'masked' | 'erased' | 'elsewhere' };
}

export type ApplicationStatus = 'submitted' | 'info_requested' | 'approved' | 'rejected';

export const APPLICATION_STATUS: Record<ApplicationStatus, { label: string; tag: 'primary' | 'warning' | 'success' | 'info' }> = {
  submitted: { label: '待审核', tag: 'primary' },
  info_requested: { label: '待补充材料', tag: 'warning' },
  approved: { label: '已批准', tag: 'success' },
  rejected: { label: '已驳回', tag: 'info' },
};

/** libs/contracts APPLICATION_CHANNELS. */
export const CHANNELS: Record<string, string> = { online: '线上', fair: '集中入会活动', station: '驿站', officer: '干部代办' };

/** libs/contracts REJECTION_REASON_LABELS. */
export const REJECTION_REASONS: Array<{ code: string; label: string }> = [
  { code: 'not_eligible', label: '不符合入会条件' },
  { code: 'wrong_union', label: '所选工会不对' },
  { code: 'incomplete', label: '材料不全' },
  { code: 'duplicate', label: '重复申请' },
  { code: 'other', label: '其他原因' },
];

/** The fields an officer may ask the applicant to correct (membership's INFO_FIELDS). */
export const INFO_FIELDS: Array<{ code: string; label: string }> = [
  { code: 'name', label: '姓名' },
  { code: 'occupation', label: '职业' },
  { code: 'employer', label: '工作单位' },
  { code: 'unionId', label: '所选工会' },
  { code: 'streetCode', label: '所在街道' },
];
