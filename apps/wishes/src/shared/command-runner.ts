import { Inject, Injectable } from '@nestjs/common';
import type { DomainEvent, EventEnvelope } from '@ws/contracts';
import { AppendMeta, EventStore, StreamTarget, streamIdOf } from '@ws/eventstore';
import { CLOCK, DomainError, fold } from '@ws/kernel';
import type { Clock, Decider } from '@ws/kernel';
import type { Transaction } from 'kysely';
import type { WishesDatabase } from '../db/database';

export interface RunOptions {
  /** From If-Match: a different stream version is a 409 version_conflict. */
  expectedVersion?: number;
  meta?: AppendMeta;
  /** Reactions and the sweeper decide again when another writer got in first. */
  retryOnConflict?: boolean;
  /** Writes that commit with the events (a vault row, a wish number, an idempotency key). */
  alongside?: (trx: Transaction<WishesDatabase>) => Promise<void>;
}

export interface RunResult<S> {
  state: S;
  version: number;
  events: EventEnvelope[];
}

export interface Loaded<S> {
  state: S;
  version: number;
  envelopes: EventEnvelope[];
}

const MAX_ATTEMPTS = 5;

/** Read a stream, fold it, decide, append at the version read: the one way commands are handled. */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EventStore) readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  async load<E extends DomainEvent, S>(decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>, target: StreamTarget): Promise<Loaded<S>> {
    const { events, version } = await this.store.readStream(streamIdOf(target));
    return { state: fold(decider, events as unknown as E[]), version, envelopes: events };
  }

  async run<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    target: StreamTarget,
    command: C | ((state: S) => C),
    options: RunOptions = {},
  ): Promise<RunResult<S>> {
    for (let attempt = 1; ; attempt++) {
      const { state, version } = await this.load(decider, target);
      if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
        throw new DomainError('version_conflict', `${streamIdOf(target)} is at version ${version}, not ${options.expectedVersion}`, undefined, {
          expected: options.expectedVersion,
          actual: version,
        });
      }
      const resolved = typeof command === 'function' ? (command as (state: S) => C)(state) : command;
      const outcome = decider.decide(resolved, state, { now: this.clock.now() });
      if (outcome instanceof DomainError) throw outcome;
      if (outcome.length === 0) return { state, version, events: [] };
      try {
        const alongside = options.alongside;
        const written = alongside
          ? await this.store.transaction(async (trx) => {
              await alongside(trx as unknown as Transaction<WishesDatabase>);
              return this.store.appendToStream(target, version, outcome, options.meta, trx);
            })
          : await this.store.appendToStream(target, version, outcome, options.meta);
        return { state: outcome.reduce(decider.evolve, state), version: version + outcome.length, events: written };
      } catch (error) {
        const conflict = error instanceof DomainError && error.code === 'version_conflict';
        if (!conflict || !options.retryOnConflict || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
