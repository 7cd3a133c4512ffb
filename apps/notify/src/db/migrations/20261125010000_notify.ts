import { Kysely, sql } from 'kysely';

/** Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table delivery_queue (
      seq bigserial not null,
      message_id uuid not null,
      channel text not null,
      kind text not null,
      recipient_key text not null,
      due_at timestamptz not null,
      expires_at timestamptz not null,
      attempts integer not null default 0,
      claimed_until timestamptz,
      primary key (message_id, channel)
    )`.execute(db);
  await sql`create index delivery_queue_due on delivery_queue (due_at)`.execute(db);
  await sql`create index delivery_queue_order on delivery_queue (recipient_key, channel, seq)`.execute(db);

  await sql`
    create table reminders (
      reminder_id uuid primary key,
      kind text not null,
      subject_id text not null,
      due_at timestamptz not null,
      fired_at timestamptz
    )`.execute(db);
  await sql`create index reminders_due on reminders (due_at) where fired_at is null`.execute(db);
  await sql`create table digest_runs (day text primary key, composed_at timestamptz not null)`.execute(db);

  await sql`
    create table opt_outs (
      recipient_key text not null,
      channel text not null,
      at timestamptz not null default now(),
      primary key (recipient_key, channel)
    )`.execute(db);
  await sql`
    create table channel_bindings (
      binding_id uuid primary key,
      recipient_key text not null,
      channel text not null,
      address_hash text not null,
      sealed bytea not null,
      consent_at timestamptz not null,
      unique (recipient_key, channel, address_hash)
    )`.execute(db);
  await sql`create table short_links (code text primary key, path text not null, created_at timestamptz not null default now())`.execute(db);
  await sql`
    create table daily_sends (
      recipient_key text not null,
      day text not null,
      sent integer not null,
      primary key (recipient_key, day)
    )`.execute(db);

  await sql`
    create table wish_refs (
      wish_id uuid primary key,
      wish_no text not null,
      station_id uuid not null,
      street_code text not null,
      has_contact boolean not null,
      status text not null,
      open boolean not null,
      moderate_by timestamptz,
      deadline timestamptz
    )`.execute(db);
  await sql`create index wish_refs_open on wish_refs (street_code) where open`.execute(db);
  await sql`
    create table task_refs (
      task_id uuid primary key,
      title text not null,
      street_code text not null,
      deadline timestamptz not null,
      assignee uuid,
      open boolean not null,
      escalated boolean not null default false
    )`.execute(db);
  await sql`
    create table invitation_refs (
      invitation_id uuid primary key,
      task_id uuid not null,
      volunteer_id uuid not null,
      expires_at timestamptz not null,
      pending boolean not null
    )`.execute(db);
  await sql`create index invitation_refs_task on invitation_refs (task_id) where pending`.execute(db);
  await sql`
    create table shift_refs (
      shift_id uuid primary key,
      station_id uuid not null,
      volunteer_id uuid not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      served boolean not null default false
    )`.execute(db);
  await sql`create table station_refs (station_id uuid primary key, name text not null, street_code text not null)`.execute(db);
  await sql`create table upgrade_refs (station_id uuid primary key, standard text not null, due text not null, completed boolean not null)`.execute(db);
  await sql`create table application_refs (application_id uuid primary key, application_number text not null)`.execute(db);
  await sql`create table transfer_refs (transfer_id uuid primary key, membership_id uuid not null, card_number text not null)`.execute(db);
  await sql`
    create table directive_refs (
      directive_id uuid primary key,
      title text not null,
      deadline text not null,
      children jsonb,
      withdrawn boolean not null default false
    )`.execute(db);
  await sql`
    create table directive_children (
      directive_id uuid not null,
      child text not null,
      acknowledged boolean not null,
      primary key (directive_id, child)
    )`.execute(db);

  await sql`
    create table inbox_messages (
      message_id uuid primary key,
      recipient_key text not null,
      kind text not null,
      params jsonb not null,
      link text,
      short_code text,
      created_at timestamptz not null,
      read_at timestamptz
    )`.execute(db);
  await sql`create index inbox_messages_recipient on inbox_messages (recipient_key, created_at desc, message_id desc)`.execute(db);
  await sql`
    create table delivery_status (
      message_id uuid not null,
      channel text not null,
      recipient_key text not null,
      kind text not null,
      status text not null,
      attempts integer not null,
      last_error text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      primary key (message_id, channel)
    )`.execute(db);
  await sql`create index delivery_status_recent on delivery_status (updated_at desc, message_id desc, channel desc)`.execute(db);
  await sql`create index delivery_status_by_status on delivery_status (status, updated_at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'delivery_status', 'inbox_messages', 'directive_children', 'directive_refs', 'transfer_refs', 'application_refs', 'upgrade_refs', 'station_refs', 'shift_refs',
    'invitation_refs', 'task_refs', 'wish_refs', 'daily_sends', 'short_links', 'channel_bindings', 'opt_outs', 'digest_runs', 'reminders', 'delivery_queue',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
