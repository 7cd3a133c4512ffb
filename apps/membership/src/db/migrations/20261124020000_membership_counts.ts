import { Kysely, sql } from 'kysely';

/**
 * Released: never edit. Counts that the dashboard and the member statistics sum instead of
 * scanning every member (a province holds millions): members per node, union, occupation,
 * street, join month and status, kept by the members projection in the same transaction; and
 * the outstanding points per node (where the account's events were recorded), kept by the points
 * projection. member_counts is filled here from the members read model; points_totals cannot be
 * (the balances do not say their node): rebuild membership.points-balances to fill it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table member_counts (
      node_code text not null,
      union_id uuid not null,
      occupation text not null,
      street_code text,
      joined_month date not null,
      status text not null,
      members integer not null,
      constraint member_counts_group unique nulls not distinct (node_code, union_id, occupation, street_code, joined_month, status)
    )`.execute(db);
  await sql`
    insert into member_counts (node_code, union_id, occupation, street_code, joined_month, status, members)
    select node_code, union_id, occupation, street_code, joined_month, status, count(*)::int
    from members group by 1, 2, 3, 4, 5, 6`.execute(db);
  await sql`
    create table points_totals (
      node_code text primary key,
      balance bigint not null,
      credited bigint not null,
      debited bigint not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('points_totals').ifExists().execute();
  await db.schema.dropTable('member_counts').ifExists().execute();
}
