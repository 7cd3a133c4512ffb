import { Kysely, Selectable, sql } from 'kysely';
import { connectionConfigOf } from './database';
import type { OutboxMessage, OutboxPublisher } from './outbox';
import { OutboxListener } from './outbox-listener';
import type { EventStoreTables, OutboxTable } from './tables';

export interface OutboxRelayOptions {
  /** Rows per publish (default 1000). */
  batchSize?: number;
  /** Polling interval when no notification arrives (default 200 ms). */
  idleMs?: number;
  /** Advisory lock that lets one relay per database publish at a time (advisory locks are per database). */
  lockKey?: number;
  logger?: { error(...args: any[]): void };
}

/** 'WSOB' */
const DEFAULT_LOCK_KEY = 0x57534f42;
const MAX_RETRY_DELAY_MS = 5_000;

type BatchOutcome = { locked: false } | { locked: true; published: number };

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

  constructor(
    private readonly db: Kysely<EventStoreTables>,
    private readonly publisher: OutboxPublisher,
    private readonly options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.idleMs = options.idleMs ?? 200;
    this.lockKey = options.lockKey ?? DEFAULT_LOCK_KEY;
    this.listener = new OutboxListener(connectionConfigOf(db), () => this.notify(), options.logger);
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
      const batch = await trx.selectFrom('outbox').selectAll().orderBy('position').limit(this.batchSize).execute();
      if (batch.length === 0) return { locked: true, published: 0 };
      await this.publisher.publishBatch(batch.map(messageOf));
      this.count += batch.length;
      await sql`delete from outbox where position = any(${batch.map((row) => row.position)}::bigint[])`.execute(trx);
      return { locked: true, published: batch.length };
    });
  }

  private async lastVisiblePosition(): Promise<number | undefined> {
    const row = await this.db.selectFrom('outbox').select('position').orderBy('position', 'desc').limit(1).executeTakeFirst();
    return row?.position;
  }

  private async anyVisibleUpTo(position: number): Promise<boolean> {
    const row = await this.db.selectFrom('outbox').select('position').where('position', '<=', position).limit(1).executeTakeFirst();
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

function messageOf(row: Selectable<OutboxTable>): OutboxMessage {
  return { position: row.position, eventId: row.event_id, subject: row.subject, headers: row.headers, payload: row.payload };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
