import type {
  DirectiveKind,
  FacilityCode,
  HonourLevel,
  ReviewCriterion,
  ServiceCode,
  StationHost,
  StationKind,
  StationStatus,
  StationTier,
} from '@ws/contracts';
import type { ActivityStatus } from '../read-models/activities/activities.query';
import type { DirectiveStatus } from '../read-models/directives/directive-progress';

/** zh-CN labels of the contract codes, for the API's descriptions and the UI. Records, so a new code without a label fails to compile. */
export const FACILITY_LABELS: Record<FacilityCode, string> = {
  air_conditioning: '空调',
  heating: '取暖设备',
  fridge: '冰箱',
  microwave: '微波炉',
  water_dispenser: '饮水机',
  charging: '充电/排插',
  tables_chairs: '桌椅',
  toilet: '卫生间',
  first_aid_kit: '医药箱',
  wifi: '无线网络',
  umbrella: '雨具',
  reading_glasses: '老花镜',
  hair_dryer: '吹风机',
  blood_pressure_monitor: '血压仪',
  tv: '电视机',
  books: '书屋',
  notice_board: '公示栏',
  wish_wall: '心愿墙',
  suggestion_book: '民意建议本',
  battery_swap: '换电柜',
  vehicle_charging: '车辆充电桩',
  repair_tools: '维修工具',
  shower: '淋浴',
  washing: '洗衣',
  parking: '停车位',
  canteen: '食堂',
  rest_beds: '休息床',
  fitness: '健身设施',
};

export const SERVICE_LABELS: Record<ServiceCode, string> = {
  health_check: '义诊/健康体检',
  legal_advice: '法律咨询',
  first_aid_training: '急救培训',
  childcare_class: '爱心托班',
  counselling: '心理疏导',
  job_training: '职业培训',
  job_fair: '就业招聘',
  skills_contest: '技能竞赛',
  dispute_mediation: '劳动争议调解',
  union_enrolment: '入会服务',
  haircut: '理发',
  tcm_wellness: '中医养生',
  festive_care: '节日慰问',
  matchmaking: '相亲交友',
  policy_talk: '政策宣讲',
  vehicle_service: '洗车修车',
};

export const KIND_LABELS: Record<StationKind, string> = {
  station: '工会驿站',
  driver_home: '司机之家',
  workers_home: '新业态职工之家',
  self_service: '24小时自助驿站',
};

export const TIER_LABELS: Record<StationTier, string> = {
  district_hub: '区级综合体',
  street: '街道驿站',
  community: '社区微站',
  convenience: '便民服务站',
};

export const STATUS_LABELS: Record<StationStatus, string> = {
  active: '开放中',
  suspended: '暂停服务',
  closed: '已关闭',
};

export const HOST_LABELS: Record<StationHost, string> = {
  union_built: '工会自建',
  enterprise: '企业共建',
  shop: '商户共建',
  gas_station: '加油站',
  bank: '银行网点',
  post_office: '邮政网点',
  community_centre: '党群服务中心',
  courier_outlet: '快递网点',
  property_management: '小区物业',
  public_agency: '机关单位',
  other: '其他',
};

export const DIRECTIVE_KIND_LABELS: Record<DirectiveKind, string> = {
  adopt_standard: '推行建设标准',
  station_target: '驿站数量目标',
  upgrade_target: '改造提升目标',
  review_campaign: '年度星级评定',
  activity_target: '活动场次目标',
  reach_target: '覆盖人数目标',
  health_check_target: '健康体检目标',
  programme_target: '民生实事项目目标',
  members_target: '新增会员目标',
  coverage_target: '覆盖率目标',
};

/** A directive's progress as the issuer and the addressees see it (directive-progress statusOf). */
export const DIRECTIVE_STATUS_LABELS: Record<DirectiveStatus, string> = {
  open: '进行中',
  met: '已完成',
  overdue: '已逾期',
  withdrawn: '已撤回',
};

/** Where an activity stands (the activities read model's status). */
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  planned: '计划中',
  held: '已举办',
  cancelled: '已取消',
};

/** The occupations are one glossary term with membership's: their labels live beside the codes. */
export { OCCUPATION_LABELS } from '@ws/contracts';

export const CRITERION_LABELS: Record<ReviewCriterion, string> = {
  facilities: '设施配置',
  services: '服务开展',
  management: '日常管理',
  usage: '使用人次',
  satisfaction: '劳动者满意度',
};

export const HONOUR_LEVEL_LABELS: Record<HonourLevel, string> = {
  national: '全国',
  provincial: '省级',
  city: '市级',
};

/** "code（标签）" lists for OpenAPI descriptions. */
export function describeCodes(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([code, label]) => `${code}（${label}）`)
    .join('、');
}
