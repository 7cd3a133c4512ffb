import { Kysely, sql, Transaction } from 'kysely';
import { withMaintenanceDb } from '@ws/eventstore';
import { writeCheckpoint } from './checkpoints';
import type { ProjectionTables } from './checkpoints';
import { forgetSeenEvents } from './seen-events';

type Db = Kysely<any> | Transaction<any>;

/** A full rebuild under way: done once the projection has applied the stream up to `target`. */
export interface PendingRebuild {
  target: number;
  indexes: string[];
}

/**
 * Starts a full rebuild in `trx`: empties the projection's tables and its checkpoint, and drops
 * their secondary (non-unique) indexes — a replay into empty tables is cheaper without them, and
 * building an index once over the finished table is cheaper than keeping it up to date row by
 * row. The definitions are kept in `projection_rebuilds`, in the same transaction, so a crash in
 * the middle of the replay still recreates them when the replay is done. Unique indexes stay:
 * upserts need them.
 */
export async function beginRebuild(trx: Transaction<any>, name: string, tables: readonly string[], target: number): Promise<void> {
  const earlier = await readRebuild(trx, name);
  const dropped = tables.length > 0 ? await secondaryIndexes(trx, tables) : [];
  for (const index of dropped) await sql`drop index ${sql.raw(index.name)}`.execute(trx);
  for (const table of tables) await sql`truncate table ${sql.table(table)} cascade`.execute(trx);
  await forgetSeenEvents(trx, name);
  await writeCheckpoint(trx, name, 0);
  // Restarting an unfinished rebuild keeps the indexes the first one dropped.
  const indexes = [...(earlier?.indexes ?? []), ...dropped.map((index) => index.definition)];
  await (trx as Transaction<ProjectionTables>)
    .insertInto('projection_rebuilds')
    .values({ name, target, indexes, started_at: new Date() })
    .onConflict((oc) => oc.column('name').doUpdateSet({ target, indexes, started_at: new Date() }))
    .execute();
}

export async function readRebuild(db: Db, name: string): Promise<PendingRebuild | undefined> {
  const row = await (db as Kysely<ProjectionTables>)
    .selectFrom('projection_rebuilds')
    .select(['target', 'indexes'])
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? { target: Number(row.target), indexes: row.indexes } : undefined;
}

/** Recreates the dropped indexes and ends the rebuild (a no-op if another runner already did). */
export async function finishRebuild(db: Kysely<any>, name: string): Promise<void> {
  // Building an index over a million rows takes longer than any request may: a connection of its own.
  await withMaintenanceDb(db, (maintenance) => maintenance.transaction().execute(async (trx) => {
    const row = await (trx as Transaction<ProjectionTables>)
      .selectFrom('projection_rebuilds')
      .select('indexes')
      .where('name', '=', name)
      .forUpdate()
      .executeTakeFirst();
    if (!row) return;
    for (const definition of row.indexes) await sql.raw(ifNotExists(definition)).execute(trx);
    await (trx as Transaction<ProjectionTables>).deleteFrom('projection_rebuilds').where('name', '=', name).execute();
  }));
}

async function secondaryIndexes(trx: Transaction<any>, tables: readonly string[]): Promise<Array<{ name: string; definition: string }>> {
  const { rows } = await sql<{ name: string; definition: string }>`
    select format('%I.%I', n.nspname, ic.relname) as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    join pg_class ic on ic.oid = i.indexrelid
    join pg_namespace n on n.oid = ic.relnamespace
    where i.indrelid = any(${[...tables]}::regclass[]) and not i.indisunique and not i.indisprimary and not i.indisexclusion
    order by ic.relname`.execute(trx);
  return rows;
}

/** pg_get_indexdef says `CREATE INDEX name ON …`; an index someone recreated meanwhile is kept. */
function ifNotExists(definition: string): string {
  return definition.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS ');
}
