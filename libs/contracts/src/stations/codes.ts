import { OCCUPATIONS, type Occupation } from '../occupations';

/**
 * The stations context's vocabularies. Events carry these codes, DTOs validate against the same
 * arrays, and read models filter by them, so a code added here is known everywhere at once.
 * Chinese labels live with the stations service's catalogue; these are the stable codes.
 * (Occupations, shared with membership, have theirs beside them: ../occupations.)
 */

/** 工会驿站 / 暖心驿站 / 惠工小站 (station), 司机之家 (driver_home), 新业态职工之家 (workers_home), 24 h self-service point. */
export const STATION_KINDS = ['station', 'driver_home', 'workers_home', 'self_service'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

/** The "1+7+60+N" tiers of 柯城: 区级综合体 + 街道驿站 + 社区微站 + 便民服务站. */
export const STATION_TIERS = ['district_hub', 'street', 'community', 'convenience'] as const;
export type StationTier = (typeof STATION_TIERS)[number];

/**
 * Who provides the premises: union-built, or built together with (共建) an enterprise, a shop, a gas
 * station, a bank branch, a post office, a community centre (党群服务中心), a courier outlet
 * (快递网点), a property management office (小区物业), a public agency (警工e站, 公路站) …
 */
export const STATION_HOSTS = [
  'union_built',
  'enterprise',
  'shop',
  'gas_station',
  'bank',
  'post_office',
  'community_centre',
  'courier_outlet',
  'property_management',
  'public_agency',
  'other',
] as const;
export type StationHost = (typeof STATION_HOSTS)[number];

export const STATION_STATUSES = ['active', 'suspended', 'closed'] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];

/** Facilities a station can have; standards (六有, 八有, 6+X, 9+X, 10+X) are sets of these. */
export const FACILITY_CODES = [
  'air_conditioning',
  'heating',
  'fridge',
  'microwave',
  'water_dispenser',
  'charging',
  'tables_chairs',
  'toilet',
  'first_aid_kit',
  'wifi',
  'umbrella',
  'reading_glasses',
  'hair_dryer',
  'blood_pressure_monitor',
  'tv',
  'books',
  'notice_board',
  'wish_wall',
  'suggestion_book',
  'battery_swap',
  'vehicle_charging',
  'repair_tools',
  'shower',
  'washing',
  'parking',
  'canteen',
  'rest_beds',
  'fitness',
] as const;
export type FacilityCode = (typeof FACILITY_CODES)[number];

/** 增值服务包: services a station offers on a schedule. */
export const SERVICE_CODES = [
  'health_check',
  'legal_advice',
  'first_aid_training',
  'childcare_class',
  'counselling',
  'job_training',
  'job_fair',
  'skills_contest',
  'dispute_mediation',
  'union_enrolment',
  'haircut',
  'tcm_wellness',
  'festive_care',
  'matchmaking',
  'policy_talk',
  'vehicle_service',
] as const;
export type ServiceCode = (typeof SERVICE_CODES)[number];

/** Named facility standards a node can adopt and a station can be upgraded to. */
export const STANDARD_CODES = ['liu_you', 'ba_you', 'six_plus_x', 'nine_plus_x', 'ten_plus_x'] as const;
export type StandardCode = (typeof STANDARD_CODES)[number];

export const STANDARD_LABELS: Record<StandardCode, string> = { liu_you: '六有', ba_you: '八有', six_plus_x: '6+X', nine_plus_x: '9+X', ten_plus_x: '10+X' };

/** Who checks in (打卡): the glossary's occupations, the same as a member's (labels: OCCUPATION_LABELS). */
export const VISIT_OCCUPATIONS = OCCUPATIONS;
export type VisitOccupation = Occupation;

/** What a yearly review (星级评定) scores, each 0–100. */
export const REVIEW_CRITERIA = ['facilities', 'services', 'management', 'usage', 'satisfaction'] as const;
export type ReviewCriterion = (typeof REVIEW_CRITERIA)[number];

/** 全国最美 (全国总工会), 省级最美 (省总工会), city-level honours. */
export const HONOUR_LEVELS = ['national', 'provincial', 'city'] as const;
export type HonourLevel = (typeof HONOUR_LEVELS)[number];

function member<T extends string>(list: readonly T[]) {
  return (value: unknown): value is T => typeof value === 'string' && (list as readonly string[]).includes(value);
}

export const isStationKind = member(STATION_KINDS);
export const isStationTier = member(STATION_TIERS);
export const isStationHost = member(STATION_HOSTS);
export const isFacilityCode = member(FACILITY_CODES);
export const isServiceCode = member(SERVICE_CODES);
export const isStandardCode = member(STANDARD_CODES);
export const isVisitOccupation = member(VISIT_OCCUPATIONS);
export const isHonourLevel = member(HONOUR_LEVELS);
