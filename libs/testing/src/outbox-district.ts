import type { NatsConnection } from '@nats-io/transport-node';
import type { Kysely } from 'kysely';
import { DIRECTIVE_AGGREGATES, type DirectiveRef, type NodeRef, STATIONS_CONTEXT, VISIT_OCCUPATIONS } from '@ws/contracts';
import { createDb, eventStoreMigrations, EventStore, type EventStoreTables, migrateToLatest, OutboxRelay } from '@ws/eventstore';
import { newId, systemClock } from '@ws/kernel';
import { connectNats, JetStreamOutboxPublisher, nodeInboxPrefix } from '@ws/messaging';
import { createTestDatabase, type TestDatabase } from './infra';

export interface OutboxDistrictOptions {
  /** The district's stations (check-ins go round them); default 10 made-up ids. */
  stations?: number;
  /** The relay's idle poll (default 200 ms, as the services run it). */
  idleMs?: number;
  /** Database name prefix (default od). */
  databasePrefix?: string;
  /** Postgres pool (default 2: a write goes on while the relay waits for a nats-server that is away). */
  pool?: number;
}

/**
 * A district that writes check-ins as its stations service does, without the HTTP and Nest
 * around it: VisitsRecorded events appended to an event store in the district's own database
 * (events and outbox rows in one transaction), published by the real OutboxRelay and
 * JetStreamOutboxPublisher to the district's nats-server — which may be down or cut off: the
 * rows wait in the outbox and the relay keeps trying, as at a real node. One visit per event,
 * so a district's EVT messages, its visits and the visits counted for it above are one number.
 */
export class OutboxDistrict {
  /** Visits committed (each its own event): what must arrive everywhere above. */
  committed = 0;
  private readonly stationIds: string[];
  private next = 0;

  private constructor(
    readonly node: NodeRef,
    private readonly database: TestDatabase,
    private readonly db: Kysely<EventStoreTables>,
    private readonly nc: NatsConnection,
    private readonly store: EventStore,
    readonly relay: OutboxRelay,
    stations: number,
  ) {
    this.stationIds = Array.from({ length: stations }, () => newId());
  }

  static async start(node: NodeRef, natsUrl: string, options: OutboxDistrictOptions = {}): Promise<OutboxDistrict> {
    const database = await createTestDatabase(`${options.databasePrefix ?? 'od'}_${node.code}`);
    const db = createDb<EventStoreTables>(database.url, { max: options.pool ?? 2 });
    let nc: NatsConnection | undefined;
    try {
      await migrateToLatest(db, eventStoreMigrations);
      nc = await connectNats(natsUrl, `outbox-district-${node.code}`, { inboxPrefix: nodeInboxPrefix(node.code) });
      const relay = new OutboxRelay(db, new JetStreamOutboxPublisher(nc), { idleMs: options.idleMs ?? 200, logger: { error: () => undefined } });
      const district = new OutboxDistrict(node, database, db, nc, new EventStore(db, node, systemClock), relay, options.stations ?? 10);
      relay.start();
      return district;
    } catch (error) {
      await nc?.close().catch(() => undefined);
      await db.destroy();
      await database.drop();
      throw error;
    }
  }

  /** Appends `count` check-ins (one event each) in one transaction; counted once committed. Their event ids. */
  async record(count: number): Promise<string[]> {
    if (count <= 0) return [];
    const at = new Date().toISOString();
    const appends = Array.from({ length: count }, () => {
      const stationId = this.stationIds[this.next++ % this.stationIds.length]!;
      const occupation = VISIT_OCCUPATIONS[this.next % VISIT_OCCUPATIONS.length]!;
      return {
        target: { context: STATIONS_CONTEXT, aggregate: 'checkins', aggregateId: stationId },
        event: { type: 'VisitsRecorded', data: { stationId, visits: [{ key: newId(), at, occupation }] } },
        meta: { actor: 'public' },
      };
    });
    const written = await this.store.appendUnversioned(appends);
    this.committed += count;
    return written.map((envelope) => envelope.eventId);
  }

  /** What the district's stations service records when a directive reaches it and its officer signs for it (签收). */
  async acknowledgeDirective(directive: DirectiveRef): Promise<void> {
    const data = { ...directive, nodeCode: this.node.code };
    await this.store.appendToStream({ context: STATIONS_CONTEXT, aggregate: DIRECTIVE_AGGREGATES.receipt, aggregateId: directive.directiveId }, 0, [
      { type: 'DirectiveReceived', data },
      { type: 'DirectiveAcknowledged', data },
    ]);
  }

  /** Rows still waiting in the outbox. */
  async backlog(): Promise<number> {
    const row = await this.db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Stops the relay, closes the connections and drops the database. */
  async close(): Promise<void> {
    await this.relay.stop().catch(() => undefined);
    await this.nc.close().catch(() => undefined);
    await this.db.destroy().catch(() => undefined);
    await this.database.drop();
  }
}
