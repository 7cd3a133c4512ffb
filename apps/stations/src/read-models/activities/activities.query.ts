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

export const ACTIVITY_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export interface ActivityListFilter extends ActivityScope {
  status?: ActivityStatus;
  kind?: ActivityKind;
  /** Planned between these days (inclusive), YYYY-MM-DD. */
  from?: string;
  to?: string;
  /**
   * Only what a worker may still sign up for on `today` (planned, taking sign-ups, not past),
   * soonest first: the worker pages' list.
   */
  openOn?: string;
}

export const ACTIVITY_GROUPINGS = ['kind', 'district', 'street', 'station', 'month'] as const;
export type ActivityGrouping = (typeof ACTIVITY_GROUPINGS)[number];

/** An activity's row with its station's name from the directory (null for a street's activity, or a station the directory has not heard of yet). */
const COLUMNS = sql`
  a.activity_id as "activityId", a.district_code as "districtCode", a.station_id as "stationId", d.name as "stationName", a.street_code as "streetCode",
  a.kind, a.title, a.organiser, a.partners, a.service, to_char(a.planned_on, 'YYYY-MM-DD') as "plannedOn", to_char(a.held_on, 'YYYY-MM-DD') as "heldOn",
  a.status, a.cancel_reason as "cancelReason", a.places, a.confirmed, a.waitlisted, a.participants, a.new_form_participants as "newFormParticipants", a.photos`;
const FROM = sql`activities a left join station_directory d on d.id = a.station_id`;

export interface ActivityView {
  activityId: string;
  districtCode: string;
  stationId: string | null;
  stationName: string | null;
  streetCode: string;
  kind: ActivityKind;
  kindLabel: string;
  title: string;
  organiser: string;
  partners: string[];
  service: string | null;
  plannedOn: string;
  heldOn: string | null;
  status: ActivityStatus;
  cancelReason: string | null;
  places: number | null;
  confirmed: number;
  waitlisted: number;
  participants: number | null;
  newFormParticipants: number | null;
  photos: string[];
}

/** The scope as SQL conditions on station_id, street_code and district_code (activities and welfare rows alike). */
export function scoped(scope: ActivityScope, table: '' | 'a.' = '') {
  const column = (name: string) => sql.raw(`${table}${name}`);
  return sql`
    ${scope.stationId ? sql`and ${column('station_id')} = ${scope.stationId}::uuid` : sql``}
    ${scope.streetCode ? sql`and ${column('street_code')} = ${scope.streetCode}` : sql``}
    ${scope.districtCode ? sql`and ${column('district_code')} = ${scope.districtCode}` : sql``}`;
}

const view = (row: Omit<ActivityView, 'kindLabel'>): ActivityView => ({ ...row, kindLabel: ACTIVITY_KIND_LABELS[row.kind] ?? row.kind });

export async function activityById(db: Kysely<StationsDatabase>, activityId: string): Promise<ActivityView | null> {
  const { rows } = await sql<Omit<ActivityView, 'kindLabel'>>`select ${COLUMNS} from ${FROM} where a.activity_id = ${activityId}::uuid`.execute(db);
  return rows[0] ? view(rows[0]) : null;
}

/**
 * Latest planned day first, keyset paged on (planned_on, activity_id); the list open for sign-up
 * soonest first on the same keys.
 */
export async function activityPage(db: Kysely<StationsDatabase>, filter: ActivityListFilter, after: string | undefined, limit: number) {
  const cursor = decodeCursor(after, isUuid, (at) => /^\d{4}-\d{2}-\d{2}$/.test(at));
  const soonest = filter.openOn !== undefined;
  const { rows } = await sql<Omit<ActivityView, 'kindLabel'>>`
    select ${COLUMNS} from ${FROM}
    where true ${scoped(filter, 'a.')}
      ${filter.status ? sql`and a.status = ${filter.status}` : sql``}
      ${filter.kind ? sql`and a.kind = ${filter.kind}` : sql``}
      ${filter.from ? sql`and a.planned_on >= ${filter.from}::date` : sql``}
      ${filter.to ? sql`and a.planned_on <= ${filter.to}::date` : sql``}
      ${soonest ? sql`and a.status = 'planned' and a.places is not null and a.planned_on >= ${filter.openOn}::date` : sql``}
      ${cursor ? sql`and (a.planned_on, a.activity_id) ${sql.raw(soonest ? '>' : '<')} (${cursor.at}::date, ${cursor.id}::uuid)` : sql``}
    order by ${sql.raw(soonest ? 'a.planned_on, a.activity_id' : 'a.planned_on desc, a.activity_id desc')}
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
