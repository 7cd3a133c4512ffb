import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { labelPairs, REJECTION_REASON_LABELS } from '@ws/contracts';
import { Public } from '@ws/kernel';
import {
  APPLICATION_CHANNEL_LABELS,
  APPLICATION_STATUS_LABELS_FOR_OFFICERS,
  ERASURE_STATUS_LABELS,
  HANDED_OVER_LABELS,
  INFO_FIELD_LABELS,
  MEMBER_STATUS_LABELS,
  UNION_KIND_LABELS,
} from './labels';

/** The zh-CN names of membership's codes, for the pages (which keep no copy of them); they change only with a release. */
@ApiTags('入会 labels')
@Controller('labels')
export class MembershipLabelsController {
  @Get()
  @Public()
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOperation({ summary: '代码的中文名称：工会类型、申请状态、入会渠道、驳回原因、补充材料项、会籍状态、注销申请状态、积分兑换经办方' })
  labels() {
    return {
      unionKinds: labelPairs(UNION_KIND_LABELS),
      applicationStatuses: labelPairs(APPLICATION_STATUS_LABELS_FOR_OFFICERS),
      channels: labelPairs(APPLICATION_CHANNEL_LABELS),
      rejectionReasons: labelPairs(REJECTION_REASON_LABELS),
      infoFields: labelPairs(INFO_FIELD_LABELS),
      memberStatuses: labelPairs(MEMBER_STATUS_LABELS),
      erasureStatuses: labelPairs(ERASURE_STATUS_LABELS),
      handedOverBy: labelPairs(HANDED_OVER_LABELS),
    };
  }
}
