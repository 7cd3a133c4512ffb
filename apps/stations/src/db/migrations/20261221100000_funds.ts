import { Kysely, sql } from 'kysely';

/** Funds (经费) of the node's subtree: each budget with what is spent, and each spending. Released: never edit. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table budgets (
      budget_id uuid primary key,
      district_code text not null,
      node_code text not null,
      level text not null,
      station_id uuid,
      street_code text,
      year int not null,
      title text not null,
      amount_fen bigint not null,
      spent_fen bigint not null default 0,
      check (spent_fen <= amount_fen)
    )`.execute(db);
  await sql`
    create table fund_spending (
      spending_id uuid primary key,
      budget_id uuid not null,
      district_code text not null,
      station_id uuid,
      category text not null,
      amount_fen bigint not null check (amount_fen > 0),
      spent_on date not null,
      payee text not null
    )`.execute(db);
  await sql`create index fund_spending_day on fund_spending (spent_on)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fund_spending').ifExists().execute();
  await db.schema.dropTable('budgets').ifExists().execute();
}
