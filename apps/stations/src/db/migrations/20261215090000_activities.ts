import { Kysely, sql } from 'kysely';

/** Activities (活动) of the node's subtree, one row each. Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table activities (
      activity_id uuid primary key,
      district_code text not null,
      station_id uuid,
      street_code text not null,
      kind text not null,
      title text not null,
      organiser text not null,
      partners text[] not null,
      service text,
      planned_on date not null,
      held_on date,
      status text not null,
      cancel_reason text,
      places int,
      confirmed int not null default 0,
      waitlisted int not null default 0,
      participants int,
      new_form_participants int,
      photos text[] not null default '{}',
      planned_at timestamptz not null,
      updated_at timestamptz not null,
      check (new_form_participants is null or new_form_participants <= participants)
    )`.execute(db);
  // The sums read held activities by day within a district, a street or a station.
  await sql`create index activities_held on activities (district_code, held_on) where held_on is not null`.execute(db);
  await sql`create index activities_page on activities (planned_on desc, activity_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('activities').ifExists().execute();
}
