import { Kysely, sql } from 'kysely';

/** A budget's spending listed latest day first (GET /funds/budgets/:id/spending, keyset on day and id). Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index fund_spending_of_budget on fund_spending (budget_id, spent_on desc, spending_id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists fund_spending_of_budget`.execute(db);
}
