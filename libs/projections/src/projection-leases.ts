import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SessionConnection } from '@ws/eventstore';

/** 'WSPR': the first key of every projection lease (two-key advisory locks, a space of their own). */
const LEASE_CLASS = 0x57535052;

/** The second key: 32 bits of the projection's name. */
export function leaseKeyOf(name: string): number {
  return createHash('sha256').update(name).digest().readInt32BE(0);
}

/**
 * Session advisory locks, one per projection name, held on the database's session connection
 * (shared with the outbox LISTEN; a pooled connection would be handed to other queries, and a
 * lock held on it would outlive the runner that took it). Postgres releases them when that
 * connection ends — the process exits or is killed, the network drops — so another process can
 * take over. A lost connection is noticed by its error or end, or at the latest by the session's
 * keep-alive query, and every lease it held is reported lost.
 */
export class ProjectionLeases {
  private static readonly byDatabase = new WeakMap<Kysely<any>, ProjectionLeases>();
  private readonly held = new Map<string, () => void>();
  /** Runners that hold or wait for a lease: the session is let go when the last one stops. */
  private readonly users = new Set<string>();

  private constructor(private readonly session: SessionConnection) {
    session.onLost(() => this.lose());
  }

  /** The leases of this database, shared by every runner of the process. */
  static of(db: Kysely<any>): ProjectionLeases {
    let leases = ProjectionLeases.byDatabase.get(db);
    if (!leases) {
      const session = SessionConnection.of(db);
      if (!session) throw new Error('an exclusive projection needs a database made by createDb (its connection settings are needed for the lease)');
      leases = new ProjectionLeases(session);
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
    const { rows } = await this.session.query<{ locked: boolean }>(this, 'select pg_try_advisory_lock($1, $2) as locked', [LEASE_CLASS, leaseKeyOf(name)]);
    if (!rows[0]?.locked) return false;
    this.held.set(name, onLost);
    return true;
  }

  /** Gives the lease back (if held); `done` when the runner stops, so its waiting ends too. */
  async release(name: string, done = false): Promise<void> {
    if (done) this.users.delete(name);
    if (this.held.delete(name) && this.session.connected) {
      await this.session.query(this, 'select pg_advisory_unlock($1, $2)', [LEASE_CLASS, leaseKeyOf(name)]).catch(() => undefined);
    }
    if (this.users.size === 0) this.session.release(this);
  }

  /** The session is gone, and every lock it held with it. */
  private lose(): void {
    const lost = [...this.held.values()];
    this.held.clear();
    for (const onLost of lost) onLost();
  }
}
