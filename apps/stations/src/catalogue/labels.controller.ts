import { ACTIVITY_KIND_LABELS, OCCUPATION_LABELS, PROGRAMME_KIND_LABELS, STANDARD_LABELS, STATION_CLASS_LABELS, STATIONED_PARTNER_LABELS } from '@ws/contracts';
import { labelsController } from '@ws/platform';
import {
  ACTIVITY_STATUS_LABELS,
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

/** GET /labels: the zh-CN names of the stations codes (neither the console, the worker pages nor the dashboard keep a copy of them). */
export const LabelsController = labelsController(
  '驿站目录 directory',
  '代码的中文名称：职业、设施、服务、驿站类型、层级、承建方、状态、指令类型与进度、建设标准、驿站分类、荣誉级别、星级评定指标、民生实事项目类型、进驻单位类型、活动类型与状态',
  {
    occupations: OCCUPATION_LABELS,
    facilities: FACILITY_LABELS,
    services: SERVICE_LABELS,
    kinds: KIND_LABELS,
    tiers: TIER_LABELS,
    hosts: HOST_LABELS,
    statuses: STATUS_LABELS,
    directiveKinds: DIRECTIVE_KIND_LABELS,
    directiveStatuses: DIRECTIVE_STATUS_LABELS,
    standards: STANDARD_LABELS,
    classes: STATION_CLASS_LABELS,
    honourLevels: HONOUR_LEVEL_LABELS,
    criteria: CRITERION_LABELS,
    programmeKinds: PROGRAMME_KIND_LABELS,
    partnerKinds: STATIONED_PARTNER_LABELS,
    activityKinds: ACTIVITY_KIND_LABELS,
    activityStatuses: ACTIVITY_STATUS_LABELS,
  },
);
