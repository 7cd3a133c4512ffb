import { REJECTION_REASON_LABELS } from '@ws/contracts';
import { labelsController } from '@ws/platform';
import {
  APPLICATION_CHANNEL_LABELS,
  APPLICATION_STATUS_LABELS_FOR_OFFICERS,
  ERASURE_STATUS_LABELS,
  HANDED_OVER_LABELS,
  INFO_FIELD_LABELS,
  MEMBER_STATUS_LABELS,
  UNION_KIND_LABELS,
} from './labels';

/** GET /labels: the zh-CN names of membership's codes, for the pages. */
export const MembershipLabelsController = labelsController(
  '入会 labels',
  '代码的中文名称：工会类型、申请状态、入会渠道、驳回原因、补充材料项、会籍状态、注销申请状态、积分兑换经办方',
  {
    unionKinds: UNION_KIND_LABELS,
    applicationStatuses: APPLICATION_STATUS_LABELS_FOR_OFFICERS,
    channels: APPLICATION_CHANNEL_LABELS,
    rejectionReasons: REJECTION_REASON_LABELS,
    infoFields: INFO_FIELD_LABELS,
    memberStatuses: MEMBER_STATUS_LABELS,
    erasureStatuses: ERASURE_STATUS_LABELS,
    handedOverBy: HANDED_OVER_LABELS,
  },
);
