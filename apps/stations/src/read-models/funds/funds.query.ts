import { Kysely, sql } from 'kysely';
import { SPENDING_CATEGORIES, SPENDING_CATEGORY_LABELS, type SpendingCategory } from '@ws/contracts';
import { isUuid, type ListScope } from '@ws/kernel';
import { decodeCursor, page } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';

export interface BudgetView {
  budgetId: string;
  districtCode: string;
  nodeCode: string;
  level: 'node' | 'station';
  stationId: string | null;
  streetCode: string | null;
  year: number;
  title: string;
  amountFen: number;
  spentFen: number;
  balanceFen: number;
}

/**
 * Budgets of the subtree for a year (optionally one station's), newest first (the latest year,
 * then the latest allocated: what an officer just created heads the list), keyset paged on
 * (year, budget_id), narrowed
 * to the reader's scope (listScope): a street officer's street's stations, a station manager's own
 * station; the node's own budgets name neither and are for its officers.
 */
export async function budgetPage(
  db: Kysely<StationsDatabase>,
  scope: ListScope,
  filter: { year?: number; stationId?: string },
  after: string | undefined,
  limit: number,
) {
  if (scope === 'nothing') return { items: [], next: null };
  const cursor = decodeCursor(after, isUuid, (at) => /^\d{4}$/.test(at));
  const { rows } = await sql<Omit<BudgetView, 'amountFen' | 'spentFen' | 'balanceFen'> & { amountFen: string; spentFen: string }>`
    select budget_id as "budgetId", district_code as "districtCode", node_code as "nodeCode", level, station_id as "stationId", street_code as "streetCode",
           year, title, amount_fen as "amountFen", spent_fen as "spentFen"
    from budgets
    where true ${filter.year ? sql`and year = ${filter.year}` : sql``} ${filter.stationId ? sql`and station_id = ${filter.stationId}::uuid` : sql``}
      ${scope.street !== undefined ? sql`and street_code = ${scope.street}` : sql``} ${scope.station !== undefined ? sql`and station_id = ${scope.station}::uuid` : sql``}
      ${cursor ? sql`and (year, budget_id) < (${Number(cursor.at)}, ${cursor.id}::uuid)` : sql``}
    order by year desc, budget_id desc limit ${limit + 1}`.execute(db);
  const { items, next } = page(rows, limit, (row) => ({ at: String(row.year), id: row.budgetId }));
  return { items: items.map((r) => ({ ...r, amountFen: Number(r.amountFen), spentFen: Number(r.spentFen), balanceFen: Number(r.amountFen) - Number(r.spentFen) })), next };
}

export interface SpendingView {
  spendingId: string;
  category: SpendingCategory;
  amountFen: number;
  spentOn: string;
  payee: string;
}

/** Where a budget belongs (for the scope check of a read of it) and its totals in fen; undefined when the read model has no such budget. */
export async function budgetTotals(db: Kysely<StationsDatabase>, budgetId: string) {
  const row = await db.selectFrom('budgets').select(['station_id as stationId', 'street_code as streetCode', 'amount_fen as amountFen', 'spent_fen as spentFen']).where('budget_id', '=', budgetId).executeTakeFirst();
  if (!row) return undefined;
  const amountFen = Number(row.amountFen);
  const spentFen = Number(row.spentFen);
  return { stationId: row.stationId, streetCode: row.streetCode, totals: { amountFen, spentFen, balanceFen: amountFen - spentFen } };
}

/**
 * What one budget was spent on, latest day first and, within a day, latest recorded first (a
 * spending id is a UUIDv7, ordered by when it was made), keyset paged on (spent_on, spending_id):
 * a cursor's `at` is the day, exact.
 */
export async function spendingPage(db: Kysely<StationsDatabase>, budgetId: string, after: string | undefined, limit: number) {
  const cursor = decodeCursor(after, isUuid, (at) => /^\d{4}-\d{2}-\d{2}$/.test(at));
  const { rows } = await sql<Omit<SpendingView, 'amountFen'> & { amountFen: string }>`
    select spending_id as "spendingId", category, amount_fen as "amountFen", to_char(spent_on, 'YYYY-MM-DD') as "spentOn", payee
    from fund_spending
    where budget_id = ${budgetId}::uuid
      ${cursor ? sql`and (spent_on, spending_id) < (${cursor.at}::date, ${cursor.id}::uuid)` : sql``}
    order by spent_on desc, spending_id desc
    limit ${limit + 1}`.execute(db);
  const { items, next } = page(rows, limit, (row) => ({ at: row.spentOn, id: row.spendingId }));
  return { items: items.map((r): SpendingView => ({ ...r, amountFen: Number(r.amountFen) })), next };
}

/** Funds spent between two days (inclusive) over the subtree, by category, in fen: the report's 经费支出. */
export async function fundFigures(db: Kysely<StationsDatabase>, from: string, to: string) {
  const { rows } = await sql<{ category: SpendingCategory; spent: string }>`
    select category, sum(amount_fen) as spent from fund_spending where spent_on between ${from}::date and ${to}::date group by category`.execute(db);
  const byCategory = SPENDING_CATEGORIES.map((key) => ({ key, label: SPENDING_CATEGORY_LABELS[key], spentFen: Number(rows.find((r) => r.category === key)?.spent ?? 0) }));
  return { spentFen: byCategory.reduce((sum, c) => sum + c.spentFen, 0), byCategory };
}

/**
 * The budgets of the subtree for the years a period touches (the node's own and every station's,
 * each level's own money: a city's budget is not a copy of its districts'), with what has been
 * spent against them and the balance, in fen.
 */
export async function budgetFigures(db: Kysely<StationsDatabase>, fromYear: number, toYear: number) {
  const { rows } = await sql<{ budgets: number; amount: string; spent: string }>`
    select count(*)::int as budgets, coalesce(sum(amount_fen), 0) as amount, coalesce(sum(spent_fen), 0) as spent
    from budgets where year between ${fromYear} and ${toYear}`.execute(db);
  const r = rows[0]!;
  return { budgets: r.budgets, amountFen: Number(r.amount), spentFen: Number(r.spent), balanceFen: Number(r.amount) - Number(r.spent) };
}
