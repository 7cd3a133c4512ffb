import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { WISH_STATUS_LABELS } from '@ws/contracts';
import { Public } from '@ws/kernel';
import { CATEGORY_LABELS } from './labels';

const pairs = (labels: Record<string, string>) => Object.entries(labels).map(([code, label]) => ({ code, label }));

/** The zh-CN names of the wish codes, for the pages (the worker pages keep no copy of them). */
@ApiTags('心愿墙 wishes')
@Controller('labels')
export class WishLabelsController {
  @Get()
  @Public()
  @ApiOperation({ summary: '代码的中文名称：心愿类别、状态' })
  labels() {
    return { categories: pairs(CATEGORY_LABELS), statuses: pairs(WISH_STATUS_LABELS) };
  }
}
