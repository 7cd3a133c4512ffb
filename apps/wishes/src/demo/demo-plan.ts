import { createHash } from 'node:crypto';
import type { WishCategory, WishKind, WishUrgency } from '@ws/contracts';
import type { OfficerTokenMinter } from '@ws/kernel';

/** The wishes demo's plan: what is posted where and what becomes of it, the same on every run. */

/** A station as the stations directory lists it (GET /stations?district=: id, streetCode, communityCode, tier, lng/lat). */
export interface DemoStation {
  stationId: string;
  streetCode: string;
  communityCode: string | null;
  tier: string;
  location: { lng: number; lat: number };
}

export interface WishesDemoOptions {
  /** e.g. http://127.0.0.1:4103 */
  wishesUrl: string;
  districtCode: string;
  /** Signs station managers' and street officers' tokens with the node's signing key. */
  officerTokens: OfficerTokenMinter;
  stations: DemoStation[];
  /** Multiplies the number of wishes and reports (default 1). */
  scale?: number;
}

export interface WishesDemoResult {
  wishes: number;
  accepted: number;
  declined: number;
  merged: number;
  decisions: number;
  reports: number;
}

const WISHES_PER_COMMUNITY_STATION = 3;
const SUGGESTION_SHARE = 0.15;

export const CATEGORY_WEIGHTS: Array<[WishCategory, number]> = [
  ['first_aid_training', 20], ['health_check', 15], ['repair', 15], ['legal_advice', 12],
  ['childcare_class', 10], ['job_seeking', 10], ['facilities', 10], ['other', 8],
];
export const TEXTS: Record<WishCategory, string[]> = {
  first_aid_training: ['想学心肺复苏和止血包扎', '户外干活容易割破手，想学应急处理', '希望驿站组织一次急救培训'],
  health_check: ['常年送外卖，想做一次免费体检', '环卫工人想测测血压血糖', '秋冬关节痛，希望有医生来驿站义诊'],
  repair: ['驿站的充电柜坏了', '微波炉不加热了', '门口的灯不亮了', '饮水机漏水'],
  legal_advice: ['被拖欠工资怎么办', '交通事故理赔想咨询律师', '平台扣款不合理，想了解怎么维权'],
  childcare_class: ['暑假孩子没人带，想报爱心托班', '希望驿站能开暑期托管班'],
  job_seeking: ['想找白天的工作', '想学一门技能转行', '希望有招聘会的信息'],
  facilities: ['希望加装空调', '建议增加充电插座', '希望有个小书架'],
  other: ['希望组织骑手联谊活动', '想参加劳动竞赛', '希望有心理疏导服务'],
};

/** A number in [0, 1) from a text: the same demo on every run, without a random generator's state. */
export function fraction(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

export function weighted<T>(seed: string, weights: Array<[T, number]>): T {
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  let roll = fraction(seed) * total;
  for (const [value, weight] of weights) if ((roll -= weight) < 0) return value;
  return weights[0]![0];
}

export interface PlannedWish {
  index: number;
  station: DemoStation;
  kind: WishKind;
  category: WishCategory;
  text: string;
  urgency: WishUrgency;
  /** What moderation does with it (see planWishes). */
  moderation: 'pending' | 'declined' | 'merged' | 'accepted';
  seconds: number;
}

/**
 * The district's demo wishes, the same on every run. Moderation follows the index, so every
 * outcome is there in any district of ten wishes or more: one in ten waits, one in twelve is
 * declined, one in twenty repeats the wish posted one round earlier at its station and is merged
 * into it; the rest are accepted.
 */
export function planWishes(options: Pick<WishesDemoOptions, 'districtCode' | 'stations' | 'scale'>): PlannedWish[] {
  const community = options.stations.filter((s) => s.tier === 'community');
  const count = Math.round(community.length * WISHES_PER_COMMUNITY_STATION * (options.scale ?? 1));
  const plan: PlannedWish[] = [];
  for (let index = 0; index < count; index++) {
    const seed = `${options.districtCode}-${index}`;
    const original = index >= community.length ? plan[index - community.length] : undefined;
    const duplicate = index % 20 === 9 && original?.moderation === 'accepted' ? original : undefined;
    const category = duplicate?.category ?? weighted(`category-${seed}`, CATEGORY_WEIGHTS);
    const texts = TEXTS[category];
    plan.push({
      index,
      station: community[index % community.length]!,
      kind: fraction(`kind-${seed}`) < SUGGESTION_SHARE ? 'suggestion' : 'wish',
      category,
      text: duplicate?.text ?? texts[Math.floor(fraction(`text-${seed}`) * texts.length)]!,
      urgency: weighted(`urgency-${seed}`, [['normal', 70], ['urgent', 10], ['low', 20]] as Array<[WishUrgency, number]>),
      moderation: duplicate ? 'merged' : index % 10 === 3 ? 'pending' : index % 12 === 7 ? 'declined' : 'accepted',
      seconds: Math.floor(fraction(`seconds-${seed}`) ** 2 * 6),
    });
  }
  return plan;
}

