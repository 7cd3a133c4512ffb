import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { labelPairs, WISH_STATUS_LABELS } from '@ws/contracts';
import { Public } from '@ws/kernel';
import { CATEGORY_LABELS, REPORT_STATUS_LABELS } from './labels';

/** The zh-CN names of the wish codes, for the pages (neither the worker pages nor the console keep a copy of them). */
@ApiTags('心愿墙 wishes')
@Controller('labels')
export class WishLabelsController {
  @Get()
  @Public()
  @ApiOperation({ summary: '代码的中文名称：心愿类别、状态、随手拍状态' })
  labels() {
    return { categories: labelPairs(CATEGORY_LABELS), statuses: labelPairs(WISH_STATUS_LABELS), reportStatuses: labelPairs(REPORT_STATUS_LABELS) };
  }
}
