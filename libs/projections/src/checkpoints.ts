import { Kysely, Migration, sql, Transaction } from 'kysely';

export interface ProjectionCheckpointsTable {
  name: string;
  position: number;
  updated_at: Date;
}

export interface ProjectionTables {
  projection_checkpoints: ProjectionCheckpointsTable;
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
