import { Kysely, Migration, Migrator, PostgresDialect, PostgresPool, PostgresPoolClient } from 'kysely';
import { Client, ClientConfig, Pool, PoolClient, types } from 'pg';
import { UnavailableError } from '@ws/kernel';

const INT8_OID = 20;
const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';

/** bigint columns (positions, counts) as numbers; a value beyond 2^53 stays a string rather than lose digits. */
function parseInt8(value: string): number | string {
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) ? parsed : value;
}

const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};

/** The relay opens its own LISTEN connection with the settings the database was created with. */
const connectionConfigs = new WeakMap<Kysely<any>, ClientConfig>();

export function connectionConfigOf(db: Kysely<any>): ClientConfig | undefined {
  return connectionConfigs.get(db);
}

/**
 * How long a service waits on Postgres before it gives up and answers 503 (all optional: tools
 * and benchmarks run without them). A server that silently drops packets answers nothing, so
 * the server-side timeouts alone are not enough: the client stops waiting too.
 */
export interface DbTimeouts {
  /** Server-side: a statement running longer is cancelled (57014). */
  statementTimeoutMs?: number;
  /** Server-side: a transaction left idle this long is ended, its locks released. */
  idleInTransactionTimeoutMs?: number;
  /** Client-side: opening a connection, and waiting for a free one in the pool. */
  connectionTimeoutMs?: number;
  /** Client-side: a query without an answer this long fails ('Query read timeout') and its connection is dropped. */
  queryTimeoutMs?: number;
  /** Requests waiting for a connection at most; one more fails at once (UnavailableError: 503) rather than queue without bound. */
  maxWaiting?: number;
}

export function createDb<DB>(url: string, options: { max?: number } & DbTimeouts = {}): Kysely<DB> {
  const config: ClientConfig = { connectionString: url, types: typeParsers, keepAlive: true };
  const pool = new Pool({
    ...config,
    max: options.max ?? 10,
    ...(options.connectionTimeoutMs ? { connectionTimeoutMillis: options.connectionTimeoutMs } : {}),
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    ...(options.idleInTransactionTimeoutMs ? { idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs } : {}),
    ...(options.queryTimeoutMs ? { query_timeout: options.queryTimeoutMs } : {}),
  });
  // An idle connection the server closes (restart, failover, a forced drop) is an 'error' event
  // on the pool, fatal to the process if nobody listens. The pool has already discarded it and
  // the next query opens a new one; a real outage surfaces as that query's error.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: boundedPool(pool, options.maxWaiting) }) });
  // Leases, LISTEN and maintenance (index builds, migrations) use their own connections, without the request timeouts.
  connectionConfigs.set(db, config);
  return db;
}

/**
 * The pool as kysely sees it: a checkout fails at once when `maxWaiting` requests already wait
 * (the queue stays bounded while Postgres is away), and a connection whose query timed out on
 * the client is destroyed on release (its query may still be running: reused, it would answer
 * the next query with the old one's rows, or not at all).
 */
function boundedPool(pool: Pool, maxWaiting = Number.POSITIVE_INFINITY): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      if (pool.waitingCount >= maxWaiting) throw new UnavailableError(`database pool: ${pool.waitingCount} requests already wait for a connection`);
      const client: PoolClient = await pool.connect();
      // A checked-out client is on its own: pg-pool takes its 'error' listener off until release,
      // and a socket that dies under a query (Postgres gone, a reset connection) emits 'error'
      // besides rejecting the query — fatal to the process if nobody listens. The query's
      // rejection is the answer; the broken client is discarded on release.
      const ignore = () => undefined;
      client.on('error', ignore);
      let broken = false;
      const query = client.query.bind(client);
      const release = client.release.bind(client);
      return Object.assign(Object.create(client) as PoolClient, {
        query: (async (...args: Parameters<PoolClient['query']>) => {
          try {
            return await (query as (...a: unknown[]) => Promise<unknown>)(...args);
          } catch (error) {
            if ((error as Error).message === 'Query read timeout') broken = true;
            throw error;
          }
        }) as PoolClient['query'],
        release: () => {
          client.removeListener('error', ignore);
          release(broken ? new Error('query timed out on the client') : undefined);
        },
      });
    },
    end: () => pool.end(),
  };
}

/**
 * A one-connection database without the request timeouts, for work that may rightly take long
 * (building an index over a replayed table, a migration); destroyed after `work`.
 */
export async function withMaintenanceDb<T>(db: Kysely<any>, work: (maintenance: Kysely<any>) => Promise<T>): Promise<T> {
  const config = connectionConfigs.get(db);
  if (!config) return work(db);
  const pool = new Pool({ ...config, max: 1 });
  pool.on('error', () => undefined);
  const maintenance = new Kysely<any>({ dialect: new PostgresDialect({ pool: boundedPool(pool) }) });
  try {
    return await work(maintenance);
  } finally {
    await maintenance.destroy();
  }
}

export async function migrateToLatest(db: Kysely<any>, migrations: Record<string, Migration>): Promise<void> {
  await withMaintenanceDb(db, (maintenance) => migrate(maintenance, migrations));
}

async function migrate(db: Kysely<any>, migrations: Record<string, Migration>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Libraries and the service each contribute timestamped migrations; a library migration
    // released later may carry an older timestamp than a service migration already applied.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.filter((r) => r.status === 'Error').map((r) => r.migrationName) ?? [];
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`migration failed${failed.length ? ` (${failed.join(', ')})` : ''}: ${reason}`, { cause: error });
  }
}

/** A URL for database `name` on the server of `serverUrl`. */
export function databaseUrlOn(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates the database if it does not exist (safe when several instances start at once); returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name must be lower-case letters, digits and _: ${name}`);
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      await client.query(`create database "${name}"`).catch((error: { code?: string }) => {
        // Another instance created it between our check and our create.
        if (error.code !== DUPLICATE_DATABASE && error.code !== UNIQUE_VIOLATION) throw error;
      });
    }
  } finally {
    await client.end();
  }
  return databaseUrlOn(serverUrl, name);
}
