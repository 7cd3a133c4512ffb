import { Kysely, sql } from 'kysely';

/** Released: never edit; add a new timestamped migration instead. What notify knows of the node's job postings (零工之家) to word a push. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table posting_refs (
      posting_id uuid primary key,
      title text not null,
      category text not null,
      pay_mode text not null,
      valid_until timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('posting_refs').ifExists().execute();
}
