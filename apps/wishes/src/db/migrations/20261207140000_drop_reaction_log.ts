import { Kysely, sql } from 'kysely';

/**
 * Released: never edit; add a new timestamped migration instead. The reaction to dispatch's task
 * events is checkpointed with the wish events it appends (libs/platform @Reaction), so a
 * redelivered task event cannot reach it again: the log of handled reactions it kept against
 * JetStream's redeliveries has no reader left.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists reaction_log`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create table if not exists reaction_log (
      reaction_id uuid primary key,
      handled_at timestamptz not null default now()
    )`.execute(db);
}
