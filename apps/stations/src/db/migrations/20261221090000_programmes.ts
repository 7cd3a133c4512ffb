import { Kysely, sql } from 'kysely';

/** Programmes with quotas (民生实事) of the node's subtree: each programme with its progress, and each delivery. Released: never edit. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table programmes (
      programme_id uuid primary key,
      district_code text not null,
      kind text not null,
      title text not null,
      target int not null,
      places int,
      min_new_form_share int not null,
      starts_on date not null,
      ends_on date not null,
      status text not null,
      people int not null default 0,
      new_form_people int not null default 0,
      places_used int not null default 0,
      launched_at timestamptz not null
    )`.execute(db);
  await sql`
    create table programme_deliveries (
      delivery_id uuid primary key,
      programme_id uuid not null,
      district_code text not null,
      kind text not null,
      station_id uuid,
      street_code text not null,
      delivered_on date not null,
      people int not null check (people > 0),
      new_form_people int not null check (new_form_people <= people),
      places int not null
    )`.execute(db);
  await sql`create index programme_deliveries_day on programme_deliveries (kind, delivered_on)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('programme_deliveries').ifExists().execute();
  await db.schema.dropTable('programmes').ifExists().execute();
}
