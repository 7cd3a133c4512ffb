import { Kysely, Migration, sql } from 'kysely';

/** Merged into the migrations of every service that takes uploads; frozen once released. */
export const uploadsMigrations: Record<string, Migration> = {
  '20261226090000_photo_uploads': {
    async up(db: Kysely<any>) {
      await sql`
        create table photo_uploads (
          ref text primary key,
          uploaded_at timestamptz not null,
          claimed_at timestamptz,
          sweeping_at timestamptz
        )`.execute(db);
      await sql`create index photo_uploads_unclaimed on photo_uploads (uploaded_at) where claimed_at is null`.execute(db);
    },
  },
};
