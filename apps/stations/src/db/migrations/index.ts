import { Migration } from 'kysely';
import * as readModels from './20261123010000_stations_read_models';

/** The stations service's migrations, by timestamped name (the event store's are added by the platform). */
export const stationsMigrations: Record<string, Migration> = {
  '20261123010000_stations_read_models': readModels,
};
