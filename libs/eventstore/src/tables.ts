import type { ColumnType, Generated } from 'kysely';
import type { EventMetadata } from '@ws/contracts';

/** jsonb: read as parsed JSON, written as a JSON string. */
/** A jsonb column: read as T, written as its JSON text (`string | null` where the column takes null). Every service's tables use this one. */
export type Json<T, Write extends string | null = string> = ColumnType<T, Write, Write>;

export interface EventsTable {
  global_position: Generated<number>;
  stream_id: string;
  /** Null for high-volume facts appended without a version check. */
  stream_version: number | null;
  event_id: string;
  type: string;
  schema: number;
  subject: string;
  data: Json<unknown>;
  metadata: Json<EventMetadata>;
  occurred_at: ColumnType<Date, string | Date, string | Date>;
  recorded_at: Generated<Date>;
}

/** Rows waiting to be published; the relay deletes them once the bus has acknowledged them. */
export interface OutboxTable {
  position: Generated<number>;
  event_id: string;
  subject: string;
  headers: Json<Record<string, string>>;
  /** JSON.stringify(EventEnvelope), exactly the bytes that go on the bus. */
  payload: string;
  /** The event's stream (aggregate): while a row of it is set aside, its later rows wait. Null on rows from before it existed. */
  stream_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * Outbox rows the bus refused `attempts` times (too large, no stream for the subject, a
 * JetStream error): set aside with the reason so the relay goes on with the other streams;
 * the ops endpoint retries or discards them.
 */
export interface OutboxDeadLettersTable {
  position: number;
  event_id: string;
  subject: string;
  headers: Json<Record<string, string>>;
  payload: string;
  stream_id: string | null;
  reason: string;
  attempts: number;
  set_aside_at: Generated<Date>;
}

export interface EventStoreTables {
  events: EventsTable;
  outbox: OutboxTable;
  outbox_dead_letters: OutboxDeadLettersTable;
}
