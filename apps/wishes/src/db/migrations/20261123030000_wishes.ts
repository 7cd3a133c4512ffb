import { Kysely, sql } from 'kysely';

/** Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  // ---- write side ----
  // Public wish numbers, unique per node; the status page looks a wish up by it.
  await sql`
    create table wish_numbers (
      wish_no text primary key,
      wish_id uuid not null unique,
      created_at timestamptz not null default now()
    )`.execute(db);
  // A replayed command (same scope and client key) finds what the first one created.
  await sql`
    create table idempotency_keys (
      scope text not null,
      key text not null,
      result_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (scope, key)
    )`.execute(db);
  // Reactions to other services' events already handled (derived ids): redelivery is a no-op.
  await sql`
    create table reaction_log (
      reaction_id uuid primary key,
      handled_at timestamptz not null default now()
    )`.execute(db);
  // The contact an author chose to leave, sealed with its own key; erasing the key shreds it.
  await sql`
    create table contact_vault (
      contact_ref uuid primary key,
      sealed bytea not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create table contact_keys (contact_ref uuid primary key, wrapped_key bytea not null)`.execute(db);

  // ---- read models (rebuilt from the EVT stream) ----
  await sql`
    create table known_stations (
      station_id uuid primary key,
      name text not null,
      tier text not null,
      street_code text not null,
      community_code text,
      status text not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index known_stations_street on known_stations (street_code)`.execute(db);

  await sql`
    create table wish_board (
      wish_id uuid primary key,
      wish_no text not null unique,
      kind text not null,
      station_id uuid not null,
      community_code text,
      street_code text not null,
      district_code text not null,
      category text not null,
      text text not null,
      urgency text not null,
      photo_refs text[] not null,
      author_kind text not null,
      author_mask text not null,
      status text not null,
      status_since timestamptz not null,
      owner_kind text,
      owner_ref text,
      deadline timestamptz,
      confirm_by timestamptz,
      seconds integer not null default 0,
      decided boolean not null default false,
      decision_id uuid,
      mode text,
      officer_id text,
      task_id uuid,
      volunteer_id text,
      merged_into uuid,
      message text,
      answer text,
      proof jsonb,
      rating smallint,
      escalated_at timestamptz,
      escalation_reason text,
      escalated_overdue_for timestamptz,
      posted_at timestamptz not null,
      updated_at timestamptz not null,
      version integer not null
    )`.execute(db);
  await sql`create index wish_board_wall on wish_board (station_id, posted_at desc)`.execute(db);
  await sql`create index wish_board_community on wish_board (community_code, posted_at desc)`.execute(db);
  await sql`create index wish_board_demand on wish_board (street_code, status, category) where not decided`.execute(db);
  await sql`create index wish_board_deadline on wish_board (deadline) where status in ('submitted', 'accepted', 'dispatched', 'in_progress')`.execute(db);
  await sql`create index wish_board_confirm on wish_board (confirm_by) where status = 'completed'`.execute(db);

  await sql`
    create table wish_timeline (
      wish_id uuid not null,
      seq integer not null,
      status text not null,
      message text,
      at timestamptz not null,
      primary key (wish_id, seq)
    )`.execute(db);

  await sql`
    create table demand_decisions (
      decision_id uuid primary key,
      street_code text not null,
      category text not null,
      mode text not null,
      wish_ids uuid[] not null,
      title text not null,
      activity jsonb,
      answer text,
      deadline timestamptz not null,
      officer_id text not null,
      decided_at timestamptz not null
    )`.execute(db);
  await sql`create index demand_decisions_street on demand_decisions (street_code, decided_at desc)`.execute(db);

  await sql`
    create table report_board (
      report_id uuid primary key,
      street_code text not null,
      district_code text not null,
      lng double precision not null,
      lat double precision not null,
      text text not null,
      photo_refs text[] not null,
      member_card_mask text,
      status text not null,
      amount_yuan integer,
      points integer,
      reason text,
      officer_id text,
      submitted_at timestamptz not null,
      reviewed_at timestamptz
    )`.execute(db);
  await sql`create index report_board_street on report_board (street_code, status, submitted_at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'report_board',
    'demand_decisions',
    'wish_timeline',
    'wish_board',
    'known_stations',
    'contact_keys',
    'contact_vault',
    'reaction_log',
    'idempotency_keys',
    'wish_numbers',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
