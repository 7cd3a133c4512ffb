import { Kysely, Migration, sql } from 'kysely';

/** Merged into the migrations of every service that checks codes; frozen once released. */
export const verificationMigrations: Record<string, Migration> = {
  '20261125000000_verification_codes': {
    async up(db: Kysely<any>) {
      await sql`
        create table verification_codes (
          mobile_hash text primary key,
          purpose text not null,
          code_hash text not null,
          request_id uuid not null,
          issued_at timestamptz not null,
          expires_at timestamptz not null,
          attempts integer not null default 0,
          consumed_at timestamptz,
          day text not null,
          sent_today integer not null
        )`.execute(db);
      await sql`create index verification_codes_expiry on verification_codes (expires_at)`.execute(db);
    },
  },
};
