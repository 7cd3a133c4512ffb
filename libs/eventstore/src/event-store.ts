import { Kysely, Selectable, Transaction } from 'kysely';
import type { DomainEvent, EventEnvelope, NodeRef } from '@ws/contracts';
import { Clock, DomainError, newId, kernelError } from '@ws/kernel';
import { committedTransaction } from './commit-hooks';
import { insertUnversioned, insertVersioned, insertVersionedMany } from './append-statements';
import { PreparedEvent, prepareEvents } from './envelopes';
import { STREAM_VERSION_UNIQUE } from './migrations';
import { AppendMeta, derivedEventId, StreamTarget, streamIdOf } from './stream-target';
import type { EventStoreTables, EventsTable } from './tables';

export interface UnversionedAppend {
  target: StreamTarget;
  event: DomainEvent;
  meta?: AppendMeta;
  /** A derived id makes the append idempotent: an id already stored is skipped. */
  eventId?: string;
}

/** One stream's part of a multi-stream append: written only if the stream is at `expectedVersion`. */
export interface VersionedAppend {
  target: StreamTarget;
  expectedVersion: number;
  events: DomainEvent[];
  meta?: AppendMeta;
}

/** Streams of events in the service's own database; every append also writes its outbox rows. */
export class EventStore {
  constructor(
    private readonly db: Kysely<EventStoreTables>,
    private readonly node: NodeRef,
    private readonly clock: Clock,
  ) {}

  /** Whether an append made with `idsFrom` (a reaction's: see AppendMeta) is stored: one look-up of its first event's id. */
  async appended(idsFrom: string, trx?: Transaction<any>): Promise<boolean> {
    const db = (trx ?? this.db) as Kysely<EventStoreTables>;
    return (await db.selectFrom('events').select('event_id').where('event_id', '=', derivedEventId(idsFrom, 0)).executeTakeFirst()) !== undefined;
  }

  /** Version 0 means no events; the first event is version 1. Through `trx` if given (a write about to follow in it). */
  async readStream(streamId: string, trx?: Transaction<any>): Promise<{ events: EventEnvelope[]; version: number }> {
    const db = (trx ?? this.db) as Kysely<EventStoreTables>;
    const rows = await db.selectFrom('events').selectAll().where('stream_id', '=', streamId).orderBy('global_position').execute();
    const version = rows.reduce((max, row) => Math.max(max, row.stream_version ?? 0), 0);
    return { events: rows.map(envelopeOf), version };
  }

  /**
   * A stream's versioned events from `version` on (that event included), in version order: what a
   * caller holding the state up to `version` needs to catch up, after checking the event at
   * `version` is the one it folded (CommandRunner's kept states).
   */
  async readStreamFrom(streamId: string, version: number, trx?: Transaction<any>): Promise<EventEnvelope[]> {
    const db = (trx ?? this.db) as Kysely<EventStoreTables>;
    const rows = await db.selectFrom('events').selectAll().where('stream_id', '=', streamId).where('stream_version', '>=', version).orderBy('stream_version').execute();
    return rows.map(envelopeOf);
  }

  /**
   * A page of a stream's versioned events, newest first: at most `limit`, those below
   * `beforeVersion` when given (the last version of the page before). A long stream's entries
   * (a points account) are listed without reading all of it.
   */
  async readStreamBackward(streamId: string, limit: number, beforeVersion?: number): Promise<EventEnvelope[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('stream_id', '=', streamId)
      .where('stream_version', 'is not', null)
      .$if(beforeVersion !== undefined, (q) => q.where('stream_version', '<', beforeVersion!))
      .orderBy('stream_version', 'desc')
      .limit(limit)
      .execute();
    return rows.map(envelopeOf);
  }

  /** Many streams in one query (a bulk approval's applications): stream id → its events and version; a stream without events is absent. */
  async readStreams(streamIds: readonly string[], trx?: Transaction<any>): Promise<Map<string, { events: EventEnvelope[]; version: number }>> {
    const streams = new Map<string, { events: EventEnvelope[]; version: number }>();
    if (streamIds.length === 0) return streams;
    const db = (trx ?? this.db) as Kysely<EventStoreTables>;
    const rows = await db.selectFrom('events').selectAll().where('stream_id', 'in', [...new Set(streamIds)]).orderBy('global_position').execute();
    for (const row of rows) {
      const stream = streams.get(row.stream_id) ?? { events: [], version: 0 };
      stream.events.push(envelopeOf(row));
      stream.version = Math.max(stream.version, row.stream_version ?? 0);
      streams.set(row.stream_id, stream);
    }
    return streams;
  }

