import type { Kysely } from 'kysely';
import { Client, ClientConfig, type QueryResult, type QueryResultRow } from 'pg';
import { connectionConfigOf } from './database';

const KEEPALIVE_MS = 2_000;
/** What the keep-alive sends (also how a test tells this connection apart in pg_stat_activity). */
export const SESSION_KEEPALIVE_QUERY = 'select 1 as session_keepalive';
/** How the session connection shows in pg_stat_activity (the pools' connections carry none). */
export const SESSION_APPLICATION_NAME = 'waystation-session';

/** Something that holds state on the session (a lock, a LISTEN): told once when the connection, and that state with it, is gone. */
export type SessionLost = () => void;

/**
 * The one connection per database that carries what lives as long as a session: the projection
 * leases (session advisory locks) and the outbox relay's LISTEN. A pooled connection would be
 * handed to other queries, and what it held would outlive (or die with) whoever took it; one
 * connection per such user would cost a service three connections where two do. Everyone who
 * holds state on it is told when it is lost (an error, its end, or at the latest the next
 * keep-alive), and the next `connect()` opens a new one, LISTENing again on every channel.
 * It closes when its last user has let go.
 */
export class SessionConnection {
  private static readonly byDatabase = new WeakMap<Kysely<any>, SessionConnection>();
  private client?: Client;
  private connecting?: Promise<Client>;
  private keepalive?: NodeJS.Timeout;
  private readonly users = new Set<object>();
  private readonly lostListeners = new Set<SessionLost>();
  private readonly channels = new Map<string, Set<() => void>>();
  /** The last query sent: the next one waits for it (see `serially`). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly config: ClientConfig) {}

  /** The session of this database, shared by everything in the process that uses it. */
  static of(db: Kysely<any>): SessionConnection | undefined {
    let session = SessionConnection.byDatabase.get(db);
    if (!session) {
      const config = connectionConfigOf(db);
      if (!config) return undefined;
      session = new SessionConnection(config);
      SessionConnection.byDatabase.set(db, session);
    }
    return session;
  }

  get connected(): boolean {
    return this.client !== undefined;
  }

  /** `user` needs the connection from now on (until `release(user)`); resolves to it, opening it if need be. */
  connect(user: object): Promise<Client> {
    this.users.add(user);
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** Runs a query on the connection for `user` (connecting it if need be), after every query sent before it. */
  async query<R extends QueryResultRow>(user: object, text: string, values?: unknown[]): Promise<QueryResult<R>> {
    return this.serially<R>(await this.connect(user), text, values);
  }

  /** `user` no longer needs the connection; the last one out closes it. */
  release(user: object): void {
    this.users.delete(user);
    if (this.users.size === 0 && this.client) this.disconnect(this.client);
  }

  /** `onLost` is called (once per loss) whenever the connection is lost while open; not when it is closed by `release`. */
  onLost(onLost: SessionLost): () => void {
    this.lostListeners.add(onLost);
    return () => this.lostListeners.delete(onLost);
  }

  /**
   * LISTENs on `channel` now (if connected) and on every connection opened later; `onNotify` is
   * called for each notification, and once right after each LISTEN (what was committed while
   * nobody listened). Returns what stops it.
   */
  async listen(channel: string, onNotify: () => void): Promise<() => void> {
    let handlers = this.channels.get(channel);
    const first = !handlers;
    if (!handlers) this.channels.set(channel, (handlers = new Set()));
    handlers.add(onNotify);
    const client = this.client;
    if (client && first) await this.serially(client, `listen ${channel}`);
    if (client) onNotify();
    return () => {
      handlers.delete(onNotify);
      if (handlers.size > 0) return;
      this.channels.delete(channel);
      if (this.client) this.serially(this.client, `unlisten ${channel}`).catch(() => undefined);
    };
  }

  private async open(): Promise<Client> {
    const client = new Client({ ...this.config, application_name: SESSION_APPLICATION_NAME });
    client.on('error', () => this.lose(client));
    client.on('end', () => this.lose(client));
    client.on('notification', (message) => this.channels.get(message.channel)?.forEach((notify) => notify()));
    try {
      await client.connect();
      for (const channel of this.channels.keys()) await client.query(`listen ${channel}`);
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    this.keepalive = setInterval(() => void this.serially(client, SESSION_KEEPALIVE_QUERY).catch(() => this.lose(client)), KEEPALIVE_MS);
    this.keepalive.unref();
    for (const handlers of this.channels.values()) handlers.forEach((notify) => notify());
    return client;
  }

  /**
   * One query at a time: the leases of several runners, the LISTENs and the keep-alive share the
   * connection, and pg only queues queries sent while one runs with a deprecation warning (pg 9
   * refuses them).
   */
  private serially<R extends QueryResultRow>(client: Client, text: string, values?: unknown[]): Promise<QueryResult<R>> {
    const sent = this.queue.then(() => client.query<R>(text, values));
    this.queue = sent.catch(() => undefined);
    return sent;
  }

  /** The connection is gone, and every lock and LISTEN it held with it. */
  private lose(client: Client): void {
    if (this.client !== client) return;
    this.disconnect(client);
    for (const onLost of [...this.lostListeners]) onLost();
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
