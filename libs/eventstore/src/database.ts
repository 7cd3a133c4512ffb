import { Kysely, Migration, Migrator, PostgresDialect } from 'kysely';
import { Client, ClientConfig, Pool, types } from 'pg';

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

export function createDb<DB>(url: string, options: { max?: number } = {}): Kysely<DB> {
  const config: ClientConfig = { connectionString: url, types: typeParsers };
  const pool = new Pool({ ...config, max: options.max ?? 10 });
  // An idle connection the server closes (restart, failover, a forced drop) is an 'error' event
  // on the pool, fatal to the process if nobody listens. The pool has already discarded it and
  // the next query opens a new one; a real outage surfaces as that query's error.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  connectionConfigs.set(db, config);
  return db;
}

export async function migrateToLatest(db: Kysely<any>, migrations: Record<string, Migration>): Promise<void> {
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
