import {
  ABUSE_KIND_LABELS,
  EMPLOYER_STATUS_LABELS,
  FAIR_FORMAT_LABELS,
  FAIR_STATUS_LABELS,
  JOB_APPLICATION_STATUS_LABELS,
  JOB_CATEGORY_LABELS,
  JOB_SKILL_LABELS,
  PAY_MODE_LABELS,
  PAY_UNIT_LABELS,
  POSTING_STATUS_LABELS,
  TAKEDOWN_REASON_LABELS,
} from '@ws/contracts';
import { labelsController } from '@ws/platform';

/** GET /labels: the zh-CN names of the jobs codes, for the pages. */
export const LabelsController = labelsController(
  '零工之家 labels',
  '代码的中文名称：工种、结算方式、薪资单位、申请状态、技能、用工方状态、岗位状态、下架原因、举报类型、招聘会形式与状态',
  {
    categories: JOB_CATEGORY_LABELS,
    payModes: PAY_MODE_LABELS,
    payUnits: PAY_UNIT_LABELS,
    applicationStatuses: JOB_APPLICATION_STATUS_LABELS,
    skills: JOB_SKILL_LABELS,
    employerStatuses: EMPLOYER_STATUS_LABELS,
    postingStatuses: POSTING_STATUS_LABELS,
    takedownReasons: TAKEDOWN_REASON_LABELS,
    abuseKinds: ABUSE_KIND_LABELS,
    fairFormats: FAIR_FORMAT_LABELS,
    fairStatuses: FAIR_STATUS_LABELS,
  },
);
