import { Kysely, Migration, sql, Transaction } from 'kysely';
import { parkedMessagesMigrations } from './parked-messages';
import { seenEventsMigrations } from './seen-events';

export interface ProjectionCheckpointsTable {
  name: string;
  position: number;
  updated_at: Date;
}

/** A full rebuild under way: replayed up to `target`, its secondary indexes dropped until then. */
export interface ProjectionRebuildsTable {
  name: string;
  target: number;
  /** `pg_get_indexdef` of each index dropped for the replay, recreated once it is done. */
  indexes: string[];
  started_at: Date;
}

export interface ProjectionTables {
  projection_checkpoints: ProjectionCheckpointsTable;
  projection_rebuilds: ProjectionRebuildsTable;
}

/** Timestamped migration a service merges into its own list; frozen once released. */
export const projectionMigrations: Record<string, Migration> = {
  '20261123000100_projection_checkpoints': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('projection_checkpoints')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('position', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('projection_checkpoints').execute();
    },
  },
  ...parkedMessagesMigrations,
  '20261201120000_projection_rebuilds': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('projection_rebuilds')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('target', 'bigint', (c) => c.notNull())
        .addColumn('indexes', sql`text[]`, (c) => c.notNull())
        .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('projection_rebuilds').execute();
    },
  },
  ...seenEventsMigrations,
};

export async function readCheckpoint(db: Kysely<any> | Transaction<any>, name: string): Promise<number> {
  const row = await (db as Kysely<ProjectionTables>)
    .selectFrom('projection_checkpoints')
    .select('position')
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? Number(row.position) : 0;
}

/** Written in the same transaction as the read-model rows: that is what makes the effect exactly-once. */
export async function writeCheckpoint(trx: Transaction<any>, name: string, position: number): Promise<void> {
  await (trx as Transaction<ProjectionTables>)
    .insertInto('projection_checkpoints')
    .values({ name, position, updated_at: new Date() })
    .onConflict((oc) => oc.column('name').doUpdateSet({ position, updated_at: new Date() }))
    .execute();
}

/**
 * Makes sure the checkpoint row exists, so that advanceCheckpoint has a row to compare: at
 * `startAt` (0 unless said) when it is made now; true then, false if it was there already.
 */
export async function ensureCheckpoint(db: Kysely<any>, name: string, startAt = 0): Promise<boolean> {
  const result = await (db as Kysely<ProjectionTables>)
    .insertInto('projection_checkpoints')
    .values({ name, position: startAt, updated_at: new Date() })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Moves the checkpoint from `from` to `to` inside the batch's transaction, only if it still is at
 * `from`; false means someone else moved it (another runner, a rebuild) and the batch must roll
 * back. The row lock makes a concurrent mover wait for this transaction and then find the
 * position changed (read committed re-checks the condition), so of two runners applying the same
 * events only one commits them.
 *
 * A read model's batch (`durable: false`) sets `synchronous_commit = off` for the transaction:
 * rows and checkpoint commit together, so it need not wait for its WAL flush — a database crash
 * that loses the last batches moves the checkpoint back with them and they are applied again from
 * the stream. A reaction's batch (`durable: true`) writes events and outbox rows, which the relay
 * may publish as soon as they are visible: it waits for the flush like every append.
 */
export async function advanceCheckpoint(trx: Transaction<any>, name: string, from: number, to: number, options: { durable?: boolean } = {}): Promise<boolean> {
  const { rows } = options.durable
    ? await sql<{ name: string }>`
        update projection_checkpoints set position = ${to}, updated_at = now()
        where name = ${name} and position = ${from}
        returning name`.execute(trx)
    : await sql<{ name: string }>`
        update projection_checkpoints set position = ${to}, updated_at = now()
        from (select set_config('synchronous_commit', 'off', true)) as relaxed
        where name = ${name} and position = ${from}
        returning name`.execute(trx);
  return rows.length === 1;
}
