import type { Transaction } from 'kysely';
import type { ConsumedEvent } from '@ws/messaging';

/**
 * A read model fed from the node's EVT stream. `apply` receives a batch of events in stream
 * order and writes its rows through `trx`; the runner commits the checkpoint in the same
 * transaction, so a batch either happens once or not at all.
 */
export interface Projection<DB = any> {
  /** Stable name: the checkpoint key. */
  readonly name: string;
  /** Subject filter inside the EVT stream (a subset of its own subjects), or undefined for all. */
  readonly filter?: string;
  /** Tables emptied by a rebuild, children before parents. */
  readonly tables: readonly string[];
  apply(trx: Transaction<DB>, events: readonly ConsumedEvent[]): Promise<void>;
  /** Runs after the batch committed: for in-memory views (e.g. a spatial index) that mirror the rows. */
  afterCommit?(events: readonly ConsumedEvent[]): void;
}
