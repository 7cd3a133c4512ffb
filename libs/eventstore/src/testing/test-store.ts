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

/** Resolves when `condition` holds; rejects after `timeoutMs` saying what it waited for. */
export async function eventually(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A promise with its resolve exposed, to hold a transaction open until the test says so. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
