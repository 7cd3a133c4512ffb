import { Kysely, sql } from 'kysely';
import { ACTIVITY_KIND_LABELS, type ActivityKind } from '@ws/contracts';
import { isUuid } from '@ws/kernel';
import { decodeCursor, page } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';

export interface ActivityScope {
  stationId?: string;
  streetCode?: string;
  districtCode?: string;
}

export interface ActivityListFilter extends ActivityScope {
  status?: 'planned' | 'held' | 'cancelled';
  kind?: ActivityKind;
}

export const ACTIVITY_GROUPINGS = ['kind', 'district', 'street', 'station', 'month'] as const;
export type ActivityGrouping = (typeof ACTIVITY_GROUPINGS)[number];

const COLUMNS = sql`
  activity_id as "activityId", district_code as "districtCode", station_id as "stationId", street_code as "streetCode", kind, title,
  organiser, partners, service, to_char(planned_on, 'YYYY-MM-DD') as "plannedOn", to_char(held_on, 'YYYY-MM-DD') as "heldOn", status,
  cancel_reason as "cancelReason", places, confirmed, waitlisted, participants, new_form_participants as "newFormParticipants", photos`;

export interface ActivityView {
  activityId: string;
  districtCode: string;
  stationId: string | null;
  streetCode: string;
  kind: ActivityKind;
  kindLabel: string;
  title: string;
  organiser: string;
  partners: string[];
  service: string | null;
  plannedOn: string;
  heldOn: string | null;
  status: 'planned' | 'held' | 'cancelled';
  cancelReason: string | null;
  places: number | null;
  confirmed: number;
  waitlisted: number;
  participants: number | null;
  newFormParticipants: number | null;
  photos: string[];
}

/** The scope as SQL conditions on station_id, street_code and district_code (activities and welfare rows alike). */
export function scoped(scope: ActivityScope) {
  return sql`
    ${scope.stationId ? sql`and station_id = ${scope.stationId}::uuid` : sql``}
    ${scope.streetCode ? sql`and street_code = ${scope.streetCode}` : sql``}
    ${scope.districtCode ? sql`and district_code = ${scope.districtCode}` : sql``}`;
}

const view = (row: Omit<ActivityView, 'kindLabel'>): ActivityView => ({ ...row, kindLabel: ACTIVITY_KIND_LABELS[row.kind] ?? row.kind });

export async function activityById(db: Kysely<StationsDatabase>, activityId: string): Promise<ActivityView | null> {
  const { rows } = await sql<Omit<ActivityView, 'kindLabel'>>`select ${COLUMNS} from activities where activity_id = ${activityId}::uuid`.execute(db);
  return rows[0] ? view(rows[0]) : null;
}

/** Latest planned day first, keyset paged on (planned_on, activity_id). */
export async function activityPage(db: Kysely<StationsDatabase>, filter: ActivityListFilter, after: string | undefined, limit: number) {
  const cursor = decodeCursor(after, isUuid, (at) => /^\d{4}-\d{2}-\d{2}$/.test(at));
  const { rows } = await sql<Omit<ActivityView, 'kindLabel'>>`
    select ${COLUMNS} from activities
    where true ${scoped(filter)}
      ${filter.status ? sql`and status = ${filter.status}` : sql``}
      ${filter.kind ? sql`and kind = ${filter.kind}` : sql``}
      ${cursor ? sql`and (planned_on, activity_id) < (${cursor.at}::date, ${cursor.id}::uuid)` : sql``}
    order by planned_on desc, activity_id desc
    limit ${limit + 1}`.execute(db);
  const { items, next } = page(rows, limit, (row) => ({ at: row.plannedOn, id: row.activityId }));
  return { items: items.map(view), next };
}

const groupColumn: Record<ActivityGrouping, ReturnType<typeof sql.raw>> = {
  kind: sql.raw('kind'),
  district: sql.raw('district_code'),
  street: sql.raw('street_code'),
  station: sql.raw(`coalesce(station_id::text, '')`),
  month: sql.raw(`to_char(held_on, 'YYYY-MM')`),
};

export interface ActivityFigures {
  held: number;
  participants: number;
  newFormParticipants: number;
}

/**
 * Activities held between two days (inclusive) and the people reached, over the node's subtree
 * or a part of it: the figures a union reports ("开展公益服务活动30余场次，覆盖户外劳动者1500余人").
 */
export async function activityFigures(db: Kysely<StationsDatabase>, from: string, to: string, scope: ActivityScope, by: ActivityGrouping) {
  const { rows } = await sql<{ key: string; held: string; participants: string; newForm: string }>`
    select ${groupColumn[by]} as key, count(*) as held, coalesce(sum(participants), 0) as participants, coalesce(sum(new_form_participants), 0) as "newForm"
    from activities
    where status = 'held' and held_on between ${from}::date and ${to}::date ${scoped(scope)}
    group by 1
    order by ${by === 'month' ? sql`1` : sql`3 desc, 1`}`.execute(db);
  const figures = rows.map((r) => ({
    key: r.key,
    ...(by === 'kind' ? { label: ACTIVITY_KIND_LABELS[r.key as ActivityKind] ?? r.key } : {}),
    held: Number(r.held),
    participants: Number(r.participants),
    newFormParticipants: Number(r.newForm),
  }));
  const total = figures.reduce<ActivityFigures>(
    (sum, r) => ({ held: sum.held + r.held, participants: sum.participants + r.participants, newFormParticipants: sum.newFormParticipants + r.newFormParticipants }),
    { held: 0, participants: 0, newFormParticipants: 0 },
  );
  return { ...total, rows: figures };
}
