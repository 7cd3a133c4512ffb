import type { DomainEvent } from '../envelope';
import type { Occupation } from '../occupations';

/**
 * Welfare (关爱物资) of the stations context: what a station or a street hands out to outdoor
 * workers — 清凉慰问礼包 in summer, 冬送温暖, 送饺子、送腊八粥 at the festivals — and, where it keeps
 * them, its stock. One stream per holder (`welfare-<holderId>`: the station's id, or
 * `street-<code>` for a street without a station), appended at the node that runs it, so the
 * facts flow up the EVT like activities'.
 *
 * Counted without names: a handout says how many people it reached and, optionally, how many of
 * each occupation and how many showed a member card (会员卡); no person, card or phone is in any
 * event. The cards shown are personal data: the node that records the handout seals them in its
 * stations vault (`welfare_member_cards`, by handout, one key per handout wrapped by the vault's
 * master key, as the legal-aid workers' details), and the event carries only how many there were.
 */
export const WELFARE_AGGREGATE = 'welfare';

export const WELFARE_KINDS = ['cool_pack', 'warm_pack', 'festival_pack', 'battery_swap_pack', 'meal', 'drink', 'daily_necessities', 'other'] as const;
export type WelfareKind = (typeof WELFARE_KINDS)[number];

export const WELFARE_KIND_LABELS: Record<WelfareKind, string> = {
  cool_pack: '清凉礼包',
  warm_pack: '温暖礼包',
  festival_pack: '节日慰问礼包',
  battery_swap_pack: '换电礼包',
  meal: '餐食（饺子、腊八粥、火锅宴…）',
  drink: '饮品（绿豆汤、姜茶…）',
  daily_necessities: '生活用品',
  other: '其他',
};

/** The occasion of a handout: 送清凉 (summer), 冬送温暖 (winter), 节日慰问 (festivals), or any 慰问. */
export const WELFARE_OCCASIONS = ['summer_cool', 'winter_warmth', 'festival', 'condolence'] as const;
export type WelfareOccasion = (typeof WELFARE_OCCASIONS)[number];

export const WELFARE_OCCASION_LABELS: Record<WelfareOccasion, string> = {
  summer_cool: '夏送清凉',
  winter_warmth: '冬送温暖',
  festival: '节日慰问',
  condolence: '日常慰问',
};

export const isWelfareKind = (value: unknown): value is WelfareKind => typeof value === 'string' && (WELFARE_KINDS as readonly string[]).includes(value);
export const isWelfareOccasion = (value: unknown): value is WelfareOccasion =>
  typeof value === 'string' && (WELFARE_OCCASIONS as readonly string[]).includes(value);

/** Who holds the stock and hands it out: a station (with its street), or a street without a station. */
export interface WelfareHolder {
  stationId: string | null;
  streetCode: string;
}

/** The holder's stream id: the station's id, or `street-<code>`. */
export function welfareHolderId(holder: { stationId: string | null; streetCode: string }): string {
  return holder.stationId ?? `street-${holder.streetCode}`;
}

/** People reached of one occupation (no names). */
export interface OccupationCount {
  occupation: Occupation;
  people: number;
}

/** Stock received (bought or donated): `costFen` is what it cost in all, in fen (分), never a float. */
export type WelfareStockReceived = DomainEvent<
  'WelfareStockReceived',
  WelfareHolder & { receiptId: string; kind: WelfareKind; quantity: number; costFen: number; receivedOn: string; source: string }
>;

/**
 * A handout (发放) on one occasion: `quantity` items of one kind to `peopleReached` people.
 * `fromStock`: drawn from the holder's stock (which never goes negative); otherwise bought or
 * made for the day (饺子 cooked at the station), with its own `costFen`.
 */
export type WelfareHandedOut = DomainEvent<
  'WelfareHandedOut',
  WelfareHolder & {
    handoutId: string;
    occasion: WelfareOccasion;
    kind: WelfareKind;
    quantity: number;
    peopleReached: number;
    /** Of the people reached, how many are new-form workers (新就业形态劳动者). */
    newFormPeople: number;
    occupations: OccupationCount[];
    costFen: number;
    fromStock: boolean;
    handedOn: string;
    /** Of the people reached, how many showed a member card (会员卡). Schema 2; absent (none counted) before. */
    membersReached?: number;
  }
>;

export type WelfareEvent = WelfareStockReceived | WelfareHandedOut;
export type WelfareEventType = WelfareEvent['type'];

export const WELFARE_EVENT_SCHEMAS = { WelfareStockReceived: 1, WelfareHandedOut: 2 } as const satisfies Record<WelfareEventType, number>;
