import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CHANNEL_LABELS, DELIVERY_STATUS_LABELS, labelPairs } from '@ws/contracts';
import { Public } from '@ws/kernel';
import { RECIPIENT_KIND_LABELS } from './labels';

/** The zh-CN names of notify's codes, for the pages (which keep no copy of them); they change only with a release. */
@ApiTags('消息触达 labels')
@Controller('labels')
export class NotifyLabelsController {
  @Get()
  @Public()
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOperation({ summary: '代码的中文名称：渠道、投递状态、接收人类型' })
  labels() {
    return {
      channels: labelPairs(CHANNEL_LABELS),
      deliveryStatuses: labelPairs(DELIVERY_STATUS_LABELS),
      recipientKinds: labelPairs(RECIPIENT_KIND_LABELS),
    };
  }
}
