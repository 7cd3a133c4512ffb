import type { Transaction } from 'kysely';
import type { ConsumedEvent } from '@ws/messaging';

/**
 * A read model (or a checkpointed reaction) fed from one of the node's streams. `apply` receives
 * a batch of events in stream order and writes its rows through `trx`; the runner commits the
 * checkpoint in the same transaction, so a batch either happens once or not at all.
 */
export interface Projection<DB = any> {
  /** Stable name: the checkpoint key. */
  readonly name: string;
  /**
   * Which of the node's streams it reads: `evt` (the subtree's events, the default) or `dir`
   * (directives from the node's ancestors; on nats 2.9 a DIR consumer takes no filter).
   */
  readonly stream?: 'evt' | 'dir';
  /**
   * false for a reaction whose batches act (append events, issue directives) rather than only
   * write rows: replaying it would act again, so it is never rebuilt. Default true.
   */
  readonly rebuildable?: boolean;
  /** Subject filter inside the stream (a subset of its own subjects), or undefined for all. */
  readonly filter?: string;
  /** Tables emptied by a rebuild, children before parents. */
  readonly tables: readonly string[];
  apply(trx: Transaction<DB>, events: readonly ConsumedEvent[]): Promise<void>;
  /** Runs after the batch committed: for in-memory views (e.g. a spatial index) that mirror the rows. */
  afterCommit?(events: readonly ConsumedEvent[]): void;
}
