import { Kysely, sql } from 'kysely';

/** Welfare (关爱物资) of the node's subtree: each handout, and each holder's stock by kind. Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table welfare_handouts (
      handout_id uuid primary key,
      district_code text not null,
      holder_id text not null,
      station_id uuid,
      street_code text not null,
      occasion text not null,
      kind text not null,
      quantity int not null check (quantity > 0),
      people_reached int not null check (people_reached > 0),
      new_form_people int not null check (new_form_people <= people_reached),
      occupations jsonb not null,
      cost_fen bigint not null check (cost_fen >= 0),
      from_stock boolean not null,
      handed_on date not null,
      recorded_at timestamptz not null
    )`.execute(db);
  // The sums read handouts by day within a district, a street or a station.
  await sql`create index welfare_handouts_day on welfare_handouts (district_code, handed_on)`.execute(db);
  await sql`
    create table welfare_stock (
      holder_id text not null,
      kind text not null,
      district_code text not null,
      station_id uuid,
      street_code text not null,
      received int not null default 0,
      handed_out int not null default 0,
      received_cost_fen bigint not null default 0,
      updated_at timestamptz not null,
      primary key (holder_id, kind),
      check (handed_out <= received)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('welfare_stock').ifExists().execute();
  await db.schema.dropTable('welfare_handouts').ifExists().execute();
}
