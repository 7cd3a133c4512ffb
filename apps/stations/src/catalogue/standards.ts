import { FACILITY_CODES, STANDARD_LABELS, type FacilityCode, type ServiceCode, type StandardCode } from '@ws/contracts';

/**
 * A facility standard: the facilities every station must have, plus how many specials ("+X")
 * it must show on top. A special is any facility outside the required set or any service the
 * station offers: 嘉兴 describes 6+X as "空调、冰箱、微波炉、饮水机、排插、桌椅再加特色服务", and
 * 南湖's X are 换电、职工书屋、暑托 — facilities and services alike.
 */
export interface FacilityStandard {
  code: StandardCode;
  label: string;
  required: readonly FacilityCode[];
  specials: number;
}

/** The six items 嘉兴 lists for its stations (seed 001, 嘉兴「嘉工驿站」: 硬件设施"6+X"配置). */
const JIAXING_SIX: readonly FacilityCode[] = ['air_conditioning', 'fridge', 'microwave', 'water_dispenser', 'charging', 'tables_chairs'];

/**
 * 八有 is 金华's 2026 target ("全部符合八有标准", seed 000) without its list. We take 嘉兴's six
 * plus the first-aid kit every seed station shows (金华 爱心药箱, 柯桥 医药急救箱) and a toilet,
 * since 如厕难 is one of the four difficulties (如厕难、饮水难、吃饭难、休息难) stations exist to solve.
 */
const BA_YOU: readonly FacilityCode[] = [...JIAXING_SIX, 'first_aid_kit', 'toilet'];

export const STANDARDS: Readonly<Record<StandardCode, FacilityStandard>> = {
  // 嘉兴: "站点建设均以'六有'标准进行创设 … 硬件设施'6+X'配置" (seed 001); 六有 is the six without specials.
  liu_you: { code: 'liu_you', label: STANDARD_LABELS.liu_you, required: JIAXING_SIX, specials: 0 },
  ba_you: { code: 'ba_you', label: STANDARD_LABELS.ba_you, required: BA_YOU, specials: 0 },
  six_plus_x: { code: 'six_plus_x', label: STANDARD_LABELS.six_plus_x, required: JIAXING_SIX, specials: 1 },
  // 南湖 9+X (seed 004): "桌椅、饮水机、手机充电设施、应急药箱、微波炉、冷暖设备等" are six of the nine;
  // we add the fridge (in every other list), rain gear (遮风避雨) and the notice board 南湖 requires
  // ("在显眼位置公告服务内容、服务时间、管理人员信息和服务职工热线"). X: 换电、职工书屋、暑托.
  nine_plus_x: {
    code: 'nine_plus_x',
    label: STANDARD_LABELS.nine_plus_x,
    required: ['tables_chairs', 'water_dispenser', 'charging', 'first_aid_kit', 'microwave', 'air_conditioning', 'fridge', 'umbrella', 'notice_board'],
    specials: 1,
  },
  // 兰溪 "10+X 标准化服务" (seed 000, a county of 金华) without its list: 八有 plus the rain gear
  // and reading glasses 金华's own station shows ("微波炉、冰柜、饮水机、雨伞、爱心药箱、老花镜").
  ten_plus_x: { code: 'ten_plus_x', label: STANDARD_LABELS.ten_plus_x, required: [...BA_YOU, 'umbrella', 'reading_glasses'], specials: 1 },
};

export interface Compliance {
  compliant: boolean;
  /** Required facilities the station lacks, in catalogue order. */
  missing: FacilityCode[];
  /** How many more specials ("+X") the standard asks for. */
  specialsLacking: number;
}

/** How a station's facilities (and offered services, which count as specials) measure against a standard. */
export function compliance(
  facilities: readonly FacilityCode[],
  standard: StandardCode,
  services: readonly ServiceCode[] = [],
): Compliance {
  const { required, specials } = STANDARDS[standard];
  const present = new Set(facilities);
  const missing = required.filter((code) => !present.has(code));
  const extras = [...present].filter((code) => !required.includes(code)).length + new Set(services).size;
  const specialsLacking = Math.max(0, specials - extras);
  return { compliant: missing.length === 0 && specialsLacking === 0, missing: sortFacilities(missing), specialsLacking };
}

/** Deduplicated, in catalogue order: two lists with the same facilities compare equal. */
export function sortFacilities(facilities: readonly FacilityCode[]): FacilityCode[] {
  const present = new Set(facilities);
  return FACILITY_CODES.filter((code) => present.has(code));
}
