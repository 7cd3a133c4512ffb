import { Migration } from 'kysely';
import * as dispatch from './20261123020000_dispatch';
import * as piiAccessLog from './20261124010000_pii_access_log';

/** The dispatch service's migrations, by timestamped name (the event store's are added by the platform). */
export const dispatchMigrations: Record<string, Migration> = {
  '20261123020000_dispatch': dispatch,
  '20261124010000_pii_access_log': piiAccessLog,
};
