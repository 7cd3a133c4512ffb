import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { labelPairs, OCCUPATION_LABELS, PROGRAMME_KIND_LABELS, STANDARD_LABELS, STATION_CLASS_LABELS, STATIONED_PARTNER_LABELS } from '@ws/contracts';
import { Public } from '@ws/kernel';
import {
  CRITERION_LABELS,
  DIRECTIVE_KIND_LABELS,
  DIRECTIVE_STATUS_LABELS,
  FACILITY_LABELS,
  HONOUR_LEVEL_LABELS,
  HOST_LABELS,
  KIND_LABELS,
  SERVICE_LABELS,
  STATUS_LABELS,
  TIER_LABELS,
} from './labels';

/** The zh-CN names of the codes, for the pages (neither the console, the worker pages nor the dashboard keep a copy of them). */
@ApiTags('驿站目录 directory')
@Controller('labels')
export class LabelsController {
  @Get()
  @Public()
  @ApiOperation({ summary: '代码的中文名称：职业、设施、服务、驿站类型、层级、承建方、状态、指令类型与进度、建设标准、驿站分类、荣誉级别、星级评定指标、民生实事项目类型、进驻单位类型' })
  labels() {
    return {
      occupations: labelPairs(OCCUPATION_LABELS),
      facilities: labelPairs(FACILITY_LABELS),
      services: labelPairs(SERVICE_LABELS),
      kinds: labelPairs(KIND_LABELS),
      tiers: labelPairs(TIER_LABELS),
      hosts: labelPairs(HOST_LABELS),
      statuses: labelPairs(STATUS_LABELS),
      directiveKinds: labelPairs(DIRECTIVE_KIND_LABELS),
      directiveStatuses: labelPairs(DIRECTIVE_STATUS_LABELS),
      standards: labelPairs(STANDARD_LABELS),
      classes: labelPairs(STATION_CLASS_LABELS),
      honourLevels: labelPairs(HONOUR_LEVEL_LABELS),
      criteria: labelPairs(CRITERION_LABELS),
      programmeKinds: labelPairs(PROGRAMME_KIND_LABELS),
      partnerKinds: labelPairs(STATIONED_PARTNER_LABELS),
    };
  }
}
