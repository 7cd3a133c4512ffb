import type { Kysely, Transaction } from 'kysely';
import type { DomainEvent } from '@ws/contracts';
import type { EventStoreTables } from '@ws/eventstore';
import { fold, type Decider } from '@ws/kernel';

export interface StreamState<S> {
  state: S;
  version: number;
}

/**
 * A stream folded through `db`, which may be the transaction about to append to it: the DIR
 * inbox reads inside its batch's transaction, so a directive delivered twice in one batch sees
 * its own first receipt and decides nothing the second time.
 */
export async function loadStream<E extends DomainEvent, S>(
  db: Kysely<EventStoreTables> | Transaction<EventStoreTables>,
  decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>,
  streamId: string,
): Promise<StreamState<S>> {
  const rows = await db.selectFrom('events').select(['type', 'data', 'stream_version']).where('stream_id', '=', streamId).orderBy('global_position').execute();
  const version = rows.reduce((max, row) => Math.max(max, row.stream_version ?? 0), 0);
  return { state: fold(decider, rows.map((row) => ({ type: row.type, data: row.data }) as E)), version };
}
