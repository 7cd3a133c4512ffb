import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Infrastructure for integration tests, from env URLs defaulting to the machine's services. */
export const PG_URL = process.env['PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** A URL for database `name` on the same server as PG_URL. */
export function databaseUrl(name: string, serverUrl = PG_URL): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database for one test file; drop() removes it (forcefully). */
export async function createTestDatabase(prefix = 't'): Promise<TestDatabase> {
  const name = `${prefix}_${uniqueSuffix()}`.toLowerCase();
  const admin = new Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: databaseUrl(name),
    drop: () => dropTestDatabases([name]),
  };
}

/** The databases whose names start with `prefix` (a launched node's or federation's, named by its --db-prefix). */
export async function databasesNamed(prefix: string): Promise<string[]> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query<{ datname: string }>('select datname from pg_database where starts_with(datname, $1)', [prefix])).rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

/** Drops the databases (forcefully: a service still connected does not keep one). */
export async function dropTestDatabases(names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    for (const name of names) await client.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * A synthetic six-character district code for one test (starts with x, never a real GB/T 2260
 * code; nodeRef splits it into province x?, city x???), so each
 * test's subjects and streams are its own on the shared nats-server.
 */
export function testNodeCode(): string {
  return `x${uniqueSuffix().slice(0, 5)}`;
}
