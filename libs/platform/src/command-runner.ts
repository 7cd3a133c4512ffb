import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from 'kysely';
import type { DomainEvent, EventEnvelope } from '@ws/contracts';
import { EventStore, onCommit } from '@ws/eventstore';
import type { AppendMeta } from '@ws/eventstore';
import { CLOCK, DomainError, fold, kernelError } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import type { AggregateDefinition } from './aggregate';
import { type KeptState, KeptStates } from './kept-states';

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

/** One stream's part of a change that spans streams (a merge, a bulk approval), decided beforehand. */
export interface StreamAppend {
  aggregate: AggregateDefinition<unknown, DomainEvent, unknown>;
  id: string;
  /** The version the decision was made at. */
  expectedVersion: number;
  events: DomainEvent[];
}

const MAX_ATTEMPTS = 5;

/** If-Match: the caller's version must be the stream's, else 409 version_conflict. */
export function refuseStaleVersion(expectedVersion: number | undefined, version: number): void {
  if (expectedVersion === undefined || expectedVersion === version) return;
  throw kernelError('version_conflict', `数据已被修改（当前版本 ${version}，请求基于 ${expectedVersion}）`, undefined, {
    expected: expectedVersion,
    actual: version,
  });
}

/**
 * Read a stream, fold it, decide, append at the version read: the one way a service's command
 * meets its streams (concurrent commands on one stream cannot both win: the event store's
 * unique version). An aggregate is named by its definition (defineAggregate) and an id; each
 * event is stamped with the schema version the definition gives its type. A `command` function
 * may authorise against the state (throw to refuse) or compute what depends on it (the
 * candidates not yet asked). A change that spans streams loads each, `decide`s, and `append`s
 * them in one `transaction`.
 */
@Injectable()
export class CommandRunner {
  private readonly kept = new Map<AggregateDefinition<any, any, any>, KeptStates<unknown>>();

  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  async load<C, E extends DomainEvent, S>(aggregate: AggregateDefinition<C, E, S>, id: string, trx?: Transaction<any>): Promise<Loaded<S>> {
    const { events, version } = await this.store.readStream(aggregate.streamId(id), trx);
    return { state: fold(aggregate.decider, events as unknown as E[]), version, envelopes: events };
  }

  /**
   * The stream's state and version now, for a read (a points balance): from its kept state and
   * the events since when the aggregate keeps states, so a long stream is not folded per request.
   */
  async current<C, E extends DomainEvent, S>(aggregate: AggregateDefinition<C, E, S>, id: string): Promise<{ state: S; version: number }> {
    const kept = this.keptStatesOf(aggregate);
    const { state, version } = kept ? await this.loadKept(aggregate, kept, id) : await this.load(aggregate, id);
    return { state, version };
  }

  /** A page of the stream's events, newest first, below `beforeVersion` if given: the entries of a long stream (EventStore.readStreamBackward). */
  entries<C, E extends DomainEvent, S>(aggregate: AggregateDefinition<C, E, S>, id: string, limit: number, beforeVersion?: number): Promise<EventEnvelope[]> {
    return this.store.readStreamBackward(aggregate.streamId(id), limit, beforeVersion);
  }

  /** Many streams of one aggregate in one query (a bulk approval): id → state and version; an id without events has the initial state at version 0. */
  async loadMany<C, E extends DomainEvent, S>(aggregate: AggregateDefinition<C, E, S>, ids: readonly string[], trx?: Transaction<any>): Promise<Map<string, Loaded<S>>> {
    const streams = await this.store.readStreams(
      ids.map((id) => aggregate.streamId(id)),
      trx,
    );
    const loaded = new Map<string, Loaded<S>>();
    for (const id of ids) {
      const { events, version } = streams.get(aggregate.streamId(id)) ?? { events: [], version: 0 };
      loaded.set(id, { state: fold(aggregate.decider, events as unknown as E[]), version, envelopes: events });
    }
    return loaded;
  }

  private keptStatesOf<S>(aggregate: AggregateDefinition<unknown, DomainEvent, S>): KeptStates<S> | undefined {
    if (aggregate.keptStates === 0) return undefined;
    let kept = this.kept.get(aggregate);
    if (!kept) this.kept.set(aggregate, (kept = new KeptStates(aggregate.keptStates)));
    return kept as KeptStates<S>;
  }

  /**
   * The stream's state from its kept state and the events since: read from the kept version on,
   * the event there must be the one folded — else (never expected of append-only streams, but a
   * wrong state costs more than a full read) the whole stream is folded again. In a caller's
   * transaction (a reaction's batch) nothing is read outside it — npm start's services have one
   * pooled connection each, which the transaction holds.
   */
  private async loadKept<C, E extends DomainEvent, S>(aggregate: AggregateDefinition<C, E, S>, kept: KeptStates<S>, id: string, trx?: Transaction<any>): Promise<Loaded<S>> {
    const streamId = aggregate.streamId(id);
    const held = kept.get(streamId);
    const since = held ? await this.store.readStreamFrom(streamId, held.version, trx) : [];
    const loaded = held && since[0]?.eventId === held.lastEventId ? foldSince(aggregate, held, since) : await this.load(aggregate, id, trx);
    const last = loaded.envelopes.find((e) => e.streamVersion === loaded.version);
    if (last) keepCommitted(kept, streamId, { version: loaded.version, lastEventId: last.eventId, state: loaded.state }, trx);
    else if (loaded.version === 0) kept.forget(streamId);
    return loaded;
  }

