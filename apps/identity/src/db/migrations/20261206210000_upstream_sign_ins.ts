import { Kysely, sql } from 'kysely';

/** Released: never edit; add a new timestamped migration instead. */
export async function up(db: Kysely<any>): Promise<void> {
  // A sign-in sent to the upstream provider: its state, nonce and PKCE verifier, then the account it proved.
  await sql`
    create table upstream_sign_ins (
      state text primary key,
      uid text not null,
      nonce text not null,
      verifier text not null,
      account_id uuid,
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index upstream_sign_ins_uid on upstream_sign_ins (uid)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('upstream_sign_ins').execute();
}
