import { Kysely, RawBuilder, sql, Transaction } from 'kysely';
import type { PreparedEvent } from './envelopes';

type Executor = Kysely<any> | Transaction<any>;

/*
 * Each append is one statement: the events insert and the outbox insert are data-modifying CTEs
 * over unnest(...) arrays, so N events cost one round trip and a fixed number of parameters
 * (a multi-row VALUES would need 11 per event and hit Postgres' 65 535 limit on big batches).
 * A single statement is atomic even outside a transaction. Outbox rows take their positions in
 * the order of the events (order by ordinality), which is what keeps a stream's versions in order.
 */

function eventColumns(events: PreparedEvent[]) {
  return {
    ids: events.map((e) => e.envelope.eventId),
    types: events.map((e) => e.envelope.type),
    schemas: events.map((e) => e.envelope.schema),
    subjects: events.map((e) => e.subject),
    data: events.map((e) => JSON.stringify(e.envelope.data ?? null)),
    metadata: events.map((e) => JSON.stringify(e.envelope.metadata)),
    occurredAt: events.map((e) => e.envelope.occurredAt),
  };
}

/** Outbox rows for the events the `inserted` CTE actually wrote. */
function outboxInsert(events: PreparedEvent[]): RawBuilder<unknown> {
  return sql`
    insert into outbox (event_id, subject, headers, payload, stream_id)
    select o.event_id, o.subject, o.headers, o.payload, o.stream_id
    from unnest(
      ${events.map((e) => e.envelope.eventId)}::uuid[], ${events.map((e) => e.subject)}::text[],
      ${events.map((e) => JSON.stringify(e.headers))}::jsonb[], ${events.map((e) => e.payload)}::text[],
      ${events.map((e) => e.envelope.streamId)}::text[]
    ) with ordinality as o(event_id, subject, headers, payload, stream_id, ord)
    where o.event_id in (select event_id from inserted)
    order by o.ord
    returning event_id`;
}

/**
 * Appends to one stream if, in this statement's snapshot, it is at `expectedVersion`; returns the
 * version it saw (events were written only if that equals `expectedVersion`). A concurrent
 * writer of the same versions makes this fail with a unique violation once that writer commits.
 */
export async function insertVersioned(
  db: Executor,
  streamId: string,
  expectedVersion: number,
  events: PreparedEvent[],
): Promise<number> {
  const c = eventColumns(events);
  const { rows } = await sql<{ version: number }>`
    with current_version as (
      select coalesce(max(stream_version), 0) as version from events where stream_id = ${streamId}
    ),
    inserted as (
      insert into events (stream_id, stream_version, event_id, type, schema, subject, data, metadata, occurred_at)
      select ${streamId}, ${expectedVersion}::int + e.ord::int, e.event_id, e.type, e.schema, e.subject, e.data, e.metadata, e.occurred_at
      from unnest(
        ${c.ids}::uuid[], ${c.types}::text[], ${c.schemas}::int[], ${c.subjects}::text[],
        ${c.data}::jsonb[], ${c.metadata}::jsonb[], ${c.occurredAt}::timestamptz[]
      ) with ordinality as e(event_id, type, schema, subject, data, metadata, occurred_at, ord)
      where (select version from current_version) = ${expectedVersion}
      order by e.ord
      returning event_id
    ),
    outboxed as (${outboxInsert(events)})
    select version from current_version`.execute(db);
  return rows[0]!.version;
}

/**
 * Appends facts to many streams without versions. An event id already stored is skipped, so a
 * redelivered reaction that derives its event ids from the cause appends nothing twice.
 * Returns the ids written.
 */
export async function insertUnversioned(db: Executor, events: PreparedEvent[]): Promise<Set<string>> {
  const c = eventColumns(events);
  const { rows } = await sql<{ event_id: string }>`
    with inserted as (
      insert into events (stream_id, stream_version, event_id, type, schema, subject, data, metadata, occurred_at)
      select e.stream_id, null, e.event_id, e.type, e.schema, e.subject, e.data, e.metadata, e.occurred_at
      from unnest(
        ${events.map((e) => e.envelope.streamId)}::text[],
        ${c.ids}::uuid[], ${c.types}::text[], ${c.schemas}::int[], ${c.subjects}::text[],
        ${c.data}::jsonb[], ${c.metadata}::jsonb[], ${c.occurredAt}::timestamptz[]
      ) with ordinality as e(stream_id, event_id, type, schema, subject, data, metadata, occurred_at, ord)
      order by e.ord
      on conflict (event_id) do nothing
      returning event_id
    ),
    outboxed as (${outboxInsert(events)})
    select event_id from outboxed`.execute(db);
  return new Set(rows.map((r) => r.event_id));
}

/**
 * Appends to many streams in one statement, each only if (in this statement's snapshot) it is at
 * its expected version; if any is not, nothing is written. Returns the version each stream was
 * seen at. Concurrent writers of the same versions fail on the unique index, as for one stream.
 */
export async function insertVersionedMany(
  db: Executor,
  streams: Array<{ streamId: string; expectedVersion: number; events: PreparedEvent[] }>,
): Promise<Array<{ streamId: string; expected: number; version: number }>> {
  const events = streams.flatMap((s) => s.events);
  const c = eventColumns(events);
  const { rows } = await sql<{ stream_id: string; expected: number; version: number }>`
    with expected as (
      select * from unnest(${streams.map((s) => s.streamId)}::text[], ${streams.map((s) => s.expectedVersion)}::int[]) as x(stream_id, expected)
    ),
    current_versions as (
      select x.stream_id, x.expected,
             coalesce((select max(e.stream_version) from events e where e.stream_id = x.stream_id), 0) as version
      from expected x
    ),
    inserted as (
      insert into events (stream_id, stream_version, event_id, type, schema, subject, data, metadata, occurred_at)
      select e.stream_id, e.stream_version, e.event_id, e.type, e.schema, e.subject, e.data, e.metadata, e.occurred_at
      from unnest(
        ${events.map((e) => e.envelope.streamId)}::text[], ${events.map((e) => e.envelope.streamVersion)}::int[],
        ${c.ids}::uuid[], ${c.types}::text[], ${c.schemas}::int[], ${c.subjects}::text[],
        ${c.data}::jsonb[], ${c.metadata}::jsonb[], ${c.occurredAt}::timestamptz[]
      ) with ordinality as e(stream_id, stream_version, event_id, type, schema, subject, data, metadata, occurred_at, ord)
      where not exists (select 1 from current_versions where version <> expected)
      order by e.ord
      returning event_id
    ),
    outboxed as (${outboxInsert(events)})
    select stream_id, expected, version from current_versions`.execute(db);
  return rows.map((r) => ({ streamId: r.stream_id, expected: r.expected, version: r.version }));
}
