import { Migration } from 'kysely';
import * as readModels from './20261123010000_stations_read_models';
import * as directives from './20261201120000_directives';

/** The stations service's migrations, by timestamped name (the event store's are added by the platform). */
export const stationsMigrations: Record<string, Migration> = {
  '20261123010000_stations_read_models': readModels,
  '20261201120000_directives': directives,
};
