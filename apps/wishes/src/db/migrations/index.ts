import { Migration } from 'kysely';
import * as wishes from './20261123030000_wishes';

/** The wishes service's migrations, by timestamped name (the event store's are added by the platform). */
export const wishesMigrations: Record<string, Migration> = {
  '20261123030000_wishes': wishes,
};
