import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ABUSE_KIND_LABELS,
  EMPLOYER_STATUS_LABELS,
  FAIR_FORMAT_LABELS,
  FAIR_STATUS_LABELS,
  JOB_APPLICATION_STATUS_LABELS,
  JOB_CATEGORY_LABELS,
  JOB_SKILL_LABELS,
  labelPairs,
  PAY_MODE_LABELS,
  PAY_UNIT_LABELS,
  POSTING_STATUS_LABELS,
  TAKEDOWN_REASON_LABELS,
} from '@ws/contracts';
import { Public } from '@ws/kernel';

/** The zh-CN names of the jobs codes, for the pages (which keep no copy of them); they change only with a release. */
@ApiTags('零工之家 labels')
@Controller('labels')
export class LabelsController {
  @Get()
  @Public()
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOperation({ summary: '代码的中文名称：工种、结算方式、薪资单位、申请状态、技能、用工方状态、岗位状态、下架原因、举报类型、招聘会形式与状态' })
  labels() {
    return {
      categories: labelPairs(JOB_CATEGORY_LABELS),
      payModes: labelPairs(PAY_MODE_LABELS),
      payUnits: labelPairs(PAY_UNIT_LABELS),
      applicationStatuses: labelPairs(JOB_APPLICATION_STATUS_LABELS),
      skills: labelPairs(JOB_SKILL_LABELS),
      employerStatuses: labelPairs(EMPLOYER_STATUS_LABELS),
      postingStatuses: labelPairs(POSTING_STATUS_LABELS),
      takedownReasons: labelPairs(TAKEDOWN_REASON_LABELS),
      abuseKinds: labelPairs(ABUSE_KIND_LABELS),
      fairFormats: labelPairs(FAIR_FORMAT_LABELS),
      fairStatuses: labelPairs(FAIR_STATUS_LABELS),
    };
  }
}
