import { Inject, Injectable } from '@nestjs/common';
import type { Kysely, Transaction } from 'kysely';
import { DomainEvent, MEMBERSHIP_CONTEXT, MEMBERSHIP_EVENT_SCHEMAS, MembershipAggregate, MembershipContextEventType } from '@ws/contracts';
import { AppendMeta, EventStore, StreamTarget } from '@ws/eventstore';
import { CLOCK, type Clock, Decider, DomainError, fold } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { MembershipDatabase } from '../db/database';

export interface Loaded<S> {
  state: S;
  version: number;
}

export function target(aggregate: MembershipAggregate, aggregateId: string): StreamTarget {
  return { context: MEMBERSHIP_CONTEXT, aggregate, aggregateId };
}

/** Events with their schema version attached, as the store writes them to the `ws-schema` header. */
export function versioned<E extends DomainEvent>(events: E[]): E[] {
  return events.map((event) => ({ ...event, schema: MEMBERSHIP_EVENT_SCHEMAS[event.type as MembershipContextEventType] }));
}

/** A decider's refusal thrown, so the problem filter answers it; events returned otherwise. */
export function orThrow<E>(outcome: E[] | DomainError): E[] {
  if (outcome instanceof DomainError) throw outcome;
  return outcome;
}

/**
 * Read a stream, fold it, decide, append at the version read (or the one the client sent with
 * If-Match): the write path every use case shares. `alongside` runs in the append's transaction,
 * for the registry rows that must change with the events (uniqueness, look-ups).
 */
@Injectable()
export class Aggregates {
  constructor(
    readonly store: EventStore,
    @Inject(DB) readonly db: Kysely<MembershipDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A transaction typed for this service's tables (the event store's own is typed for its two). */
  transaction<T>(fn: (trx: Transaction<MembershipDatabase>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  now(): Date {
    return this.clock.now();
  }

  async load<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, stream: StreamTarget): Promise<Loaded<S>> {
    const { events, version } = await this.store.readStream(`${stream.aggregate}-${stream.aggregateId}`);
    return { state: fold(decider, events as unknown as E[]), version };
  }

  /** Many streams of one aggregate in one query (bulk approvals): id → state and version. */
  async loadMany<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, aggregate: MembershipAggregate, ids: string[]): Promise<Map<string, Loaded<S>>> {
    const unique = [...new Set(ids)];
    const loaded = new Map<string, Loaded<S>>(unique.map((id) => [id, { state: decider.initialState(), version: 0 }]));
    if (unique.length === 0) return loaded;
    const prefix = `${aggregate}-`;
    const rows = await this.db
      .selectFrom('events')
      .select(['stream_id', 'stream_version', 'type', 'data'])
      .where('stream_id', 'in', unique.map((id) => `${prefix}${id}`))
      .orderBy('global_position')
      .execute();
    for (const row of rows) {
      const id = row.stream_id.slice(prefix.length);
      const current = loaded.get(id)!;
      const state = decider.evolve(current.state, { type: row.type, data: row.data } as E);
      loaded.set(id, { state, version: Math.max(current.version, row.stream_version ?? 0) });
    }
    return loaded;
  }

  decide<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, command: C, state: S): E[] {
    return orThrow(decider.decide(command, state, { now: this.clock.now() }));
  }

  /** Appends in `trx`; refuses with version_conflict if the client's If-Match differs from what was read. */
  async append<E extends DomainEvent>(
    trx: Transaction<MembershipDatabase>,
    stream: StreamTarget,
    loadedVersion: number,
    events: E[],
    meta: AppendMeta,
    expectedVersion?: number,
  ): Promise<void> {
    if (expectedVersion !== undefined && expectedVersion !== loadedVersion) {
      throw new DomainError('version_conflict', `${stream.aggregate}-${stream.aggregateId} is at version ${loadedVersion}, not ${expectedVersion}`, undefined, {
        expected: expectedVersion,
        actual: loadedVersion,
      });
    }
    if (events.length === 0) return;
    await this.store.appendToStream(stream, loadedVersion, versioned(events), meta, trx);
  }

  /** Many streams in one statement (bulk submissions and approvals): all written, or version_conflict. */
  async appendMany(
    trx: Transaction<MembershipDatabase>,
    appends: Array<{ stream: StreamTarget; loadedVersion: number; events: DomainEvent[] }>,
    meta: AppendMeta,
  ): Promise<void> {
    await this.store.appendToStreams(
      appends.map((a) => ({ target: a.stream, expectedVersion: a.loadedVersion, events: versioned(a.events), meta })),
      trx,
    );
  }

  /** One aggregate, one command: load, decide, append with whatever must change alongside. */
  async handle<C, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    stream: StreamTarget,
    command: C | ((state: S) => C | Promise<C>),
    options: {
      meta: AppendMeta;
      expectedVersion?: number;
      alongside?: (trx: Transaction<MembershipDatabase>, events: E[], before: S) => Promise<void>;
    },
  ): Promise<{ events: E[]; before: S; version: number }> {
    const { state, version } = await this.load(decider, stream);
    const resolved = typeof command === 'function' ? await (command as (state: S) => C | Promise<C>)(state) : command;
    const events = this.decide(decider, resolved, state);
    if (events.length > 0 || options.expectedVersion !== undefined) {
      await this.transaction(async (trx) => {
        await this.append(trx, stream, version, events, options.meta, options.expectedVersion);
        if (events.length > 0) await options.alongside?.(trx, events, state);
      });
    }
    return { events, before: state, version: version + events.length };
  }
}
