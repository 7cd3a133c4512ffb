import { Kysely, sql } from 'kysely';

/** Directives and targets (指令 / 目标任务). Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  // The issuer's view, from the EVT: what was asked, and each event of it.
  await sql`
    create table directives (
      directive_id uuid primary key,
      issuer_node text not null,
      title text not null,
      kind text not null,
      goal jsonb not null,
      children text[],
      deadline text not null,
      status text not null,
      withdrawn_reason text,
      issued_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index directives_issuer on directives (issuer_node, issued_at)`.execute(db);
  await sql`
    create table directive_history (
      directive_id uuid not null,
      seq bigint not null,
      type text not null,
      occurred_at timestamptz not null,
      data jsonb not null,
      primary key (directive_id, seq)
    )`.execute(db);
  await sql`
    create table directive_receipts (
      directive_id uuid not null,
      node_code text not null,
      received_at timestamptz,
      acknowledged_at timestamptz,
      primary key (directive_id, node_code)
    )`.execute(db);

  // The receiving node's view, from the DIR: its ancestors' directives addressed to it.
  await sql`
    create table received_directives (
      directive_id uuid primary key,
      issuer_node text not null,
      title text not null,
      kind text not null,
      goal jsonb not null,
      children text[],
      deadline text not null,
      status text not null,
      withdrawn_reason text,
      issued_at timestamptz not null,
      received_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['received_directives', 'directive_receipts', 'directive_history', 'directives']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
