import type { Transaction } from 'kysely';
import type { ConsumedEvent } from '@ws/messaging';

/**
 * An event from another node that speaks for something that node does not own: the node in its
 * subject is not the node the fact is about (a station's facts come only from the station's
 * node, a receipt only from the node that received, a directive only from its issuer). A
 * federation link lets a node publish only its own subtree's subjects; what the payload claims
 * is checked here, by the read model that knows who owns what.
 */
export interface ForgedEvent {
  seq: number;
  /** Why, one line, for the ops endpoint and the log. */
  detail: string;
}

/**
 * What a reaction set aside of an event it applied: `forged` (it did not act: the event did not
 * come from its origin; parked), or `refused` (the domain refused part of what the event asked,
 * before anything was written for that part; the rest commits and the refusal is recorded).
 */
export interface SetAsideEvent extends ForgedEvent {
  reason: 'forged' | 'refused';
}

/**
 * What a ProjectionRunner runs: a read model, or a reaction (libs/platform turns an EventReaction
 * into one), fed from one of the node's streams. `apply` receives a batch of events in stream
 * order and writes through `trx`; the runner commits the checkpoint in the same transaction, so a
 * batch either happens once or not at all.
 */
export interface Projection<DB = any> {
  /** Stable name: the checkpoint key. */
  readonly name: string;
  /**
   * Which of the node's streams it reads: `evt` (the subtree's events, the default) or `dir`
   * (directives from the node's ancestors; on nats 2.9 a DIR consumer takes no filter).
   */
  readonly stream?: 'evt' | 'dir';
  /** Subject filter inside the stream (a subset of its own subjects), or undefined for all. */
  readonly filter?: string;
  /** Tables emptied by a rebuild, children before parents. */
  readonly tables: readonly string[];
  /**
   * Applies what it may and returns the events it refused to apply because they did not come
   * from their origin (see ForgedEvent); the runner parks those in the same transaction. A
   * reaction throws EventRefused for an event the domain refuses (see there), and answers a
   * part refused as a SetAsideEvent.
   */
  apply(trx: Transaction<DB>, events: readonly ConsumedEvent[]): Promise<void | readonly (ForgedEvent | SetAsideEvent)[]>;
  /** Runs after the batch committed: for in-memory views (e.g. a spatial index) that mirror the rows. */
  afterCommit?(events: readonly ConsumedEvent[]): void;
}

/**
 * A reaction's event that the domain refused (a DomainError: the wish was withdrawn, the day's
 * points are used up). Retrying could not change the answer, so the runner rolls the batch back,
 * commits what came before the event, records the event as `refused` in parked_messages with the
 * checkpoint past it (health stays green; /admin/parked?refused=true lists it) and goes on.
 */
export class EventRefused extends Error {
  constructor(
    readonly seq: number,
    readonly code: string,
    detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}
