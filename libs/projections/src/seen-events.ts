import { Kysely, Migration, sql, Transaction } from 'kysely';
import type { ConsumedEvent } from '@ws/messaging';

/**
 * Event ids a summing projection has counted. JetStream's duplicate window (2 min) drops a
 * republished event only within it; the relay republishes a row whose delete did not commit
 * however late it comes back, and a parent sources a child's stream again after the child was
 * restored from a backup. A projection that adds (visits, points) and not only sets state
 * counts each event id once: `firstSeen` keeps the events of a batch not counted before, in the
 * batch's transaction. A rebuild forgets the projection's ids (beginRebuild).
 */
export interface SeenEventsTable {
  projection: string;
  event_id: string;
  seen_at: Date;
}

export interface SeenEventsTables {
  projection_seen_events: SeenEventsTable;
}

/** How long a counted event id is remembered: far beyond any relay or source catching up. */
export const SEEN_EVENTS_KEEP_DAYS = 30;

export const seenEventsMigrations: Record<string, Migration> = {
  '20261216120000_projection_seen_events': {
    async up(db: Kysely<any>) {
      await sql`
        create table projection_seen_events (
          projection text not null,
          event_id uuid not null,
          seen_at timestamptz not null default now(),
          primary key (projection, event_id)
        )`.execute(db);
      await sql`create index projection_seen_events_seen_at on projection_seen_events (seen_at)`.execute(db);
    },
    async down(db: Kysely<any>) {
      await sql`drop table projection_seen_events`.execute(db);
    },
  },
};

/** The events of `events` whose ids `projection` has not counted before (the first of each id in the batch), now recorded as counted. */
export async function firstSeen(trx: Transaction<any>, projection: string, events: readonly ConsumedEvent[]): Promise<ConsumedEvent[]> {
  if (events.length === 0) return [];
  const ids = [...new Set(events.map((e) => e.envelope.eventId))];
  const { rows } = await sql<{ event_id: string }>`
    insert into projection_seen_events (projection, event_id)
    select ${projection}, id from unnest(${ids}::uuid[]) as x(id)
    on conflict do nothing
    returning event_id`.execute(trx);
  const fresh = new Set(rows.map((r) => r.event_id));
  return events.filter((e) => fresh.delete(e.envelope.eventId));
}

/** Forgets counted ids older than `days` (run by the platform every hour). */
export async function pruneSeenEvents(db: Kysely<any>, days = SEEN_EVENTS_KEEP_DAYS): Promise<number> {
  const result = await sql`delete from projection_seen_events where seen_at < now() - make_interval(days => ${days})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** A rebuild counts everything again. */
export async function forgetSeenEvents(trx: Transaction<any>, projection: string): Promise<void> {
  await sql`delete from projection_seen_events where projection = ${projection}`.execute(trx);
}
