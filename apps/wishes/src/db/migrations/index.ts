import { Migration } from 'kysely';
import { uploadsMigrations } from '@ws/uploads';
import * as wishes from './20261123030000_wishes';
import * as contactAccessLog from './20261124020000_contact_access_log';
import * as contactConsent from './20261125030000_contact_consent';
import * as idempotencyRequestHash from './20261206210000_idempotency_request_hash';
import * as dropReactionLog from './20261207140000_drop_reaction_log';

/** The wishes service's migrations, by timestamped name (the event store's are added by the platform). */
export const wishesMigrations: Record<string, Migration> = {
  '20261123030000_wishes': wishes,
  '20261124020000_contact_access_log': contactAccessLog,
  '20261125030000_contact_consent': contactConsent,
  '20261206210000_idempotency_request_hash': idempotencyRequestHash,
  '20261207140000_drop_reaction_log': dropReactionLog,
  ...uploadsMigrations,
};
