import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { OCCUPATION_LABELS } from '@ws/contracts';
import { Public } from '@ws/kernel';
import { FACILITY_LABELS, KIND_LABELS, SERVICE_LABELS, TIER_LABELS } from './labels';

const pairs = (labels: Record<string, string>) => Object.entries(labels).map(([code, label]) => ({ code, label }));

/** The zh-CN names of the codes, for the pages (the worker pages keep no copy of them). */
@ApiTags('驿站目录 directory')
@Controller('labels')
export class LabelsController {
  @Get()
  @Public()
  @ApiOperation({ summary: '代码的中文名称：职业、设施、服务、驿站类型、层级' })
  labels() {
    return {
      occupations: pairs(OCCUPATION_LABELS),
      facilities: pairs(FACILITY_LABELS),
      services: pairs(SERVICE_LABELS),
      kinds: pairs(KIND_LABELS),
      tiers: pairs(TIER_LABELS),
    };
  }
}
