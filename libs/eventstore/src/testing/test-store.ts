import { nodeRef, NodeRef } from '@ws/contracts';
import { FixedClock } from '@ws/kernel';
import { createTestDatabase, testNodeCode, TestDatabase } from '@ws/testing';
import { Kysely } from 'kysely';
import { createDb, migrateToLatest } from '../database';
import { EventStore } from '../event-store';
import { eventStoreMigrations } from '../migrations';
import type { EventStoreTables } from '../tables';

export interface TestStore {
  database: TestDatabase;
  db: Kysely<EventStoreTables>;
  node: NodeRef;
  clock: FixedClock;
  store: EventStore;
  close(): Promise<void>;
}

/** A migrated event store in a database of its own, for one test file. */
export async function openTestStore(options: { max?: number } = {}): Promise<TestStore> {
  const database = await createTestDatabase('es');
  const db = createDb<EventStoreTables>(database.url, { max: options.max ?? 20 });
  await migrateToLatest(db, eventStoreMigrations);
  const node = nodeRef(testNodeCode());
  const clock = new FixedClock(new Date('2026-11-23T08:00:00.000Z'));
  return {
    database,
    db,
    node,
    clock,
    store: new EventStore(db, node, clock),
    async close() {
      await db.destroy();
      await database.drop();
    },
  };
}

/** A promise with its resolve exposed, to hold a transaction open until the test says so. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
