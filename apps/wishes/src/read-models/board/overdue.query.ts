import { Kysely, sql } from 'kysely';
import type { WishesDatabase } from '../../db/database';
import { OPEN_WISH_STATUSES } from '../../wish/wish.decider';

export interface OverdueFilter {
  streetCode?: string;
  limit: number;
}

/** Open wishes past their deadline, the longest overdue first, with whether the district knows. */
export async function overdueList(db: Kysely<WishesDatabase>, filter: OverdueFilter, now: Date) {
  let query = db
    .selectFrom('wish_board')
    .selectAll()
    .where('status', 'in', [...OPEN_WISH_STATUSES])
    .where('deadline', '<', now);
  if (filter.streetCode) query = query.where('street_code', '=', filter.streetCode);
  const rows = await query.orderBy('deadline').limit(filter.limit).execute();
  return rows.map((r) => ({
    wishId: r.wish_id,
    wishNo: r.wish_no,
    streetCode: r.street_code,
    stationId: r.station_id,
    category: r.category,
    status: r.status,
    owner: { kind: r.owner_kind, ref: r.owner_ref },
    deadline: r.deadline!.toISOString(),
    overdueSeconds: Math.round((now.getTime() - r.deadline!.getTime()) / 1000),
    escalatedAt: r.escalated_at?.toISOString() ?? null,
    escalationReason: r.escalation_reason,
  }));
}

/**
 * What the sweeper must act on: overdue wishes of the district (the board of a city or province
 * node also shows its districts' wishes, which only their own district writes to) not yet
 * escalated for their current deadline.
 */
export async function wishesToEscalate(db: Kysely<WishesDatabase>, districtCode: string, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('wish_board')
    .select('wish_id')
    .where('district_code', '=', districtCode)
    .where('status', 'in', [...OPEN_WISH_STATUSES])
    .where('deadline', '<', now)
    .where(sql<boolean>`escalated_overdue_for is distinct from deadline`)
    .orderBy('deadline')
    .limit(limit)
    .execute();
  return rows.map((r) => r.wish_id);
}

/** Completed wishes of the district whose author did not confirm in time. */
export async function wishesToClose(db: Kysely<WishesDatabase>, districtCode: string, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('wish_board')
    .select('wish_id')
    .where('district_code', '=', districtCode)
    .where('status', '=', 'completed')
    .where('confirm_by', '<', now)
    .orderBy('confirm_by')
    .limit(limit)
    .execute();
  return rows.map((r) => r.wish_id);
}
