import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { Kysely, sql } from 'kysely';
import { ConsumedEvent, consumeFrom, lastSequence } from '@ws/messaging';
import { readCheckpoint, writeCheckpoint } from './checkpoints';
import type { Projection } from './projection';
import type { ProjectionMetrics } from './projection-metrics';

export interface ProjectionRunnerOptions {
  stream: string;
  batchSize?: number;
  /** Pause before resuming from the checkpoint after a failed batch. */
  retryDelayMs?: number;
  metrics?: ProjectionMetrics;
  logger?: { log(message: string): void; error(message: unknown, ...rest: unknown[]): void };
}

interface Waiter {
  position: number;
  resolve(): void;
}

/**
 * Runs one projection: an ordered consumer from checkpoint + 1, one Postgres transaction per
 * batch holding the read-model writes and the new checkpoint. On any failure it drops the
 * consumer and resumes from the committed checkpoint, so nothing is applied twice or skipped.
 */
export class ProjectionRunner {
  private controller?: AbortController;
  private loop?: Promise<void>;
  private current = 0;
  private lastOccurredAt?: number;
  private waiters: Waiter[] = [];

  constructor(
    private readonly db: Kysely<any>,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions,
  ) {}

  get name(): string {
    return this.projection.name;
  }

  /** The stream sequence of the last event applied and committed. */
  get position(): number {
    return this.current;
  }

  async start(): Promise<void> {
    if (this.loop) return;
    this.current = await readCheckpoint(this.db, this.name);
    this.options.metrics?.position.set({ projection: this.name }, this.current);
    const controller = new AbortController();
    this.controller = controller;
    this.loop = this.run(controller.signal);
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    await this.loop;
    this.loop = undefined;
    this.controller = undefined;
  }

  /** Empties the read model and replays the stream from the start. */
  async rebuild(): Promise<void> {
    await this.stop();
    await this.db.transaction().execute(async (trx) => {
      for (const table of this.projection.tables) await sql`truncate table ${sql.table(table)} cascade`.execute(trx);
      await writeCheckpoint(trx, this.name, 0);
    });
    await this.start();
  }

  /** How many stream positions the read model is behind (an upper bound when filtered). */
  async lag(): Promise<{ events: number; seconds: number }> {
    const last = await lastSequence(this.jsm, this.options.stream, this.projection.filter);
    const events = Math.max(0, last - this.current);
    const seconds = events > 0 && this.lastOccurredAt ? Math.max(0, (Date.now() - this.lastOccurredAt) / 1000) : 0;
    this.options.metrics?.lag.set({ projection: this.name }, events);
    return { events, seconds };
  }

  /** Resolves once the projection has applied the stream up to `position` (read-your-writes). */
  waitFor(position: number, timeoutMs = 10_000): Promise<void> {
    if (this.current >= position) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`projection ${this.name} did not reach ${position} within ${timeoutMs} ms (at ${this.current})`));
      }, timeoutMs);
      const waiter: Waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves once everything the stream holds now (for this filter) is applied. */
  async catchUp(timeoutMs = 30_000): Promise<void> {
    const last = await lastSequence(this.jsm, this.options.stream, this.projection.filter);
    await this.waitFor(last, timeoutMs);
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await consumeFrom(this.js, {
          stream: this.options.stream,
          filter: this.projection.filter,
          startSeq: this.current + 1,
          batchSize: this.options.batchSize ?? 1000,
          signal,
          onBatch: (events) => this.applyBatch(events),
        });
      } catch (error) {
        if (signal.aborted) break;
        this.options.logger?.error(`projection ${this.name} failed at ${this.current}; resuming from checkpoint`, error);
        this.options.metrics?.failures.inc({ projection: this.name });
        this.current = await readCheckpoint(this.db, this.name).catch(() => this.current);
        await delay(this.options.retryDelayMs ?? 1000, signal);
      }
    }
  }

  private async applyBatch(events: ConsumedEvent[]): Promise<void> {
    // A consumer recreated after a reconnect may hand back what was already committed.
    const fresh = events.filter((e) => e.seq > this.current);
    if (fresh.length === 0) return;
    const last = fresh[fresh.length - 1]!;
    const stopTimer = this.options.metrics?.batchSeconds.startTimer({ projection: this.name });
    await this.db.transaction().execute(async (trx) => {
      // Rows and checkpoint commit together, so a batch need not wait for its WAL flush: a
      // database crash that loses the last batches moves the checkpoint back with them and they
      // are applied again from the stream. Events themselves are never written this way.
      await sql`set local synchronous_commit = off`.execute(trx);
      await this.projection.apply(trx, fresh);
      await writeCheckpoint(trx, this.name, last.seq);
    });
    stopTimer?.();
    this.projection.afterCommit?.(fresh);
    this.current = last.seq;
    this.lastOccurredAt = Date.parse(last.envelope.occurredAt);
    this.options.metrics?.position.set({ projection: this.name }, this.current);
    this.options.metrics?.applied.inc({ projection: this.name }, fresh.length);
    this.releaseWaiters();
  }

  private releaseWaiters(): void {
    const ready = this.waiters.filter((w) => w.position <= this.current);
    this.waiters = this.waiters.filter((w) => w.position > this.current);
    for (const waiter of ready) waiter.resolve();
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
