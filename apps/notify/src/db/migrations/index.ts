import { Migration } from 'kysely';
import * as notify from './20261125010000_notify';
import * as postingRefs from './20261207040000_posting_refs';

/** The notify service's migrations, by timestamped name (the event store's are added by the platform). */
export const notifyMigrations: Record<string, Migration> = {
  '20261125010000_notify': notify,
  '20261207040000_posting_refs': postingRefs,
};
