import { Kysely, sql } from 'kysely';
import { PROGRAMME_KIND_LABELS, quotaReachable, type ProgrammeKind } from '@ws/contracts';
import { isUuid } from '@ws/kernel';
import { decodeCursor, page } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';

export interface ProgrammeView {
  programmeId: string;
  districtCode: string;
  kind: ProgrammeKind;
  kindLabel: string;
  title: string;
  target: number;
  places: number | null;
  minNewFormSharePercent: number;
  startsOn: string;
  endsOn: string;
  status: 'running' | 'closed';
  people: number;
  newFormPeople: number;
  placesUsed: number;
  /** Progress against the target, in percent with one decimal. */
  progressPercent: number;
  /** Share of new-form workers among the people served, in percent with one decimal (0 before any). */
  newFormSharePercent: number;
  /** Whether the share rule can still be met (always true without one). */
  quotaReachable: boolean;
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part * 1000) / whole) / 10 : 0);

const COLUMNS = sql`programme_id as "programmeId", district_code as "districtCode", kind, title, target, places, min_new_form_share as "minNewFormSharePercent",
  to_char(starts_on, 'YYYY-MM-DD') as "startsOn", to_char(ends_on, 'YYYY-MM-DD') as "endsOn", status, people, new_form_people as "newFormPeople", places_used as "placesUsed"`;

function view(row: Omit<ProgrammeView, 'kindLabel' | 'progressPercent' | 'newFormSharePercent' | 'quotaReachable'>): ProgrammeView {
  return {
    ...row,
    kindLabel: PROGRAMME_KIND_LABELS[row.kind] ?? row.kind,
    progressPercent: percent(row.people, row.target),
    newFormSharePercent: percent(row.newFormPeople, row.people),
    quotaReachable: quotaReachable({ target: row.target, minNewFormSharePercent: row.minNewFormSharePercent }, row.people, row.newFormPeople),
  };
}

export async function programmeById(db: Kysely<StationsDatabase>, programmeId: string): Promise<ProgrammeView | null> {
  const { rows } = await sql<Parameters<typeof view>[0]>`select ${COLUMNS} from programmes where programme_id = ${programmeId}::uuid`.execute(db);
  return rows[0] ? view(rows[0]) : null;
}

/** Programmes of the subtree, newest period first, keyset paged on (starts_on, programme_id). */
export async function programmePage(db: Kysely<StationsDatabase>, filter: { kind?: ProgrammeKind; status?: 'running' | 'closed' }, after: string | undefined, limit: number) {
  const cursor = decodeCursor(after, isUuid, (at) => /^\d{4}-\d{2}-\d{2}$/.test(at));
  const { rows } = await sql<Parameters<typeof view>[0]>`
    select ${COLUMNS} from programmes
    where true ${filter.kind ? sql`and kind = ${filter.kind}` : sql``} ${filter.status ? sql`and status = ${filter.status}` : sql``}
      ${cursor ? sql`and (starts_on, programme_id) < (${cursor.at}::date, ${cursor.id}::uuid)` : sql``}
    order by starts_on desc, programme_id desc
    limit ${limit + 1}`.execute(db);
  const { items, next } = page(rows, limit, (row) => ({ at: row.startsOn, id: row.programmeId }));
  return { items: items.map(view), next };
}

/** People served by a kind of programme between two days (inclusive), over the subtree: the report's health checks and their share. */
export async function programmeFigures(db: Kysely<StationsDatabase>, from: string, to: string) {
  const { rows } = await sql<{ kind: ProgrammeKind; deliveries: number; people: number; newForm: number }>`
    select kind, count(*)::int as deliveries, sum(people)::int as people, sum(new_form_people)::int as "newForm"
    from programme_deliveries where delivered_on between ${from}::date and ${to}::date group by kind`.execute(db);
  const of = (kind: ProgrammeKind) => rows.find((r) => r.kind === kind) ?? { deliveries: 0, people: 0, newForm: 0 };
  const health = of('health_check');
  return {
    people: rows.reduce((sum, r) => sum + r.people, 0),
    healthChecks: { people: health.people, newFormPeople: health.newForm, newFormSharePercent: percent(health.newForm, health.people) },
    childcare: { people: of('summer_childcare').people },
  };
}
