import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { pruneSeenEvents } from '@ws/projections';
import { DB } from './tokens';
import { PeriodicJob } from './periodic-job';

const PRUNE_EVERY_MS = 3_600_000;

/**
 * Summing projections keep the ids of the events they counted for SEEN_EVENTS_KEEP_DAYS (a
 * republish after the stream's duplicate window is not counted twice); older ids go hourly.
 * Any process may prune (a delete by age), so no lease.
 */
@Injectable()
export class SeenEventsPruner extends PeriodicJob<number> {
  constructor(@Inject(DB) private readonly db: Kysely<any>) {
    super({ name: 'SeenEventsPruner', everyMs: PRUNE_EVERY_MS });
  }

  /** How many ids it removed. */
  protected pass(): Promise<number> {
    return pruneSeenEvents(this.db);
  }
}
