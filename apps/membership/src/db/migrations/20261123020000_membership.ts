import { Kysely, sql } from 'kysely';

/**
 * Released: never edit; add a new timestamped migration instead.
 *
 * Write side first: the personal-data vault and the registries the command handlers consult and
 * update in the same transaction as their appends (uniqueness of a person's current membership,
 * look-up of an application by number + mobile). Then the read models fed by projections.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // ---- personal-data vault (see personal-data/README in docs/ARCHITECTURE.md "Membership") ----
  await sql`
    create table persons (
      person_id uuid primary key,
      id_number_hmac text unique,
      mobile_hmac text,
      created_at timestamptz not null default now(),
      erased_at timestamptz
    )`.execute(db);
  await sql`
    create table person_keys (
      person_id uuid primary key,
      data_key bytea not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table person_data (
      person_id uuid primary key,
      ciphertext bytea not null,
      iv bytea not null,
      tag bytea not null,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table pii_access_log (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor text not null,
      person_id uuid not null,
      purpose text not null
    )`.execute(db);

  // ---- registries (write side) ----
  await sql`
    create table union_registry (
      union_id uuid primary key,
      parent_union_id uuid,
      node_code text not null,
      street_code text,
      kind text not null,
      occupations text[] not null,
      status text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index union_registry_parent on union_registry (parent_union_id) where status = 'active'`.execute(db);

  await sql`
    create table application_registry (
      application_id uuid primary key,
      application_number text not null unique,
      person_id uuid not null,
      union_id uuid not null,
      mobile_hmac text,
      status text not null,
      submitted_at timestamptz not null,
      updated_at timestamptz not null,
      membership_id uuid,
      card_number text,
      reason text,
      note text,
      info_fields text[]
    )`.execute(db);
  // One application in progress per person: a second one is answered with the first.
  await sql`
    create unique index application_registry_one_pending on application_registry (person_id)
    where status in ('submitted', 'info_requested')`.execute(db);

  await sql`
    create table membership_registry (
      membership_id uuid primary key,
      person_id uuid not null,
      union_id uuid not null,
      card_number text not null unique,
      status text not null,
      pending_transfer_id uuid,
      updated_at timestamptz not null
    )`.execute(db);
  // One current membership per person (and so per ID number: persons.id_number_hmac is unique).
  await sql`
    create unique index membership_registry_one_current on membership_registry (person_id)
    where status in ('active', 'suspended')`.execute(db);
  await sql`create index membership_registry_union on membership_registry (union_id, status)`.execute(db);
  await sql`create index membership_registry_transfer on membership_registry (pending_transfer_id) where pending_transfer_id is not null`.execute(db);

  await sql`create sequence member_card_seq`.execute(db);

  // Which dispatch volunteer a member is (VolunteerLinked): their completed hours earn points.
  await sql`
    create table volunteer_links (
      volunteer_id text primary key,
      membership_id uuid not null
    )`.execute(db);

  // ---- read models ----
  await sql`
    create table unions (
      union_id uuid primary key,
      name text not null,
      kind text not null,
      parent_union_id uuid,
      node_code text not null,
      street_code text,
      occupations text[] not null default '{}',
      status text not null,
      merged_into uuid,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index unions_node on unions (node_code, status)`.execute(db);

  await sql`
    create table members (
      membership_id uuid primary key,
      person_id uuid not null,
      union_id uuid not null,
      node_code text not null,
      card_number text not null,
      occupation text not null,
      street_code text,
      status text not null,
      joined_month date not null,
      activated_at timestamptz not null,
      updated_at timestamptz not null,
      erased boolean not null default false
    )`.execute(db);
  await sql`create index members_union on members (union_id, status)`.execute(db);
  await sql`create index members_person on members (person_id)`.execute(db);
  await sql`create index members_card on members (card_number)`.execute(db);
  await sql`create index members_stats on members (status, node_code, occupation, street_code, joined_month)`.execute(db);

  await sql`
    create table application_queue (
      application_id uuid primary key,
      application_number text not null,
      person_id uuid not null,
      union_id uuid not null,
      node_code text not null,
      occupation text not null,
      street_code text,
      channel text not null,
      status text not null,
      submitted_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`create index application_queue_pending on application_queue (union_id, submitted_at) where status in ('submitted', 'info_requested')`.execute(db);
  await sql`create index application_queue_status on application_queue (status, submitted_at)`.execute(db);

  await sql`
    create table transfers (
      transfer_id uuid primary key,
      membership_id uuid not null,
      from_union_id uuid not null,
      to_union_id uuid not null,
      from_node text not null,
      to_node text not null,
      status text not null,
      requested_at timestamptz not null,
      settled_at timestamptz
    )`.execute(db);
  await sql`create index transfers_in_flight on transfers (requested_at) where status = 'requested'`.execute(db);

  await sql`
    create table points_balances (
      membership_id uuid primary key,
      balance integer not null,
      credited integer not null,
      debited integer not null,
      updated_at timestamptz not null
    )`.execute(db);

  await sql`
    create table shop_items (
      item_id uuid primary key,
      name text not null,
      points integer not null,
      stock integer not null,
      redeemed integer not null default 0,
      status text not null,
      updated_at timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'shop_items', 'points_balances', 'transfers', 'application_queue', 'members', 'unions',
    'volunteer_links', 'membership_registry', 'application_registry', 'union_registry', 'pii_access_log', 'person_data', 'person_keys', 'persons',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await sql`drop sequence if exists member_card_seq`.execute(db);
}
