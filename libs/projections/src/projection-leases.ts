import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Client, ClientConfig } from 'pg';
import { connectionConfigOf } from '@ws/eventstore';

/** 'WSPR': the first key of every projection lease (two-key advisory locks, a space of their own). */
const LEASE_CLASS = 0x57535052;
const KEEPALIVE_MS = 2_000;

/** The second key: 32 bits of the projection's name. */
export function leaseKeyOf(name: string): number {
  return createHash('sha256').update(name).digest().readInt32BE(0);
}

/**
 * Session advisory locks, one per projection name, held on one connection of their own per
 * database (a pooled one would be handed to other queries, and a lock held on it would outlive
 * the runner that took it). Postgres releases them when that connection ends — the process
 * exits or is killed, the network drops — so another process can take over. A lost connection
 * is noticed by its error or end, or at the latest by the next keep-alive query, and every lease
 * it held is reported lost.
 */
export class ProjectionLeases {
  private static readonly byDatabase = new WeakMap<Kysely<any>, ProjectionLeases>();
  private client?: Client;
  private connecting?: Promise<Client>;
  private keepalive?: NodeJS.Timeout;
  private readonly held = new Map<string, () => void>();
  /** Runners that hold or wait for a lease: the connection closes when the last one stops. */
  private readonly users = new Set<string>();

  private constructor(private readonly config: ClientConfig) {}

  /** The leases of this database, shared by every runner of the process. */
  static of(db: Kysely<any>): ProjectionLeases {
    let leases = ProjectionLeases.byDatabase.get(db);
    if (!leases) {
      const config = connectionConfigOf(db);
      if (!config) throw new Error('an exclusive projection needs a database made by createDb (its connection settings are needed for the lease)');
      leases = new ProjectionLeases(config);
      ProjectionLeases.byDatabase.set(db, leases);
    }
    return leases;
  }

  /**
   * Takes the lease of `name` if nobody holds it. `onLost` is called once if the lease is lost
   * while held (not on release).
   */
  async tryAcquire(name: string, onLost: () => void): Promise<boolean> {
    if (this.held.has(name)) throw new Error(`projection lease ${name} is already held by this process`);
    this.users.add(name);
    const client = await this.connect();
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1, $2) as locked', [LEASE_CLASS, leaseKeyOf(name)]);
    if (!rows[0]?.locked) return false;
    this.held.set(name, onLost);
    return true;
  }

  /** Gives the lease back (if held); `done` when the runner stops, so its waiting ends too. */
  async release(name: string, done = false): Promise<void> {
    if (done) this.users.delete(name);
    const client = this.client;
    if (this.held.delete(name) && client) {
      await client.query('select pg_advisory_unlock($1, $2)', [LEASE_CLASS, leaseKeyOf(name)]).catch(() => undefined);
    }
    if (client && this.users.size === 0) this.disconnect(client);
  }

  private connect(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new Client(this.config);
      client.on('error', () => this.lose(client));
      client.on('end', () => this.lose(client));
      try {
        await client.connect();
      } catch (error) {
        client.end().catch(() => undefined);
        throw error;
      } finally {
        this.connecting = undefined;
      }
      this.client = client;
      this.keepalive = setInterval(() => void client.query('select 1').catch(() => this.lose(client)), KEEPALIVE_MS);
      this.keepalive.unref();
      return client;
    })();
    return this.connecting;
  }

  /** The connection is gone, and every lock it held with it. */
  private lose(client: Client): void {
    if (this.client !== client) return;
    this.disconnect(client);
    const lost = [...this.held.values()];
    this.held.clear();
    for (const onLost of lost) onLost();
  }

  private disconnect(client: Client): void {
    if (this.client === client) {
      this.client = undefined;
      clearInterval(this.keepalive);
      this.keepalive = undefined;
    }
    client.end().catch(() => undefined);
  }
}
