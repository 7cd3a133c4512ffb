import type { Transaction } from 'kysely';
import type { EventStore, UnversionedAppend } from './event-store';

export interface BatchingAppenderOptions<Req, Res> {
  /** Most requests in one transaction (default 1000). */
  maxBatch?: number;
  /** How long the first request of an idle appender waits for company (default 5 ms). */
  maxWaitMs?: number;
  /**
   * Batches in flight at once (default 1). A batch's latency is mostly its commit's WAL flush, so
   * with one at a time throughput is capped at concurrent callers / commit time; facts without
   * ordering between batches (check-ins) can overlap commits safely.
   */
  concurrency?: number;
  /**
   * Runs inside the batch transaction: turns requests into one result each (same order) and
   * the events to append, e.g. after deduplicating idempotency keys with
   * `insert ... on conflict do nothing` in the same transaction.
   */
  process: (trx: Transaction<any>, requests: Req[]) => Promise<{ results: Res[]; appends: UnversionedAppend[] }>;
}

interface Pending<Req, Res> {
  request: Req;
  resolve(result: Res): void;
  reject(error: unknown): void;
}

/**
 * Many concurrent requests → one transaction. One batch is in flight at a time: while it
 * commits, newcomers queue up and become the next batch, so batches grow with the load
 * (group commit) and an idle appender answers after at most maxWaitMs plus one transaction.
 * A failed batch rejects all its submitters and leaves every other batch untouched.
 */
export class BatchingAppender<Req, Res> {
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;
  private pending: Pending<Req, Res>[] = [];
  private timer?: NodeJS.Timeout;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly concurrency: number;
  private closed = false;

  constructor(
    private readonly store: EventStore,
    private readonly options: BatchingAppenderOptions<Req, Res>,
  ) {
    this.maxBatch = options.maxBatch ?? 1000;
    this.maxWaitMs = options.maxWaitMs ?? 5;
    this.concurrency = options.concurrency ?? 1;
    if (this.maxBatch < 1) throw new Error('maxBatch must be at least 1');
  }

  /** Resolves with this request's result once its batch has committed. */
  submit(request: Req): Promise<Res> {
    if (this.closed) return Promise.reject(new Error('BatchingAppender is closed'));
    return new Promise<Res>((resolve, reject) => {
      this.pending.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Refuses new requests and resolves once every pending one is answered. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.inFlight.size > 0 || this.pending.length > 0) {
      this.flush();
      await Promise.all(this.inFlight);
    }
  }

  private schedule(): void {
    if (this.inFlight.size >= this.concurrency) return; // a finishing batch starts the next one
    if (this.pending.length >= this.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight.size >= this.concurrency || this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.maxBatch);
    const running: Promise<void> = this.run(batch).finally(() => {
      this.inFlight.delete(running);
      // Whoever queued meanwhile has already waited a whole transaction.
      this.flush();
    });
    this.inFlight.add(running);
  }

  private async run(batch: Pending<Req, Res>[]): Promise<void> {
    let results: Res[];
    try {
      results = await this.store.transaction(async (trx) => {
        const outcome = await this.options.process(trx, batch.map((p) => p.request));
        if (outcome.results.length !== batch.length) {
          throw new Error(`process returned ${outcome.results.length} results for ${batch.length} requests`);
        }
        await this.store.appendUnversioned(outcome.appends, trx);
        return outcome.results;
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i] as Res));
  }
}
