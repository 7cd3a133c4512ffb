import { Kysely, Selectable, sql, Transaction } from 'kysely';
import { isOutboxRefusal, type OutboxMessage, type OutboxPublisher } from './outbox';
import { OutboxListener } from './outbox-listener';
import { SessionConnection } from './session-connection';
import type { EventStoreTables, OutboxDeadLettersTable, OutboxTable } from './tables';

export interface OutboxRelayOptions {
  /** Rows per publish (default 1000). */
  batchSize?: number;
  /** Polling interval when no notification arrives (default 200 ms). */
  idleMs?: number;
  /** Advisory lock that lets one relay per database publish at a time (advisory locks are per database). */
  lockKey?: number;
  /** Times the bus may refuse a row before it is set aside (default 5). */
  maxAttempts?: number;
  /** Told about each row set aside (a metric counts them). */
  onSetAside?: (deadLetter: DeadLetter) => void;
  logger?: { error(...args: any[]): void };
}

/** An outbox row set aside: what it was and why the bus would not take it. */
export interface DeadLetter {
  position: number;
  eventId: string;
  subject: string;
  streamId: string | null;
  reason: string;
  attempts: number;
  setAsideAt: string;
  /** Bytes of the payload (the payload itself is not listed). */
  bytes: number;
}

/** What a retry of a dead letter came to. */
export type DeadLetterRetry = { outcome: 'published' } | { outcome: 'gone' } | { outcome: 'refused'; reason: string };

/** 'WSOB' */
const DEFAULT_LOCK_KEY = 0x57534f42;
const MAX_RETRY_DELAY_MS = 5_000;

type BatchOutcome = { locked: false } | { locked: true; published: number; refused?: boolean };