  /**
   * Optimistic concurrency: throws DomainError('version_conflict', ..., { expected, actual }) unless
   * the stream is at `expectedVersion`. Events and their outbox rows are written atomically (in
   * `trx` if given).
   */
  async appendToStream(
    target: StreamTarget,
    expectedVersion: number,
    events: DomainEvent[],
    meta?: AppendMeta,
    trx?: Transaction<any>,
  ): Promise<EventEnvelope[]> {
    if (!Number.isInteger(expectedVersion) || expectedVersion < 0) throw new Error(`expected version must be a whole number ≥ 0: ${expectedVersion}`);
    if (events.length === 0) return [];
    const streamId = streamIdOf(target);
    const prepared = prepareEvents({
      node: this.node,
      target,
      events,
      versionBefore: expectedVersion,
      eventIds: eventIdsFor(events, meta),
      occurredAt: this.clock.now(),
      meta,
    });
    let actual: number;
    try {
      actual = await insertVersioned(trx ?? this.db, streamId, expectedVersion, prepared);
    } catch (error) {
      if (violates(error, STREAM_VERSION_UNIQUE)) throw versionConflict(streamId, expectedVersion, await this.currentVersion(streamId));
      throw error;
    }
    if (actual !== expectedVersion) throw versionConflict(streamId, expectedVersion, actual);
    return prepared.map((p) => p.envelope);
  }

  /**
   * Many streams at once (a fair's 500 applications, a bulk approval): one statement, each
   * stream at its expected version or nothing is written (DomainError('version_conflict') naming
   * the first stream that moved). A stream may appear only once.
   */
  async appendToStreams(appends: VersionedAppend[], trx?: Transaction<any>): Promise<EventEnvelope[]> {
    const streams = appends.filter((a) => a.events.length > 0);
    if (streams.length === 0) return [];
    const occurredAt = this.clock.now();
    const prepared = streams.map((a) => {
      if (!Number.isInteger(a.expectedVersion) || a.expectedVersion < 0) throw new Error(`expected version must be a whole number ≥ 0: ${a.expectedVersion}`);
      const streamId = streamIdOf(a.target);
      const events = prepareEvents({ node: this.node, target: a.target, events: a.events, versionBefore: a.expectedVersion, eventIds: eventIdsFor(a.events, a.meta), occurredAt, meta: a.meta });
      return { streamId, expectedVersion: a.expectedVersion, events };
    });
    if (new Set(prepared.map((p) => p.streamId)).size !== prepared.length) throw new Error('appendToStreams: a stream may appear only once');
    let seen: Array<{ streamId: string; expected: number; version: number }>;
    try {
      seen = await insertVersionedMany(trx ?? this.db, prepared);
    } catch (error) {
      if (violates(error, STREAM_VERSION_UNIQUE)) throw kernelError('version_conflict', 'a stream of this append was written concurrently');
      throw error;
    }
    const moved = seen.find((s) => s.version !== s.expected);
    if (moved) throw versionConflict(moved.streamId, moved.expected, moved.version);
    return prepared.flatMap((p) => p.events.map((e) => e.envelope));
  }

  /**
   * High-volume facts without invariants (check-ins): no version check, stream_version null,
   * all items in one statement. Returns the envelopes written (an already-stored eventId is skipped).
   */
  async appendUnversioned(items: UnversionedAppend[], trx?: Transaction<any>): Promise<EventEnvelope[]> {
    if (items.length === 0) return [];
    const occurredAt = this.clock.now();
    const prepared = new Map<string, PreparedEvent>();
    for (const item of items) {
      const eventId = item.eventId ?? newId();
      if (prepared.has(eventId)) continue;
      const [event] = prepareEvents({ node: this.node, target: item.target, events: [item.event], versionBefore: null, eventIds: [eventId], occurredAt, meta: item.meta });
      prepared.set(eventId, event!);
    }
    const written = await insertUnversioned(trx ?? this.db, [...prepared.values()]);
    return [...prepared.values()].filter((p) => written.has(p.envelope.eventId)).map((p) => p.envelope);
  }

  /** A transaction whose onCommit hooks run once it committed. */
  transaction<T>(fn: (trx: Transaction<EventStoreTables>) => Promise<T>): Promise<T> {
    return committedTransaction(this.db, fn);
  }

  private async currentVersion(streamId: string): Promise<number> {
    const row = await this.db
      .selectFrom('events')
      .select((eb) => eb.fn.max('stream_version').as('version'))
      .where('stream_id', '=', streamId)
      .executeTakeFirst();
    return row?.version ?? 0;
  }
}

function versionConflict(streamId: string, expected: number, actual: number): DomainError {
  return kernelError('version_conflict', `${streamId} is at version ${actual}, not ${expected}`, undefined, { expected, actual });
}

function violates(error: unknown, constraint: string): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError?.code === '23505' && pgError.constraint === constraint;
}

function envelopeOf(row: Selectable<EventsTable>): EventEnvelope {
  return {
    eventId: row.event_id,
    type: row.type,
    schema: row.schema,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    occurredAt: row.occurred_at.toISOString(),
    data: row.data,
    metadata: row.metadata,
  };
}

/** New ids, or ids derived from the append's `idsFrom` (a reaction's). */
function eventIdsFor(events: readonly DomainEvent[], meta?: AppendMeta): string[] {
  return events.map((_, index) => (meta?.idsFrom ? derivedEventId(meta.idsFrom, index) : newId()));
}
