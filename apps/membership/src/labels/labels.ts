import type { APPLICATION_STATUS_LABELS, ApplicationChannel, UnionKind } from '@ws/contracts';
import type { INFO_FIELDS } from '../application/review/review-application.dto';
import type { MembershipRegistryStatus, ShopRedemptionsTable } from '../db/database';
import type { ERASURE_STATUSES } from '../personal-data/erasure/erasure-requests.controller';

/** zh-CN labels of membership's codes as the officers' pages show them. Records, so a new code without a label fails to compile. */
export const UNION_KIND_LABELS: Record<UnionKind, string> = {
  federation: '总工会',
  street: '街道（乡镇）工会',
  enterprise: '企业工会',
  industry: '行业工会',
  joint: '新就业形态联合工会',
};

/** An application's status in the officers' queue (the applicant reads the contracts' APPLICATION_STATUS_LABELS instead). */
export const APPLICATION_STATUS_LABELS_FOR_OFFICERS: Record<keyof typeof APPLICATION_STATUS_LABELS, string> = {
  submitted: '待审核',
  info_requested: '待补充材料',
  approved: '已批准',
  rejected: '已驳回',
};

export const APPLICATION_CHANNEL_LABELS: Record<ApplicationChannel, string> = {
  online: '线上',
  fair: '集中入会活动',
  station: '驿站',
  officer: '干部代办',
};

/** The fields an officer may ask the applicant to correct. */
export const INFO_FIELD_LABELS: Record<(typeof INFO_FIELDS)[number], string> = {
  name: '姓名',
  occupation: '职业',
  employer: '工作单位',
  unionId: '所选工会',
  streetCode: '所在街道',
};

export const MEMBER_STATUS_LABELS: Record<MembershipRegistryStatus, string> = {
  active: '在籍',
  suspended: '暂停',
  left: '已退会',
  transferred_out: '已转出',
};

export const ERASURE_STATUS_LABELS: Record<(typeof ERASURE_STATUSES)[number], string> = {
  requested: '待处理',
  refused: '不予注销',
  erased: '已注销',
};

/** Who handed a redemption over. */
export const HANDED_OVER_LABELS: Record<ShopRedemptionsTable['actor_kind'], string> = {
  officer: '工会柜台',
  station: '驿站',
  member: '会员自助',
  system: '系统',
};
