import { Migration } from 'kysely';
import * as dispatch from './20261123020000_dispatch';

/** The dispatch service's migrations, by timestamped name (the event store's are added by the platform). */
export const dispatchMigrations: Record<string, Migration> = {
  '20261123020000_dispatch': dispatch,
};
