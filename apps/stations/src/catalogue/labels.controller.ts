import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { labelPairs, OCCUPATION_LABELS } from '@ws/contracts';
import { Public } from '@ws/kernel';
import { DIRECTIVE_KIND_LABELS, FACILITY_LABELS, HOST_LABELS, KIND_LABELS, SERVICE_LABELS, TIER_LABELS } from './labels';

/** The zh-CN names of the codes, for the pages (neither the console nor the worker pages keep a copy of them). */
@ApiTags('驿站目录 directory')
@Controller('labels')
export class LabelsController {
  @Get()
  @Public()
  @ApiOperation({ summary: '代码的中文名称：职业、设施、服务、驿站类型、层级、承建方、指令类型' })
  labels() {
    return {
      occupations: labelPairs(OCCUPATION_LABELS),
      facilities: labelPairs(FACILITY_LABELS),
      services: labelPairs(SERVICE_LABELS),
      kinds: labelPairs(KIND_LABELS),
      tiers: labelPairs(TIER_LABELS),
      hosts: labelPairs(HOST_LABELS),
      directiveKinds: labelPairs(DIRECTIVE_KIND_LABELS),
    };
  }
}
