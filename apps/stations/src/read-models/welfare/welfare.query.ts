import { Kysely, sql } from 'kysely';
import { WELFARE_KIND_LABELS, WELFARE_OCCASION_LABELS, type WelfareKind, type WelfareOccasion } from '@ws/contracts';
import { isUuid } from '@ws/kernel';
import { decodeCursor, page } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { type ActivityScope, scoped } from '../activities/activities.query';

export type WelfareScope = ActivityScope;

export const WELFARE_GROUPINGS = ['kind', 'occasion', 'district', 'street', 'station', 'month'] as const;
export type WelfareGrouping = (typeof WELFARE_GROUPINGS)[number];

const groupColumn: Record<WelfareGrouping, ReturnType<typeof sql.raw>> = {
  kind: sql.raw('kind'),
  occasion: sql.raw('occasion'),
  district: sql.raw('district_code'),
  street: sql.raw('street_code'),
  station: sql.raw(`coalesce(station_id::text, '')`),
  month: sql.raw(`to_char(handed_on, 'YYYY-MM')`),
};

export interface WelfareFigures {
  handouts: number;
  quantity: number;
  peopleReached: number;
  newFormPeople: number;
  /** Of the people reached, those who showed a member card (会员卡). */
  membersReached: number;
  /** What the handouts cost, in fen (分). */
  costFen: number;
}

const ZERO: WelfareFigures = { handouts: 0, quantity: 0, peopleReached: 0, newFormPeople: 0, membersReached: 0, costFen: 0 };

function labelOf(by: WelfareGrouping, key: string): { label: string } | object {
  if (by === 'kind') return { label: WELFARE_KIND_LABELS[key as WelfareKind] ?? key };
  if (by === 'occasion') return { label: WELFARE_OCCASION_LABELS[key as WelfareOccasion] ?? key };
  return {};
}

/**
 * Welfare handed out between two days (inclusive) over the node's subtree or a part of it: the
 * handouts, the items, the people reached and what it cost — "送上清凉慰问礼包…".
 */
export async function welfareFigures(db: Kysely<StationsDatabase>, from: string, to: string, scope: WelfareScope, by: WelfareGrouping) {
  const { rows } = await sql<{ key: string; handouts: string; quantity: string; people: string; newForm: string; members: string; cost: string }>`
    select ${groupColumn[by]} as key, count(*) as handouts, sum(quantity) as quantity, sum(people_reached) as people,
           sum(new_form_people) as "newForm", sum(members_reached) as members, sum(cost_fen) as cost
    from welfare_handouts
    where handed_on between ${from}::date and ${to}::date ${scoped(scope)}
    group by 1
    order by ${by === 'month' ? sql`1` : sql`4 desc, 1`}`.execute(db);
  const figures = rows.map((r) => ({
    key: r.key,
    ...labelOf(by, r.key),
    handouts: Number(r.handouts),
    quantity: Number(r.quantity),
    peopleReached: Number(r.people),
    newFormPeople: Number(r.newForm),
    membersReached: Number(r.members),
    costFen: Number(r.cost),
  }));
  const total = figures.reduce<WelfareFigures>(
    (sum, r) => ({
      handouts: sum.handouts + r.handouts, quantity: sum.quantity + r.quantity, peopleReached: sum.peopleReached + r.peopleReached,
      newFormPeople: sum.newFormPeople + r.newFormPeople, membersReached: sum.membersReached + r.membersReached, costFen: sum.costFen + r.costFen,
    }),
    ZERO,
  );
  return { ...total, rows: figures };
}

export interface StockView {
  holderId: string;
  districtCode: string;
  stationId: string | null;
  streetCode: string;
  kind: WelfareKind;
  kindLabel: string;
  received: number;
  handedOut: number;
  inStock: number;
  receivedCostFen: number;
}

/** Each holder's stock by kind, keyset paged on (holder_id, kind): the cursor's `at` is the holder, its `id` the kind. */
export async function stockPage(db: Kysely<StationsDatabase>, scope: WelfareScope, after: string | undefined, limit: number) {
  const cursor = decodeCursor(after, (kind) => /^\w{1,40}$/.test(kind), (holderId) => /^[\w-]{1,64}$/.test(holderId));
  const { rows } = await sql<Omit<StockView, 'kindLabel' | 'receivedCostFen'> & { receivedCostFen: string }>`
    select holder_id as "holderId", district_code as "districtCode", station_id as "stationId", street_code as "streetCode", kind,
           received, handed_out as "handedOut", received - handed_out as "inStock", received_cost_fen as "receivedCostFen"
    from welfare_stock
    where true ${scoped(scope)}
      ${cursor ? sql`and (holder_id, kind) > (${cursor.at}, ${cursor.id})` : sql``}
    order by holder_id, kind
    limit ${limit + 1}`.execute(db);
  const { items, next } = page(rows, limit, (row) => ({ at: row.holderId, id: row.kind }));
  return {
    items: items.map((r) => ({ ...r, kindLabel: WELFARE_KIND_LABELS[r.kind] ?? r.kind, receivedCostFen: Number(r.receivedCostFen) })),
    next,
  };
}

export interface HandoutView {
  handoutId: string;
  districtCode: string;
  stationId: string | null;
  streetCode: string;
  occasion: WelfareOccasion;
  occasionLabel: string;
  kind: WelfareKind;
  kindLabel: string;
  quantity: number;
  peopleReached: number;
  newFormPeople: number;
  /** Of the people reached, how many showed a member card (the cards stay in the vault). */
  membersReached: number;
  occupations: Array<{ occupation: string; people: number }>;
  costFen: number;
  fromStock: boolean;
  handedOn: string;
}

/** The handouts of the subtree or a part of it, latest day first, keyset paged on (handed_on, handout_id): counts only, nobody named. */
export async function handoutPage(db: Kysely<StationsDatabase>, filter: WelfareScope & { occasion?: WelfareOccasion }, after: string | undefined, limit: number) {
  const cursor = decodeCursor(after, isUuid, (at) => /^\d{4}-\d{2}-\d{2}$/.test(at));
  const { rows } = await sql<Omit<HandoutView, 'occasionLabel' | 'kindLabel' | 'costFen'> & { costFen: string }>`
    select handout_id as "handoutId", district_code as "districtCode", station_id as "stationId", street_code as "streetCode", occasion, kind,
           quantity, people_reached as "peopleReached", new_form_people as "newFormPeople", members_reached as "membersReached", occupations,
           cost_fen as "costFen", from_stock as "fromStock", to_char(handed_on, 'YYYY-MM-DD') as "handedOn"
    from welfare_handouts
    where true ${scoped(filter)}
      ${filter.occasion ? sql`and occasion = ${filter.occasion}` : sql``}
      ${cursor ? sql`and (handed_on, handout_id) < (${cursor.at}::date, ${cursor.id}::uuid)` : sql``}
    order by handed_on desc, handout_id desc
    limit ${limit + 1}`.execute(db);
  const { items, next } = page(rows, limit, (row) => ({ at: row.handedOn, id: row.handoutId }));
  return {
    items: items.map((r) => ({
      ...r, occasionLabel: WELFARE_OCCASION_LABELS[r.occasion] ?? r.occasion, kindLabel: WELFARE_KIND_LABELS[r.kind] ?? r.kind, costFen: Number(r.costFen),
    })),
    next,
  };
}
