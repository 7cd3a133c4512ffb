import { Kysely, sql } from 'kysely';

/** Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  // Write side: personal data, sealed per person; access codes hashed.
  await sql`
    create table volunteer_vault (
      volunteer_id uuid primary key,
      mobile_hmac text not null unique,
      sealed bytea not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create table volunteer_keys (volunteer_id uuid primary key, wrapped_key bytea not null)`.execute(db);
  await sql`
    create table volunteer_access_codes (
      volunteer_id uuid primary key,
      code_hash bytea not null,
      salt bytea not null,
      issued_at timestamptz not null
    )`.execute(db);

  // Read models (rebuilt from the EVT stream).
  await sql`
    create table volunteer_board (
      volunteer_id uuid primary key,
      district_code text not null,
      home_street text not null,
      type text not null,
      skills jsonb not null,
      skill_names text[] not null,
      availability jsonb not null,
      status text not null,
      registered_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index volunteer_board_pool on volunteer_board (district_code, status, home_street)`.execute(db);
  await sql`create index volunteer_board_skills on volunteer_board using gin (skill_names)`.execute(db);

  await sql`
    create table task_board (
      task_id uuid primary key,
      district_code text not null,
      street_code text not null,
      decision_id text not null,
      wish_ids text[] not null,
      category text not null,
      required_skill text not null,
      title text not null,
      mode text not null,
      station_id text,
      scheduled_at timestamptz,
      seats integer,
      deadline timestamptz not null,
      status text not null,
      scope text not null,
      pending_invitation_id uuid,
      invitations_sent integer not null default 0,
      assignee uuid,
      escalated_at timestamptz,
      escalation_reason text,
      created_at timestamptz not null,
      assigned_at timestamptz,
      completed_at timestamptz,
      hours double precision,
      attendees integer,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index task_board_open on task_board (district_code, street_code, status, created_at)`.execute(db);
  await sql`create index task_board_assignee on task_board (assignee, status)`.execute(db);

  await sql`
    create table invitation_board (
      invitation_id uuid primary key,
      task_id uuid not null,
      volunteer_id uuid not null,
      district_code text not null,
      scope text not null,
      status text not null,
      sent_at timestamptz not null,
      expires_at timestamptz not null,
      responded_at timestamptz,
      decline_reason text
    )`.execute(db);
  await sql`create index invitation_board_volunteer on invitation_board (volunteer_id, status, sent_at)`.execute(db);
  await sql`create index invitation_board_due on invitation_board (expires_at) where status = 'pending'`.execute(db);

  await sql`
    create table service_hours (
      event_id uuid primary key,
      volunteer_id uuid not null,
      district_code text not null,
      street_code text not null,
      station_id text,
      kind text not null,
      source_id uuid not null,
      hours double precision not null,
      served_at timestamptz not null,
      month text not null
    )`.execute(db);
  await sql`create index service_hours_volunteer on service_hours (volunteer_id, served_at)`.execute(db);
  await sql`create index service_hours_month on service_hours (month, district_code)`.execute(db);

  await sql`
    create table shift_rota (
      shift_id uuid primary key,
      district_code text not null,
      station_id text not null,
      street_code text not null,
      volunteer_id uuid not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      status text not null,
      hours double precision,
      swapped_from uuid
    )`.execute(db);
  await sql`create index shift_rota_station on shift_rota (station_id, starts_at)`.execute(db);
  await sql`create index shift_rota_volunteer on shift_rota (volunteer_id, starts_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['shift_rota', 'service_hours', 'invitation_board', 'task_board', 'volunteer_board', 'volunteer_access_codes', 'volunteer_keys', 'volunteer_vault']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
