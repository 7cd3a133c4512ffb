import { ColumnType, Generated, Kysely, Migration, Selectable, sql, Transaction } from 'kysely';

/**
 * Messages a consumer set aside so that it could go on with the ones after them:
 * - `undecodable`: the body is not an event envelope;
 * - `unknown_schema`: a schema version newer than this code knows (a node upgraded first);
 * - `failed`: the handler failed on it every time with an error that is not the infrastructure's;
 * - `refused`: a reaction's domain refusal, recorded (it ended the message; health stays green);
 * - `forged`: a fact from a node that is not its origin (see ForgedEvent): never applied.
 * Read models and reactions park in the transaction of their batch, with the checkpoint past the
 * message. The ops endpoint retries or skips them; /health is red while any message is parked
 * (refusals aside).
 */
export type ParkReason = 'undecodable' | 'unknown_schema' | 'failed' | 'refused' | 'forged';

export interface ParkedMessagesTable {
  id: Generated<number>;
  /** The read model's or the reaction's name. */
  consumer: string;
  kind: 'projection' | 'reaction';
  stream: string;
  seq: number;
  subject: string;
  event_id: string | null;
  type: string | null;
  schema: number | null;
  reason: ParkReason;
  /** The error, one line (never the payload). */
  detail: string;
  /** The message body as it was on the stream. */
  payload: Buffer;
  attempts: number;
  parked_at: ColumnType<Date, Date | undefined, Date>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}


export interface ParkedTables {
  parked_messages: ParkedMessagesTable;
}

export interface ParkEntry {
  consumer: string;
  kind: 'projection' | 'reaction';
  stream: string;
  seq: number;
  subject: string;
  eventId?: string;
  type?: string;
  schema?: number;
  reason: ParkReason;
  detail: string;
  payload: Uint8Array;
  attempts: number;
}

export interface ParkedMessage extends Omit<ParkEntry, 'payload'> {
  id: number;
  parkedAt: string;
  updatedAt: string;
}

type Db = Kysely<any> | Transaction<any>;

const MAX_DETAIL = 500;

export const parkedMessagesMigrations: Record<string, Migration> = {
  '20261206120000_parked_messages': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('parked_messages')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('consumer', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('stream', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text')
        .addColumn('type', 'text')
        .addColumn('schema', 'integer')
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('payload', 'bytea', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('parked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addUniqueConstraint('parked_messages_consumer_seq', ['consumer', 'stream', 'seq'])
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('parked_messages').execute();
    },
  },
};

/** Parks a message (a redelivered one updates its row). */
export async function parkMessage(db: Db, entry: ParkEntry): Promise<void> {
  const row = {
    consumer: entry.consumer,
    kind: entry.kind,
    stream: entry.stream,
    seq: entry.seq,
    subject: entry.subject,
    event_id: entry.eventId ?? null,
    type: entry.type ?? null,
    schema: entry.schema ?? null,
    reason: entry.reason,
    detail: oneLine(entry.detail),
    payload: Buffer.from(entry.payload),
    attempts: entry.attempts,
  };
  await (db as Kysely<ParkedTables>)
    .insertInto('parked_messages')
    .values(row)
    .onConflict((oc) =>
      oc.constraint('parked_messages_consumer_seq').doUpdateSet({ reason: row.reason, detail: row.detail, attempts: sql`parked_messages.attempts + ${row.attempts}`, updated_at: new Date() }),
    )
    .execute();
}

/** Parked messages (refusals only with `refused: true`), oldest first, after `afterId`. */
export async function listParked(db: Db, options: { afterId?: number; limit: number; refused?: boolean }): Promise<ParkedMessage[]> {
  let query = (db as Kysely<ParkedTables>).selectFrom('parked_messages').selectAll().orderBy('id').limit(options.limit);
  if (options.afterId !== undefined) query = query.where('id', '>', options.afterId);
  query = options.refused ? query.where('reason', '=', 'refused') : query.where('reason', '<>', 'refused');
  return (await query.execute()).map(toParked);
}

export async function findParked(db: Db, id: number): Promise<(ParkedMessage & { payload: Buffer }) | undefined> {
  const row = await (db as Kysely<ParkedTables>).selectFrom('parked_messages').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { ...toParked(row), payload: row.payload } : undefined;
}

/** Removes a parked message; false if it was not there (retried or skipped meanwhile). */
export async function removeParked(db: Db, id: number): Promise<boolean> {
  const result = await (db as Kysely<ParkedTables>).deleteFrom('parked_messages').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** A retry failed again: the new reason and one more attempt. */
export async function noteRetryFailed(db: Db, id: number, reason: ParkReason, detail: string): Promise<void> {
  await (db as Kysely<ParkedTables>)
    .updateTable('parked_messages')
    .set({ reason, detail: oneLine(detail), attempts: sql`attempts + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** Parked messages per consumer, refusals aside: what /health and /metrics report. */
export async function countParked(db: Db): Promise<Record<string, number>> {
  const rows = await (db as Kysely<ParkedTables>)
    .selectFrom('parked_messages')
    .select(['consumer', (eb) => eb.fn.countAll<number>().as('count')])
    .where('reason', '<>', 'refused')
    .groupBy('consumer')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.consumer, Number(r.count)]));
}

function toParked(row: Selectable<ParkedMessagesTable>): ParkedMessage {
  return {
    id: Number(row.id),
    consumer: row.consumer,
    kind: row.kind,
    stream: row.stream,
    seq: Number(row.seq),
    subject: row.subject,
    ...(row.event_id !== null ? { eventId: row.event_id } : {}),
    ...(row.type !== null ? { type: row.type } : {}),
    ...(row.schema !== null ? { schema: row.schema } : {}),
    reason: row.reason,
    detail: row.detail,
    attempts: row.attempts,
    parkedAt: row.parked_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL)}…` : line;
}
