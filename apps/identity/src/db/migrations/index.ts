import { Migration } from 'kysely';
import * as identity from './20261201010000_identity';
import * as upstreamSignIns from './20261206210000_upstream_sign_ins';

/** The identity service's migrations, by timestamped name (the event store's are added by the platform). */
export const identityMigrations: Record<string, Migration> = {
  '20261201010000_identity': identity,
  '20261206210000_upstream_sign_ins': upstreamSignIns,
};
