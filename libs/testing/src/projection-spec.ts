import { randomUUID } from 'node:crypto';
import type { Kysely, Migration } from 'kysely';
import { sql } from 'kysely';
import { eventSubject, nodeRef } from '@ws/contracts';
import type { EventEnvelope } from '@ws/contracts';
import { createDb, eventStoreMigrations, migrateToLatest } from '@ws/eventstore';
import type { ConsumedEvent } from '@ws/messaging';
import { type ForgedEvent, type Projection, projectionMigrations, type SetAsideEvent } from '@ws/projections';
import { createTestDatabase, type TestDatabase } from './infra';

/** An event of `node` (a district code) as it arrives on the projection's stream. */
export interface ProjectedEvent<T = unknown> {
  node: string;
  context: string;
  aggregate: string;
  aggregateId: string;
  type: string;
  data: T;
  occurredAt?: Date;
  eventId?: string;
}

export interface ProjectionSpec<DB> {
  /** The projection's database, migrated as the service's (event store, projections, its own tables). */
  readonly db: Kysely<DB>;
  /** An event as the stream delivers it, with the next stream position. */
  event<T>(event: ProjectedEvent<T>): ConsumedEvent;
  /** The same event delivered again past the stream's duplicate window: a new position, the same event id. */
  again(event: ConsumedEvent): ConsumedEvent;
  /**
   * given(events) → when projected: each batch applied in a transaction of its own, as the runner
   * hands them over; what the projection set aside (forged or refused), batch by batch.
   */
  given(...batches: readonly ConsumedEvent[][]): Promise<Array<readonly (ForgedEvent | SetAsideEvent)[]>>;
  /** then: the rows a query answers. */
  rows<R>(query: string): Promise<R[]>;
}

/**
 * A projection against real Postgres without the service around it, for the read model's own
 * spec: given(events) → when projected → then(rows). A database of its own for the describe
 * block (made in beforeAll, dropped in afterAll); call it at the top of a describe.
 *
 *   const visits = projectionSpec({ projection: new VisitsProjection(config), migrations: stationsMigrations });
 *   await visits.given([visits.event({ node: '330802', context: 'stations', ... })]);
 *   expect(await visits.rows('select * from visits_hourly')).toEqual([...]);
 *
 * A read model whose answer goes through HTTP, other read models or the bus is tested through
 * its service (startService / a ServiceHarness) instead.
 */
export function projectionSpec<DB>(options: { projection: Projection<DB>; migrations: Record<string, Migration>; databasePrefix?: string }): ProjectionSpec<DB> {
  let database: TestDatabase | undefined;
  let db: Kysely<DB> | undefined;
  let seq = 0;

  beforeAll(async () => {
    database = await createTestDatabase(options.databasePrefix ?? 'projection');
    db = createDb<DB>(database.url);
    await migrateToLatest(db as Kysely<any>, { ...eventStoreMigrations, ...projectionMigrations, ...options.migrations });
  });

  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  return {
    get db() {
      if (!db) throw new Error('projectionSpec: the database is made in beforeAll');
      return db;
    },
    event({ node, context, aggregate, aggregateId, type, data, occurredAt = new Date(), eventId = randomUUID() }) {
      const envelope: EventEnvelope = {
        eventId, type, schema: 1, streamId: `${aggregate}-${aggregateId}`, streamVersion: null, occurredAt: occurredAt.toISOString(), data,
        metadata: { correlationId: eventId, causationId: eventId, node, actor: 'test' },
      };
      return { seq: ++seq, subject: eventSubject(nodeRef(node), context, aggregate, aggregateId, type), envelope };
    },
    again(event) {
      return { ...event, seq: ++seq };
    },
    async given(...batches) {
      const setAside = [];
      for (const batch of batches) setAside.push((await this.db.transaction().execute((trx) => options.projection.apply(trx, batch))) ?? []);
      return setAside;
    },
    async rows<R>(query: string) {
      return (await sql.raw<R>(query).execute(this.db)).rows;
    },
  };
}
