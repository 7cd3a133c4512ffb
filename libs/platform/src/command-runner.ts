import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Transaction } from 'kysely';
import type { DomainEvent, EventEnvelope } from '@ws/contracts';
import { EventStore, streamIdOf } from '@ws/eventstore';
import type { AppendMeta, StreamTarget } from '@ws/eventstore';
import { CLOCK, DomainError, fold } from '@ws/kernel';
import type { Clock, Decider } from '@ws/kernel';

export interface RunOptions {
  /** From If-Match: the caller's version; a different stream version is a 409 version_conflict. */
  expectedVersion?: number;
  meta?: AppendMeta;
  /**
   * Reactions and schedulers re-read and decide again when another writer got in first; a
   * person's HTTP command is not retried (they see the 409 and look again).
   */
  retryOnConflict?: boolean;
  /** Writes that must commit with the events (a vault row, a public number, an idempotency key). */
  alongside?: (trx: Transaction<any>) => Promise<void>;
  /** Writes that need the events as written (their ids: outbox rows, an append they cause), in their transaction. */
  afterAppend?: (trx: Transaction<any>, written: EventEnvelope[]) => Promise<void>;
  /**
   * The caller's transaction (a reaction's batch, with its checkpoint): the stream is read and
   * written through it. Never retried here: a failed statement has ended it, so the caller retries.
   */
  trx?: Transaction<any>;
}

export interface RunResult<S> {
  /** The state after the command. */
  state: S;
  /** The stream's version after the command: the client's next If-Match. */
  version: number;
  events: EventEnvelope[];
}

export interface Loaded<S> {
  state: S;
  version: number;
  envelopes: EventEnvelope[];
}

/** A command, or what the command is once the current state (and its events) are known. */
export type CommandOf<C, S> = C | ((state: S, envelopes: EventEnvelope[]) => C | Promise<C>);

const MAX_ATTEMPTS = 5;

/** A service's event type → schema version map (e.g. WISHES_EVENT_SCHEMAS), provided beside the runner. */
export const EVENT_SCHEMAS = Symbol('EVENT_SCHEMAS');

/**
 * Read a stream, fold it, decide, append at the version read: the one way a service's command
 * meets its stream (concurrent commands on one stream cannot both win: the event store's
 * unique version). A `command` function may authorise against the state
 * (throw to refuse) or compute what depends on it (the candidates not yet asked). Each event
 * is stamped with its schema version from the service's EVENT_SCHEMAS.
 */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Optional() @Inject(EVENT_SCHEMAS) private readonly schemas: Readonly<Record<string, number>> = {},
  ) {}

  now(): Date {
    return this.clock.now();
  }

  async load<E extends DomainEvent, S>(
    decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>,
    target: StreamTarget,
    trx?: Transaction<any>,
  ): Promise<Loaded<S>> {
    const { events, version } = await this.store.readStream(streamIdOf(target), trx);
    return { state: fold(decider, events as unknown as E[]), version, envelopes: events };
  }

  async run<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    target: StreamTarget,
    command: CommandOf<C, S>,
    options: RunOptions = {},
  ): Promise<RunResult<S>> {
    for (let attempt = 1; ; attempt++) {
      const { state, version, envelopes } = await this.load(decider, target, options.trx);
      if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
        throw new DomainError('version_conflict', `数据已被修改（当前版本 ${version}，请求基于 ${options.expectedVersion}）`, undefined, {
          expected: options.expectedVersion,
          actual: version,
        });
      }
      const resolved = typeof command === 'function' ? await (command as (state: S, envelopes: EventEnvelope[]) => C | Promise<C>)(state, envelopes) : command;
      const outcome = decider.decide(resolved, state, { now: this.clock.now() });
      if (outcome instanceof DomainError) throw outcome;
      if (outcome.length === 0) return { state, version, events: [] };
      try {
        const written = await this.write(target, version, outcome, options);
        return { state: outcome.reduce(decider.evolve, state), version: version + outcome.length, events: written };
      } catch (error) {
        const conflict = error instanceof DomainError && error.code === 'version_conflict';
        if (!conflict || !options.retryOnConflict || options.trx || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /** The append, with what goes alongside and after it in one transaction (the caller's, if given). */
  private write(target: StreamTarget, version: number, events: DomainEvent[], options: RunOptions): Promise<EventEnvelope[]> {
    const { alongside, afterAppend, meta, trx } = options;
    if (!alongside && !afterAppend) return this.append(target, version, events, meta, trx);
    const inTransaction = async (t: Transaction<any>) => {
      await alongside?.(t);
      const written = await this.append(target, version, events, meta, t);
      await afterAppend?.(t, written);
      return written;
    };
    return trx ? inTransaction(trx) : this.transaction(inTransaction);
  }

  /** Appends already-decided events (a change that spans streams, in one `transaction`). */
  append(target: StreamTarget, expectedVersion: number, events: DomainEvent[], meta?: AppendMeta, trx?: Transaction<any>): Promise<EventEnvelope[]> {
    const stamped = events.map((event) => ({ ...event, schema: event.schema ?? this.schemas[event.type] ?? 1 }));
    return this.store.appendToStream(target, expectedVersion, stamped, meta, trx);
  }

  transaction<T>(fn: (trx: Transaction<any>) => Promise<T>): Promise<T> {
    return this.store.transaction(fn);
  }

  readStream(target: StreamTarget, trx?: Transaction<any>): Promise<{ events: EventEnvelope[]; version: number }> {
    return this.store.readStream(streamIdOf(target), trx);
  }
}