const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * Rows the relay takes, in position order: all of them but those of a stream that has a row set
 * aside (they wait behind it, so a stream's events never reach the bus out of order).
 */
const PUBLISHABLE = sql<boolean>`(outbox.stream_id is null or not exists (select 1 from outbox_dead_letters d where d.stream_id = outbox.stream_id))`;

/*
 * Why nothing is lost or reordered, whatever the commit order of concurrent writers:
 *
 * - A position (bigserial) is taken at insert time, not at commit, so a transaction holding a low
 *   position can commit after others with higher ones. The relay therefore never remembers "the
 *   last position published": it publishes whatever committed rows the outbox holds now, oldest
 *   position first, and deletes exactly those positions. A row committed later is simply still
 *   there on a later turn. The rows of one transaction become visible together (MVCC).
 * - Per-stream order: a versioned append writes version n+1 only if its snapshot saw version n
 *   committed (the version check and the inserts are one statement, and a concurrent writer of
 *   the same version fails on the unique index once the first commits). So version n committed
 *   before n+1's rows were even inserted: n+1 has the higher position and commits later. Any
 *   snapshot that sees n+1 also sees n, and ordering by position puts n first, in the same batch
 *   or an earlier one. Unversioned facts carry no order among themselves.
 * - A crash between publish and delete leaves the rows in place; they are published again and
 *   the bus drops them by Nats-Msg-Id (= event id), in the same order as before.
 * - One relay per database publishes at a time: each batch runs in a transaction that first
 *   takes pg_try_advisory_xact_lock and holds it through publish and delete, so there is no
 *   session lock to outlive a broken connection while publishing goes on elsewhere.
 * - A row the bus refuses (too large, no stream for its subject, a JetStream error) — not the bus
 *   being away, which is retried without limit — is tried again up to `maxAttempts` times, then
 *   moved to outbox_dead_letters with the reason, in the transaction that deletes the rows
 *   published before it. The later rows of its stream wait in the outbox behind it; every other
 *   stream goes on. A retry publishes it alone, a discard drops it; either way its stream flows.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly idleMs: number;
  private readonly lockKey: number;
  private readonly listener: OutboxListener;
  private running = false;
  private loop?: Promise<void>;
  /** Batches of this relay (loop and drain) run one after the other. */
  private serial: Promise<unknown> = Promise.resolve();
  private notified = false;
  private endIdle?: () => void;
  private count = 0;
  private readonly maxAttempts: number;
  /** Refusals per outbox position since this relay started (a restart gives a row its attempts again). */
  private readonly refusals = new Map<number, number>();

  constructor(
    private readonly db: Kysely<EventStoreTables>,
    private readonly publisher: OutboxPublisher,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.idleMs = options.idleMs ?? 200;
    this.lockKey = options.lockKey ?? DEFAULT_LOCK_KEY;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    this.listener = new OutboxListener(SessionConnection.of(db), () => this.notify(), options.logger);
  }

  /** Events published so far by this relay (a republished event counts again). */
  get published(): number {
    return this.count;
  }

  start(): void {
    if (this.loop) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the batch in flight, then stops; unpublished rows wait in the outbox. */
  async stop(): Promise<void> {
    this.running = false;
    this.endIdle?.();
    await this.loop;
    this.loop = undefined;
    await this.listener.close();
  }

  /** Publishes everything committed so far, then resolves; rejects if a batch fails. */
  async drain(): Promise<void> {
    const last = await this.lastVisiblePosition();
    if (last === undefined) return;
    while (await this.anyVisibleUpTo(last)) {
      const outcome = await this.nextBatch();
      // Another relay holds the lock and publishes them; wait for it.
      if (!outcome.locked) await delay(Math.min(this.idleMs, 50));
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      await this.listener.ensure();
      try {
        const outcome = await this.nextBatch();
        if (outcome.locked && outcome.refused) {
          failures++;
          await this.idle(Math.min(this.idleMs * 2 ** failures, MAX_RETRY_DELAY_MS), false);
          continue;
        }
        failures = 0;
        // Under load, loop without sleeping while rows remain.
        if (outcome.locked && outcome.published > 0) continue;
        await this.idle(this.idleMs, true);
      } catch (error) {
        failures++;
        this.options.logger?.error(`outbox relay batch failed (${failures} in a row); retrying`, error);
        // Notifications keep coming under load; they must not cut the back-off short.
        await this.idle(Math.min(this.idleMs * 2 ** failures, MAX_RETRY_DELAY_MS), false);
      }
    }
  }

  private nextBatch(): Promise<BatchOutcome> {
    const outcome = this.serial.then(() => this.publishBatch());
    this.serial = outcome.catch(() => undefined);
    return outcome;
  }

  private publishBatch(): Promise<BatchOutcome> {
    return this.db.transaction().execute(async (trx): Promise<BatchOutcome> => {
      // Two statements, not one: a read-committed statement's snapshot is taken before it runs,
      // so rows selected in the statement that takes the lock could include rows another relay
      // published and deleted just before it released the lock.
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${this.lockKey}::bigint) as locked`.execute(trx);
      if (!rows[0]?.locked) return { locked: false };
      const batch = await trx.selectFrom('outbox').selectAll().where(PUBLISHABLE).orderBy('position').limit(this.batchSize).execute();
      if (batch.length === 0) return { locked: true, published: 0 };
      try {
        await this.publisher.publishBatch(batch.map(messageOf));
      } catch (error) {
        if (!isOutboxRefusal(error)) throw error;
        return this.refused(trx, batch, error.refusedIndex, error.message);
      }
      this.count += batch.length;
      await deleteRows(trx, batch);
      return { locked: true, published: batch.length };
    });
  }

  /** The rows before the refused one are stored: delete them; count the refusal and set the row aside at the limit. */
  private async refused(trx: Transaction<EventStoreTables>, batch: Selectable<OutboxTable>[], index: number, reason: string): Promise<BatchOutcome> {
    const published = batch.slice(0, index);
    const row = batch[index]!;
    this.count += published.length;
    await deleteRows(trx, published);
    const attempts = (this.refusals.get(row.position) ?? 0) + 1;
    this.refusals.set(row.position, attempts);
    this.options.logger?.error(`outbox relay: the bus refused ${row.subject} (position ${row.position}, attempt ${attempts} of ${this.maxAttempts}): ${reason}`);
    if (attempts < this.maxAttempts) return { locked: true, published: published.length, refused: true };
    await trx
      .insertInto('outbox_dead_letters')
      .values({ position: row.position, event_id: row.event_id, subject: row.subject, headers: JSON.stringify(row.headers), payload: row.payload, stream_id: row.stream_id, reason, attempts })
      .onConflict((oc) => oc.column('position').doNothing())
      .execute();
    await trx.deleteFrom('outbox').where('position', '=', row.position).execute();
    this.refusals.delete(row.position);
    this.options.onSetAside?.(deadLetterOf({ ...row, reason, attempts, set_aside_at: new Date() }));
    return { locked: true, published: published.length };
  }

  /** Rows set aside, oldest first, after `afterPosition`. */
  async deadLetters(options: { afterPosition?: number; limit: number }): Promise<DeadLetter[]> {
    let query = this.db.selectFrom('outbox_dead_letters').selectAll().orderBy('position').limit(options.limit);
    if (options.afterPosition !== undefined) query = query.where('position', '>', options.afterPosition);
    return (await query.execute()).map(deadLetterOf);
  }

  async deadLetterCount(): Promise<number> {
    const row = await this.db.selectFrom('outbox_dead_letters').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst();
    return Number(row?.count ?? 0);
  }

  /**
   * Publishes a dead letter alone (waiting for the relay's lock, so it keeps its stream's order)
   * and removes it; refused again, it stays with the new reason. Its stream's waiting rows then flow.
   */
  async retryDeadLetter(position: number): Promise<DeadLetterRetry> {
    const outcome = await this.db.transaction().execute(async (trx): Promise<DeadLetterRetry> => {
      await sql`select pg_advisory_xact_lock(${this.lockKey}::bigint)`.execute(trx);
      const row = await trx.selectFrom('outbox_dead_letters').selectAll().where('position', '=', position).forUpdate().executeTakeFirst();
      if (!row) return { outcome: 'gone' };
      try {
        await this.publisher.publishBatch([messageOf(row)]);
      } catch (error) {
        if (!isOutboxRefusal(error)) throw error;
        await trx.updateTable('outbox_dead_letters').set({ reason: error.message, attempts: sql`attempts + 1` }).where('position', '=', position).execute();
        return { outcome: 'refused', reason: error.message };
      }
      await trx.deleteFrom('outbox_dead_letters').where('position', '=', position).execute();
      return { outcome: 'published' };
    });
    if (outcome.outcome === 'published') this.notify();
    return outcome;
  }

  /** Drops a dead letter for good (its event stays in the events table); its stream's waiting rows then flow. */
  async discardDeadLetter(position: number): Promise<boolean> {
    const result = await this.db.deleteFrom('outbox_dead_letters').where('position', '=', position).executeTakeFirst();
    this.notify();
    return Number(result.numDeletedRows) === 1;
  }

  private async lastVisiblePosition(): Promise<number | undefined> {
    const row = await this.db.selectFrom('outbox').select('position').where(PUBLISHABLE).orderBy('position', 'desc').limit(1).executeTakeFirst();
    return row?.position;
  }

  /** Whether rows up to `position` wait to be published (rows held behind a dead letter do not count). */
  private async anyVisibleUpTo(position: number): Promise<boolean> {
    const row = await this.db.selectFrom('outbox').select('position').where('position', '<=', position).where(PUBLISHABLE).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  private notify(): void {
    this.notified = true;
    this.endIdle?.();
  }

  /** Sleeps `ms`, or less when stopped or (if `wakeOnNotify`) when a notification arrives. */
  private idle(ms: number, wakeOnNotify: boolean): Promise<void> {
    if (!this.running || (wakeOnNotify && this.notified)) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer);
        this.endIdle = undefined;
        this.notified = false;
        resolve();
      };
      const timer = setTimeout(end, ms);
      this.endIdle = () => {
        if (wakeOnNotify || !this.running) end();
      };
    });
  }
}

function messageOf(row: Pick<Selectable<OutboxTable>, 'position' | 'event_id' | 'subject' | 'headers' | 'payload'>): OutboxMessage {
  return { position: row.position, eventId: row.event_id, subject: row.subject, headers: row.headers, payload: row.payload };
}

function deadLetterOf(row: Selectable<OutboxDeadLettersTable>): DeadLetter {
  return {
    position: Number(row.position),
    eventId: row.event_id,
    subject: row.subject,
    streamId: row.stream_id,
    reason: row.reason,
    attempts: row.attempts,
    setAsideAt: row.set_aside_at.toISOString(),
    bytes: Buffer.byteLength(row.payload, 'utf8'),
  };
}

async function deleteRows(trx: Transaction<EventStoreTables>, rows: Array<{ position: number }>): Promise<void> {
  if (rows.length === 0) return;
  await sql`delete from outbox where position = any(${rows.map((row) => row.position)}::bigint[])`.execute(trx);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
