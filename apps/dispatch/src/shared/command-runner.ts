import { Inject, Injectable } from '@nestjs/common';
import type { DomainEvent, EventEnvelope } from '@ws/contracts';
import { EventStore, streamIdOf } from '@ws/eventstore';
import type { AppendMeta, StreamTarget } from '@ws/eventstore';
import { CLOCK, Decider, DomainError, fold } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import type { Transaction } from 'kysely';

export interface RunOptions {
  /** From If-Match: the caller's version; a different stream version is a 409 version_conflict. */
  expectedVersion?: number;
  meta?: AppendMeta;
  /**
   * Reactions and the scheduler re-read and decide again when another writer got in first;
   * a person's HTTP command without If-Match is not retried (they see the 409).
   */
  retryOnConflict?: boolean;
  /** Writes that must commit with the events (e.g. the personal-data vault row). */
  alongside?: (trx: Transaction<any>) => Promise<void>;
}

export interface RunResult<S> {
  state: S;
  version: number;
  events: EventEnvelope[];
}

const MAX_ATTEMPTS = 5;

/** Read a stream, fold it, decide, append at the version read: the one way commands are handled. */
@Injectable()
export class CommandRunner {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async load<E extends DomainEvent, S>(decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>, target: StreamTarget) {
    const { events, version } = await this.store.readStream(streamIdOf(target));
    return { state: fold(decider, events as unknown as E[]), version, envelopes: events };
  }

  /** `command` may depend on the current state (e.g. the candidates not yet asked). */
  async run<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    target: StreamTarget,
    command: (state: S, envelopes: EventEnvelope[]) => NoInfer<C> | Promise<NoInfer<C>>,
    options: RunOptions = {},
  ): Promise<RunResult<S>> {
    for (let attempt = 1; ; attempt++) {
      const { state, version, envelopes } = await this.load(decider, target);
      if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
        throw new DomainError('version_conflict', `${streamIdOf(target)} is at version ${version}, not ${options.expectedVersion}`, undefined, {
          expected: options.expectedVersion,
          actual: version,
        });
      }
      const outcome = decider.decide(await command(state, envelopes), state, { now: this.clock.now() });
      if (outcome instanceof DomainError) throw outcome;
      if (outcome.length === 0) return { state, version, events: [] };
      try {
        const written = options.alongside
          ? await this.store.transaction(async (trx) => {
              await options.alongside!(trx);
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

/** The If-Match header as an expected version: `"3"`, `3` or `W/"3"`; absent means none. */
export function expectedVersionFrom(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch === '') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!match) throw new DomainError('validation_failed', 'If-Match 应为版本号，如 "3"', 'If-Match');
  return Number(match[1]);
}
