import { Kysely, Migration, sql } from 'kysely';

/** Notifications are collapsed per transaction and delivered on commit: one wake-up per append. */
export const OUTBOX_CHANNEL = 'outbox';

const EVENT_ID_UNIQUE = 'events_event_id_unique';
export const STREAM_VERSION_UNIQUE = 'events_stream_version_unique';

/** Timestamped migrations a service merges into its own list; frozen once released. */
export const eventStoreMigrations: Record<string, Migration> = {
  '20261123000000_event_store': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('events')
        .addColumn('global_position', 'bigserial', (c) => c.primaryKey())
        .addColumn('stream_id', 'text', (c) => c.notNull())
        .addColumn('stream_version', 'integer')
        .addColumn('event_id', 'uuid', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('schema', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('data', 'jsonb', (c) => c.notNull())
        .addColumn('metadata', 'jsonb', (c) => c.notNull())
        .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
        .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addUniqueConstraint(EVENT_ID_UNIQUE, ['event_id'])
        .addUniqueConstraint(STREAM_VERSION_UNIQUE, ['stream_id', 'stream_version']) // also readStream's index
        .execute();

      await db.schema
        .createTable('outbox')
        .addColumn('position', 'bigserial', (c) => c.primaryKey())
        .addColumn('event_id', 'uuid', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('headers', 'jsonb', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .execute();

      // A statement-level trigger costs no extra round trip per append and catches every writer.
      await sql`
        create function outbox_notify() returns trigger language plpgsql as $$
        begin
          perform pg_notify(${sql.lit(OUTBOX_CHANNEL)}, '');
          return null;
        end $$`.execute(db);
      await sql`
        create trigger outbox_notify after insert on outbox
        for each statement execute function outbox_notify()`.execute(db);
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('outbox').execute();
      await sql`drop function outbox_notify()`.execute(db);
      await db.schema.dropTable('events').execute();
    },
  },
  '20261206110000_outbox_dead_letters': {
    async up(db: Kysely<any>) {
      // The stream (aggregate) of each row: rows of a stream with a row set aside wait behind it.
      await db.schema.alterTable('outbox').addColumn('stream_id', 'text').execute();
      await db.schema
        .createTable('outbox_dead_letters')
        .addColumn('position', 'bigint', (c) => c.primaryKey())
        .addColumn('event_id', 'uuid', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('headers', 'jsonb', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('stream_id', 'text')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('set_aside_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema.createIndex('outbox_dead_letters_stream').on('outbox_dead_letters').column('stream_id').execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('outbox_dead_letters').execute();
      await db.schema.alterTable('outbox').dropColumn('stream_id').execute();
    },
  },
};