  /** The decider's events for `command` at the clock's time; its refusal is thrown, for the problem filter to answer. */
  decide<C, E extends DomainEvent, S>(aggregate: AggregateDefinition<C, E, S>, command: C, state: S): E[] {
    const outcome = aggregate.decider.decide(command, state, { now: this.clock.now() });
    if (outcome instanceof DomainError) throw outcome;
    return outcome;
  }

  /** The aggregate alone fixes C and S: the command (or the function returning it) is typed by them, so its literals stay literal. */
  async run<C, E extends DomainEvent, S>(aggregate: AggregateDefinition<C, E, S>, id: string, command: NoInfer<CommandOf<C, S>>, options: RunOptions = {}): Promise<RunResult<S>> {
    // A command function is given every envelope of the stream; a kept state has only its fold.
    const kept = typeof command === 'function' ? undefined : this.keptStatesOf(aggregate);
    for (let attempt = 1; ; attempt++) {
      const { state, version, envelopes } = kept ? await this.loadKept(aggregate, kept, id, options.trx) : await this.load(aggregate, id, options.trx);
      // A reaction's append for a copy of an event it has acted on: its derived ids are stored.
      if (options.meta?.idsFrom && (await this.store.appended(options.meta.idsFrom, options.trx))) return { state, version, events: [] };
      refuseStaleVersion(options.expectedVersion, version);
      const resolved = typeof command === 'function' ? await (command as (state: S, envelopes: EventEnvelope[]) => C | Promise<C>)(state, envelopes) : command;
      const outcome = this.decide(aggregate, resolved, state);
      if (outcome.length === 0) return { state, version, events: [] };
      try {
        const written = await this.write(aggregate, id, version, outcome, options);
        const after = { state: outcome.reduce(aggregate.decider.evolve, state), version: version + outcome.length };
        if (kept) keepCommitted(kept, aggregate.streamId(id), { ...after, lastEventId: written[written.length - 1]!.eventId }, options.trx);
        return { ...after, events: written };
      } catch (error) {
        const conflict = error instanceof DomainError && error.code === 'version_conflict';
        if (!conflict || !options.retryOnConflict || options.trx || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /** The append, with what goes alongside and after it in one transaction (the caller's, if given). */
  private write<E extends DomainEvent>(aggregate: AggregateDefinition<unknown, E, unknown>, id: string, version: number, events: E[], options: RunOptions): Promise<EventEnvelope[]> {
    const { alongside, afterAppend, meta, trx } = options;
    if (!alongside && !afterAppend) return this.append(aggregate, id, version, events, meta, trx);
    const inTransaction = async (t: Transaction<any>) => {
      await alongside?.(t);
      const written = await this.append(aggregate, id, version, events, meta, t);
      await afterAppend?.(t, written);
      return written;
    };
    return trx ? inTransaction(trx) : this.transaction(inTransaction);
  }

  /** Appends already-decided events to one stream (a part of a change that spans streams, in one `transaction`). */
  append<E extends DomainEvent>(
    aggregate: AggregateDefinition<unknown, E, unknown>,
    id: string,
    expectedVersion: number,
    events: E[],
    meta?: AppendMeta,
    trx?: Transaction<any>,
  ): Promise<EventEnvelope[]> {
    return this.store.appendToStream(aggregate.target(id), expectedVersion, stamped(aggregate, events), meta, trx);
  }

  /** Many streams in one statement (bulk submissions and approvals): all written, or version_conflict naming the first that moved. */
  appendMany(appends: StreamAppend[], meta?: AppendMeta, trx?: Transaction<any>): Promise<EventEnvelope[]> {
    return this.store.appendToStreams(
      appends.map((a) => ({ target: a.aggregate.target(a.id), expectedVersion: a.expectedVersion, events: stamped(a.aggregate, a.events), ...(meta ? { meta } : {}) })),
      trx,
    );
  }

  /** One transaction for several commands (pass it as `trx`): the states they decided are kept once it commits. */
  transaction<T>(fn: (trx: Transaction<any>) => Promise<T>): Promise<T> {
    return this.store.transaction(fn);
  }
}

/** Events with their schema version, as the store writes it to the `ws-schema` header. */
function stamped<E extends DomainEvent>(aggregate: AggregateDefinition<unknown, E, unknown>, events: E[]): E[] {
  return events.map((event) => ({ ...event, schema: event.schema ?? aggregate.schemas[event.type] ?? 1 }));
}

/**
 * Keeps only committed states: one read or written in a caller's transaction (which sees its own
 * writes before they commit) is kept once that transaction has committed, if it was opened with
 * its commit hooks (CommandRunner.transaction, a projection runner's batch), and never if it
 * rolls back.
 */
function keepCommitted<S>(kept: KeptStates<S>, streamId: string, state: KeptState<S>, trx: Transaction<any> | undefined): void {
  if (trx) onCommit(trx, () => kept.keep(streamId, state));
  else kept.keep(streamId, state);
}

/** A kept state with the events after it (`since` starts with the kept version's event). */
function foldSince<C, E extends DomainEvent, S>(aggregate: AggregateDefinition<C, E, S>, held: KeptState<S>, since: EventEnvelope[]): Loaded<S> {
  const newer = since.slice(1);
  const state = newer.reduce((s, e) => aggregate.decider.evolve(s, e as unknown as E), held.state);
  return { state, version: newer.length > 0 ? newer[newer.length - 1]!.streamVersion! : held.version, envelopes: newer };
}
